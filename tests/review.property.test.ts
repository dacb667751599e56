import fc from 'fast-check';
import { topicWords } from './fixtures.js';
import { describe, expect, it } from 'vitest';
import { categories, perspectives, type Statement, type ThemeSet } from '../src/core/model.js';
import { WtfcError } from '../src/errors.js';
import { ThemeEditor } from '../src/theming/edit.js';
import { themeStatements } from '../src/theming/engine.js';
import { rethemeStatements } from '../src/theming/retheme.js';

/*
 * The re-theming guarantee, over generated sessions: for any sequence of facilitator edits,
 * followed by new statements and a re-theme, no locked or edited theme loses a member or its
 * name, and every statement is still placed exactly once.
 */

const RUNS = 60;

const topics = topicWords;
const noise = ['garden', 'kitchen', 'weekend', 'sister', 'music', 'lunch', 'village', 'phone'];

const text: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('I want', 'My', 'The', 'Nobody'),
    fc.nat({ max: topics.length - 1 }).chain((t) => fc.array(fc.constantFrom(...topics[t]!), { minLength: 1, maxLength: 4 })),
    fc.array(fc.constantFrom(...noise), { maxLength: 2 }),
  )
  .map(([frame, words, extra]) => [frame, ...words, ...extra].join(' '));

const rows = (prefix: string, min: number, max: number) =>
  fc.array(fc.record({ text, category: fc.constantFrom(...categories), perspective: fc.constantFrom(...perspectives) }), { minLength: min, maxLength: max }).map((list) =>
    list.map((r, i): Statement => ({ ...r, id: `${prefix}${String(i).padStart(3, '0')}`, person: '', council: '', source: 'gen.csv', line: i + 2 })),
  );

/** An edit by position: which theme, statement or name is picked depends on what exists when it runs. */
type Edit =
  | { kind: 'rename'; theme: number; name: string }
  | { kind: 'merge'; theme: number; other: number }
  | { kind: 'split'; theme: number; take: number }
  | { kind: 'move'; statement: number; to: number }
  | { kind: 'flag'; theme: number; action: 'park' | 'unpark' | 'lock' | 'unlock' };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), theme: fc.nat(), name: fc.constantFrom('I get there on time', 'I can pay my PA', 'I know who is coming', 'I am heard') }),
  fc.record({ kind: fc.constant('merge' as const), theme: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('split' as const), theme: fc.nat(), take: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('move' as const), statement: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('flag' as const), theme: fc.nat(), action: fc.constantFrom('park' as const, 'unpark' as const, 'lock' as const, 'lock' as const, 'unlock' as const) }),
);

function apply(set: ThemeSet, statements: readonly Statement[], edit: Edit): ThemeSet {
  const all = categories.flatMap((c) => set.categories[c].themes);
  if (all.length === 0) return set;
  const theme = (i: number) => all[i % all.length]!;
  const editor = new ThemeEditor(set, statements);
  try {
    switch (edit.kind) {
      case 'rename':
        return editor.rename(theme(edit.theme).id, edit.name).set;
      case 'merge': {
        const a = theme(edit.theme);
        const same = all.filter((t) => t.category === a.category && t.id !== a.id);
        return same.length === 0 ? set : editor.merge([a.id, same[edit.other % same.length]!.id]).set;
      }
      case 'split': {
        const t = theme(edit.theme);
        return editor.splitStatements(t.id, t.statements.slice(0, edit.take)).set;
      }
      case 'move': {
        const s = statements[edit.statement % statements.length]!;
        const targets = [...all.filter((t) => t.category === s.category).map((t) => t.id), 'unthemed'];
        return editor.move([s.id], targets[edit.to % targets.length]!).set;
      }
      case 'flag':
        return editor.flag(theme(edit.theme).id, edit.action).set;
    }
  } catch (err) {
    // A refused edit (a locked theme, taking every statement) changes nothing, as in the CLI.
    if (err instanceof WtfcError) return set;
    throw err;
  }
}

describe('re-theming after edits', () => {
  it('keeps every locked or edited theme exactly, and places every statement once', () => {
    fc.assert(
      fc.property(rows('a', 8, 40), rows('b', 0, 20), fc.array(editArb, { maxLength: 12 }), fc.integer({ min: 1, max: 4 }), (base, added, edits, minSize) => {
        let set = themeStatements(base, { themes: 'auto', minSize, seed: 7 });
        for (const edit of edits) set = apply(set, base, edit);
        const kept = categories.flatMap((c) => set.categories[c].themes).filter((t) => t.locked || t.edited);
        const all = [...base, ...added];
        const { set: after, report } = rethemeStatements(set, all, { themes: 'auto', minSize, seed: 7 });
        for (const t of kept) {
          const now = after.categories[t.category].themes.find((x) => x.id === t.id);
          expect(now, t.id).toBeDefined();
          expect(now!.name).toBe(t.name);
          expect(now!.statements).toEqual(t.statements);
          expect(now!.locked).toBe(t.locked);
        }
        for (const c of categories) {
          const placed = [...after.categories[c].themes.flatMap((t) => t.statements), ...after.categories[c].unthemed];
          expect(new Set(placed).size).toBe(placed.length);
          expect([...placed].sort()).toEqual(all.filter((s) => s.category === c).map((s) => s.id).sort());
          expect(report[c].newStatements).toBe(added.filter((s) => s.category === c).length);
          // Theme ids stay unique, old and new.
          const ids = after.categories[c].themes.map((t) => t.id);
          expect(new Set(ids).size).toBe(ids.length);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never changes a theme when an edit is refused', () => {
    fc.assert(
      fc.property(rows('a', 8, 30), fc.array(editArb, { minLength: 1, maxLength: 10 }), (base, edits) => {
        let set = themeStatements(base, { themes: 'auto', minSize: 2, seed: 7 });
        for (const edit of edits) {
          const before = structuredClone(set);
          const next = apply(set, base, edit);
          // apply returns the same object only when the edit was refused or had nothing to act on.
          if (next === set) expect(set).toEqual(before);
          set = next;
        }
      }),
      { numRuns: RUNS },
    );
  });
});
