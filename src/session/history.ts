import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { type Problem, ProblemsError } from '../errors.js';
import type { ThemeSet } from '../theming/engine.js';

/**
 * `history.jsonl`: one line per change to the themes, oldest first, each holding the whole state
 * after the change. Lines are only ever appended. `undo` is itself a line, naming the change it
 * steps back from, so the file is a complete record of what happened and in what order.
 */
export interface HistoryEntry {
  seq: number;
  /** ISO time of the change. */
  at: string;
  /** theme, rename, merge, split, move, park, unpark, lock, unlock, undo, or hand-edit. */
  action: string;
  /** One line a person can read. */
  summary: string;
  /** For `undo`: the seq of the change stepped back from. */
  undoes?: number;
  state: ThemeSet;
}

export function readHistory(path: string, file: string): HistoryEntry[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  const entries: HistoryEntry[] = [];
  const problems: Problem[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const entry = JSON.parse(line) as HistoryEntry;
      if (typeof entry.seq !== 'number' || typeof entry.action !== 'string' || typeof entry.state !== 'object' || entry.state === null) {
        throw new Error('missing seq, action or state');
      }
      entries.push(entry);
    } catch (err) {
      // A crash during an append can leave the last line cut short: that change never finished,
      // and the themes file was written first, so it is safe to read past it.
      const last = lines.slice(i + 1).every((l) => l.trim() === '');
      if (!last) problems.push({ where: { file, line: i + 1 }, message: `is not a history entry (${(err as Error).message})` });
    }
  });
  if (problems.length > 0) {
    throw new ProblemsError(`${file} has ${problems.length} damaged line(s)`, problems.slice(0, 20), 'restore it from a backup, or move it aside to start a new history (undo then starts from the current themes)');
  }
  return entries;
}

/** Appends one entry and flushes it to disk before returning. */
export function appendHistory(path: string, entries: readonly HistoryEntry[], change: Omit<HistoryEntry, 'seq' | 'at'>, now: Date): HistoryEntry {
  const entry: HistoryEntry = { seq: (entries.at(-1)?.seq ?? 0) + 1, at: now.toISOString(), ...change };
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, `${JSON.stringify(entry)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return entry;
}

/** The changes still in effect, oldest first: every `undo` removes the change it stepped back from. */
export function effectiveChanges(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const stack: HistoryEntry[] = [];
  for (const e of entries) {
    if (e.action === 'undo') stack.pop();
    else stack.push(e);
  }
  return stack;
}
