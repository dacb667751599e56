import { closeSync, constants, existsSync, fstatSync, fsyncSync, ftruncateSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { categories, type ThemeSet } from '../core/model.js';
import { openNoFollow, readText, syncDirectory, writeFileAtomic } from './atomic.js';
import { type Problem, ProblemsError } from '../errors.js';

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
  /** For a change made again by `redo`: the seq of the change it makes again (action and summary are that change's). */
  redoes?: number;
  state: ThemeSet;
}

export function readHistory(path: string, file: string): HistoryEntry[] {
  return existsSync(path) ? parseHistory(readText(path), file) : [];
}

/** `history.jsonl`'s text as its entries; a damaged line is an error unless it is a torn last one. */
export function parseHistory(text: string, file: string): HistoryEntry[] {
  const lines = text.split('\n');
  const entries: HistoryEntry[] = [];
  const problems: Problem[] = [];
  // Only a last line without its newline can be an append cut short by a crash: the newline is
  // written with the line. A damaged line that ends in one is damage, wherever it is. (Found once,
  // not per damaged line: a file of many damaged lines took minutes.)
  const lastLine = text.endsWith('\n') ? -1 : lines.length - 1;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const entry = JSON.parse(line) as HistoryEntry;
      if (!isRecord(entry) || typeof entry.seq !== 'number' || typeof entry.action !== 'string' || typeof entry.summary !== 'string' || !isThemeState(entry.state)) {
        throw new Error('missing seq, action, summary or a whole state');
      }
      entries.push(entry);
    } catch (err) {
      // A crash during an append can leave the last line cut short: that change never finished,
      // and the themes file was written first, so it is safe to read past it.
      if (i !== lastLine) problems.push({ where: { file, line: i + 1 }, message: `is not a history entry (${(err as Error).message})` });
    }
  });
  if (problems.length > 0) {
    throw new ProblemsError(`${file} has ${problems.length} damaged line(s)`, problems.slice(0, 20), 'restore it from a backup, or move it aside to start a new history (undo then starts from the current themes)');
  }
  return entries;
}

/**
 * Removes a last line cut short by a crash, so the next entry starts on a line of its own. That
 * change never finished: its themes file was written first, and the next load sees the
 * difference and records it.
 */
function cutTornLine(fd: number): void {
  const size = fstatSync(fd).size;
  const buffer = Buffer.alloc(64 * 1024);
  if (size === 0 || (readSync(fd, buffer, 0, 1, size - 1) === 1 && buffer[0] === 0x0a)) return;
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - buffer.length);
    const read = readSync(fd, buffer, 0, end - start, start);
    const newline = buffer.subarray(0, read).lastIndexOf(0x0a);
    if (newline >= 0) return ftruncateSync(fd, start + newline + 1);
    end = start;
  }
  ftruncateSync(fd, 0);
}

/**
 * A whole state, every field of the type it has when wtfc writes it: an undo puts it back as the
 * themes, so a line edited by hand must not slip through with a theme that is null or a name
 * that is a number.
 */
function isThemeState(state: unknown): state is ThemeSet {
  if (!isRecord(state) || !isRecord(state.engine) || !isRecord(state.categories)) return false;
  const { engine, categories: c } = state;
  if (typeof engine.name !== 'string' || typeof engine.version !== 'number' || typeof engine.seed !== 'number' || typeof engine.minSize !== 'number') return false;
  if (engine.themes !== 'auto' && typeof engine.themes !== 'number') return false;
  return categories.every((k) => {
    const group = c[k];
    return isRecord(group) && Array.isArray(group.themes) && group.themes.every((t) => isTheme(t, k)) && isTextList(group.unthemed);
  });
}

function isTheme(t: unknown, category: string): boolean {
  if (!isRecord(t)) return false;
  const texts = [t.id, t.name, t.draft, t.label];
  // Themes recorded before a flag existed lack it: it reads as false.
  const flags = [t.locked, t.parked, t.edited];
  return (
    t.category === category &&
    texts.every((x) => typeof x === 'string') &&
    flags.every((x) => x === undefined || typeof x === 'boolean') &&
    isTextList(t.statements) &&
    isTextList(t.representative) &&
    typeof t.size === 'number' &&
    typeof t.cohesion === 'number' &&
    isRecord(t.perspectives) &&
    Object.values(t.perspectives).every((n) => typeof n === 'number')
  );
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isTextList(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((s) => typeof s === 'string');
}

/**
 * Appends one entry and flushes it to disk before returning. The file is only appended to, never
 * replaced: a crash mid-append leaves a torn last line, which `readHistory` skips and the next
 * append cuts off.
 */
export function appendHistory(path: string, entries: readonly HistoryEntry[], change: Omit<HistoryEntry, 'seq' | 'at'>, now: Date): HistoryEntry {
  const entry: HistoryEntry = { seq: (entries.at(-1)?.seq ?? 0) + 1, at: now.toISOString(), ...change };
  const created = !existsSync(path);
  // Appended in place, never through a link: see `noFollow`.
  const fd = openNoFollow(path, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT);
  try {
    cutTornLine(fd);
    const bytes = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // A new file's name lives in the directory: flush that too, or a crash could lose the whole file.
  if (created) syncDirectory(dirname(path));
  return entry;
}

/**
 * Replaces the whole history. Only redaction does this: the file is otherwise only appended to,
 * but a redacted name must leave every earlier state too, or undo would bring it back.
 */
export function rewriteHistory(path: string, entries: readonly HistoryEntry[]): void {
  writeFileAtomic(path, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
}

/** The changes still in effect, oldest first: every `undo` removes the change it stepped back from. */
export function effectiveChanges(entries: readonly HistoryEntry[]): HistoryEntry[] {
  return replay(entries).done;
}

/**
 * The changes undone that `redo` can make again, the next one last: undoing pushes a change here,
 * redoing takes it back, and any other change (an edit, a re-theme, a hand edit) clears them all.
 */
export function redoableChanges(entries: readonly HistoryEntry[]): HistoryEntry[] {
  return replay(entries).undone;
}

function replay(entries: readonly HistoryEntry[]): { done: HistoryEntry[]; undone: HistoryEntry[] } {
  const done: HistoryEntry[] = [];
  const undone: HistoryEntry[] = [];
  for (const e of entries) {
    if (e.action === 'undo') {
      const back = done.pop();
      if (back) undone.push(back);
    } else if (e.redoes !== undefined) {
      undone.pop();
      done.push(e);
    } else {
      done.push(e);
      undone.length = 0;
    }
  }
  return { done, undone };
}
