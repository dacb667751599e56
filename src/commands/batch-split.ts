import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, mkdirSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { WtfcError } from '../errors.js';
import type { Delimiter } from '../core/csv.js';
import { writeGuardedCsv } from '../core/csv-write.js';
import type { Encoding } from '../core/decode.js';
import type { Context } from './context.js';
import { tooManyRows } from './ingest.js';
import { streamCsv } from './input.js';

/** One council's rows from one input file, staged as a CSV of their own. */
export interface StagedInput {
  /** The input file it came from, as typed. */
  file: string;
  /** Where its rows are staged. */
  path: string;
}

export interface SplitOptions {
  by: string;
  /** The column's name as the user gave it, for messages. */
  byShown: string;
  encoding: Encoding | undefined;
  delimiter: Delimiter | undefined;
  maxFileMb: number;
  maxRows: number;
}

/** Rows a council's staged file gathers before they are written: memory holds these, not the file. */
const rowsPerWrite = 500;

/**
 * Splits the files' rows by the council column into staged copies under `staging` (a CSV per
 * council and input file, header first, cells guarded like every CSV wtfc writes), reading as a
 * stream: a batch holds a chunk of each file and a few hundred rows per council, never a whole
 * file. A 440 MB file once took 8.6 GB when it was read whole. Returns each council's staged
 * inputs, in the order of the files.
 */
export async function splitByCouncil(ctx: Context, files: readonly string[], staging: string, options: SplitOptions): Promise<Map<string, StagedInput[]>> {
  mkdirSync(staging, { recursive: true });
  const councils = new Map<string, StagedInput[]>();
  let staged = 0;
  let rowsBefore = 0;
  for (const file of files) {
    let writers = new Map<string, { path: string; rows: string[][]; started: boolean }>();
    let header: string[] = [];
    let column = -1;
    let rows = 0;
    const flush = (w: { path: string; rows: string[][]; started: boolean }) => {
      if (w.rows.length === 0 && w.started) return;
      appendFileSync(w.path, writeGuardedCsv(w.started ? w.rows : [header, ...w.rows]));
      w.rows = [];
      w.started = true;
    };
    await streamCsv(
      ctx,
      file,
      options.encoding,
      options.delimiter,
      () => {
        // Reading starts again (the file was not UTF-8 after all): what was staged of it goes.
        for (const w of writers.values()) rmSync(w.path, { force: true });
        writers = new Map();
        rows = 0;
        return {
          header(h) {
            header = h;
            column = h.findIndex((x) => x.trim().toLowerCase() === options.by);
            if (column < 0) {
              throw new WtfcError(`${file} has no "${options.byShown}" column to group by`, { hint: `name the column with --by; its header is: ${h.join(', ')}` });
            }
          },
          row(row) {
            rows++;
            if (rowsBefore + rows > options.maxRows) throw tooManyRows(file, options.maxRows, rowsBefore, rows, row.line);
            const council = (row.cells[column] ?? '').trim() || '(no council)';
            let w = writers.get(council);
            if (!w) {
              w = { path: join(staging, `${++staged}.csv`), rows: [], started: false };
              writers.set(council, w);
            }
            w.rows.push(row.cells);
            if (w.rows.length >= rowsPerWrite) flush(w);
          },
        };
      },
      { maxFileMb: options.maxFileMb },
    );
    rowsBefore += rows;
    for (const [council, w] of writers) {
      flush(w);
      councils.set(council, [...(councils.get(council) ?? []), { file, path: w.path }]);
    }
  }
  return councils;
}

/** A council's copy of an input file, named after it: `1-statements.csv`. */
export function copyName(index: number, file: string): string {
  return `${index + 1}-${basename(file).replace(/\.[^.]*$/, '')}.csv`;
}

/**
 * A hash of files' bytes and some settings, read a megabyte at a time: the files are never held
 * whole, nor turned into one string (a 420 MB file made one longer than a string can be).
 */
export function hashFiles(paths: readonly string[], settings: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(settings));
  const buffer = Buffer.alloc(1 << 20);
  for (const path of paths) {
    hash.update(`\u0000${statSync(path).size}\u0000`);
    const fd = openSync(path, 'r');
    try {
      for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
    } finally {
      closeSync(fd);
    }
  }
  return hash.digest('hex');
}
