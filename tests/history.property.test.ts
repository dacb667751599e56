import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ThemeSet } from '../src/core/model.js';
import { type HistoryEntry, effectiveChanges, redoableChanges } from '../src/session/history.js';

/*
 * Undo and redo over history.jsonl, against the plainest model of them: a list of states done and a
 * stack of states undone. Any sequence of changes, undos and redos, written as `wtfc themes`
 * writes its lines, must leave the themes and what can be redone exactly as the model says.
 */

type Op = 'change' | 'undo' | 'redo';

/** A stand-in state: the history only carries states, it never looks inside them. */
const state = (n: number) => ({ n }) as unknown as ThemeSet;
const label = (e: HistoryEntry) => (e.state as unknown as { n: number }).n;

describe('history replay: undo and redo', () => {
  it('agrees with a model of done and undone states for any sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<Op>('change', 'change', 'undo', 'redo'), { maxLength: 40 }), (ops) => {
        const lines: HistoryEntry[] = [];
        const add = (e: Omit<HistoryEntry, 'seq' | 'at'>) => lines.push({ ...e, seq: lines.length + 1, at: '' });
        add({ action: 'theme', summary: 'proposed', state: state(0) });
        const done = [0];
        const undone: number[] = [];
        let next = 1;
        for (const op of ops) {
          const effective = effectiveChanges(lines);
          const redoable = redoableChanges(lines);
          if (op === 'change') {
            add({ action: 'rename', summary: `change ${next}`, state: state(next) });
            done.push(next++);
            undone.length = 0;
          } else if (op === 'undo' && effective.length >= 2) {
            const last = effective.at(-1)!;
            add({ action: 'undo', summary: `undid ${last.summary}`, undoes: last.seq, state: effective.at(-2)!.state });
            undone.push(done.pop()!);
          } else if (op === 'redo' && redoable.length > 0) {
            const again = redoable.at(-1)!;
            add({ action: again.action, summary: again.summary, redoes: again.redoes ?? again.seq, state: again.state });
            done.push(undone.pop()!);
          }
          expect(effectiveChanges(lines).map(label)).toEqual(done);
          expect(redoableChanges(lines).map(label)).toEqual(undone);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a hand edit recorded after an undo ends what can be redone', () => {
    const lines: HistoryEntry[] = [
      { seq: 1, at: '', action: 'theme', summary: 'proposed', state: state(0) },
      { seq: 2, at: '', action: 'merge', summary: 'merged', state: state(1) },
      { seq: 3, at: '', action: 'undo', summary: 'undid merge: merged', undoes: 2, state: state(0) },
    ];
    expect(redoableChanges(lines).map(label)).toEqual([1]);
    lines.push({ seq: 4, at: '', action: 'hand-edit', summary: 'themes.yaml was edited outside wtfc', state: state(2) });
    expect(redoableChanges(lines)).toEqual([]);
  });
});
