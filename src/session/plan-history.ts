import { existsSync } from 'node:fs';
import type { Plan } from '../core/plan.js';
import { WtfcError } from '../errors.js';
import { readText, writeFileAtomic } from './atomic.js';
import { parsePlanFile, renderPlanFile } from './plan-file.js';

/** One change to the plan, as `plan-history.jsonl` keeps it: what it did, and the plan before it. */
export interface PlanHistoryEntry {
  at: string;
  change: string;
  before: Plan;
}

/** Reads `plan-history.jsonl`; a missing file is no changes. */
export function readPlanHistory(path: string, file: string): PlanHistoryEntry[] {
  return existsSync(path) ? parsePlanHistory(readText(path), file) : [];
}

/** Its text as entries, each plan checked as plan.yaml is, so undo never restores a broken plan. */
export function parsePlanHistory(text: string, file: string): PlanHistoryEntry[] {
  const entries: PlanHistoryEntry[] = [];
  text
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let entry: PlanHistoryEntry;
      try {
        entry = JSON.parse(line) as PlanHistoryEntry;
        // The plan it holds is checked as plan.yaml is, so undo never restores a broken plan.
        parsePlanFile(renderPlanFile(entry.before), file);
      } catch {
        throw new WtfcError(`${file} is damaged at line ${i + 1}`, {
          where: { file, line: i + 1 },
          hint: 'restore it from a backup; or delete it, and the plan stays as it is but earlier changes can no longer be undone',
        });
      }
      entries.push(entry);
    });
  return entries;
}

/** Writes the whole history (atomically): the changes still to undo, oldest first. */
export function writePlanHistory(path: string, entries: readonly PlanHistoryEntry[]): void {
  writeFileAtomic(path, entries.map((e) => `${JSON.stringify(e)}\n`));
}
