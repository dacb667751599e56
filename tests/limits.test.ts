import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, snapshotTree, stripAnsi, tempDir } from './helpers.js';

/*
 * ingest.max_file_mb and ingest.max_rows in wtfc.yaml: a file over either limit stops the ingest
 * with exit 2, a message naming the file, the limit, what was found and the fix, and no session
 * file is touched.
 */

const header = 'id,text,category,perspective,person';
const rows = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `R${from + i},"Statement number ${from + i}, about the buses",not working,person,P${from + i}`);
const csv = (lines: string[]) => `${[header, ...lines].join('\n')}\n`;

/** A session holding one statement already, with the given ingest limits in its wtfc.yaml. */
async function sessionWith(limits: { maxFileMb?: number; maxRows?: number }): Promise<string> {
  const dir = tempDir({ 'first.csv': csv(['S0,The first statement,working,staff,P0']) });
  for (const argv of [['init', 's'], ['ingest', 'first.csv', '-C', 's']]) {
    const r = await runInProcess(argv, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
  }
  const yaml = join(dir, 's', 'wtfc.yaml');
  let settings = readFileSync(yaml, 'utf8');
  if (limits.maxFileMb !== undefined) settings = settings.replace(/max_file_mb: \d+/, `max_file_mb: ${limits.maxFileMb}`);
  if (limits.maxRows !== undefined) settings = settings.replace(/max_rows: \d+/, `max_rows: ${limits.maxRows}`);
  writeFileSync(yaml, settings);
  return dir;
}

/** Runs wtfc and checks it failed with exit 2 and left the session byte for byte as it was. */
async function refused(dir: string, argv: string[], stdin?: string): Promise<string> {
  const before = snapshotTree(join(dir, 's'));
  const r = await runInProcess(argv, { cwd: dir, stdin });
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(snapshotTree(join(dir, 's')), 'no session file may change').toEqual(before);
  return stripAnsi(r.stderr);
}

describe('ingest.max_file_mb', () => {
  // 1 MB is 1,048,576 bytes; this file is about 1.1 MB.
  const big = csv(rows(16_000));

  it('refuses a file over the limit before reading it, naming the file, its size, the limit and the fix', async () => {
    const dir = await sessionWith({ maxFileMb: 1 });
    writeFileSync(join(dir, 'big.csv'), big);
    const err = await refused(dir, ['ingest', 'big.csv', '-C', 's']);
    expect(err).toContain('wtfc: error: big.csv is 1.1 MB, over the limit of 1 MB (ingest.max_file_mb); nothing was read');
    expect(err).toContain('hint: raise ingest.max_file_mb in wtfc.yaml, or split the file');
  });

  it('stops reading standard input once more than the limit has arrived', async () => {
    const dir = await sessionWith({ maxFileMb: 1 });
    const err = await refused(dir, ['ingest', '-', '-C', 's'], big);
    expect(err).toMatch(/wtfc: error: stdin is over the limit of 1 MB \(ingest\.max_file_mb\): reading stopped after 1\.\d MB/);
    expect(err).toContain('raise ingest.max_file_mb in wtfc.yaml');
  });

  it('refuses nothing when every file is within the limit', async () => {
    const dir = await sessionWith({ maxFileMb: 2 });
    writeFileSync(join(dir, 'big.csv'), big);
    const r = await runInProcess(['ingest', 'big.csv', '-C', 's', '--quiet'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 's', 'statements.csv'), 'utf8').trim().split('\n')).toHaveLength(16_002);
  });
});

describe('ingest.max_rows', () => {
  it('stops at the first row over the limit, naming the file, the limit, the rows read and the line', async () => {
    const dir = await sessionWith({ maxRows: 5 });
    // A blank line and a quoted line break: rows are records, counted from line 2.
    writeFileSync(join(dir, 'many.csv'), `${header}\n\n${rows(3).join('\n')}\nR4,"two\nlines",working,staff,P4\n${rows(4, 5).join('\n')}\n`);
    const err = await refused(dir, ['ingest', 'many.csv', '-C', 's']);
    expect(err).toContain('wtfc: error: many.csv has more than 5 rows, the limit (ingest.max_rows); reading stopped at row 6');
    expect(err).toContain('at many.csv:9');
    expect(err).toContain('hint: raise ingest.max_rows in wtfc.yaml, or split the file into parts of at most 5 rows');
  });

  it('counts the rows of every file in one ingest together', async () => {
    const dir = await sessionWith({ maxRows: 5 });
    writeFileSync(join(dir, 'a.csv'), csv(rows(3)));
    writeFileSync(join(dir, 'b.csv'), csv(rows(3, 4)));
    const err = await refused(dir, ['ingest', 'a.csv', 'b.csv', '-C', 's']);
    expect(err).toContain(
      'wtfc: error: this ingest has more than 5 rows, the limit (ingest.max_rows): 3 in the files before b.csv, and reading stopped at row 3 of b.csv',
    );
    expect(err).toContain('at b.csv:4');
  });

  it('counts rows from standard input too, and the session is untouched with --json as well', async () => {
    const dir = await sessionWith({ maxRows: 2 });
    const err = await refused(dir, ['ingest', '-', '-C', 's', '--json'], csv(rows(3)));
    expect(err).toContain('stdin has more than 2 rows, the limit (ingest.max_rows); reading stopped at row 3');
  });

  it('takes a file of exactly the limit', async () => {
    const dir = await sessionWith({ maxRows: 5 });
    writeFileSync(join(dir, 'five.csv'), csv(rows(5)));
    const r = await runInProcess(['ingest', 'five.csv', '-C', 's', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ read: 5, added: 5, written: true, total: 6 });
  });
});
