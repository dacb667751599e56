/**
 * The small defects of the security probe (issue 14, finding 10), each reproduced: each passed
 * before, silently or with a wrong result.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/errors.js';
import { wall } from './fixtures.js';
import { runInProcess, snapshotTree, tempDir } from './helpers.js';

const rows = Object.values(wall).flat().map((t) => `"${t}",not_working,person`);

async function session(extra: Record<string, string> = {}) {
  const dir = tempDir({ 'in.csv': `text,category,perspective\n${rows.join('\n')}\n`, ...extra });
  const cli = (...argv: string[]) => runInProcess([...argv, '-C', 's'], { cwd: dir });
  await runInProcess(['init', 's'], { cwd: dir });
  return { dir, s: join(dir, 's'), cli };
}

describe('the probe\'s small findings', () => {
  it('a NUL in a UTF-8 statement is refused at its line, as docs/errors.md says', async () => {
    const { cli, s } = await session({ 'nul.csv': 'text,category,perspective\n"I want\u0000 help",working,person\n' });
    const before = snapshotTree(s);
    const r = await cli('ingest', 'nul.csv');
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('nul.csv contains a NUL character');
    expect(r.stderr).toContain('nul.csv:2');
    expect(snapshotTree(s)).toEqual(before);
  });

  it('priorities.yaml holding anything but a record of wtfc prioritise is refused, not read as "prioritise by ?"', async () => {
    const { cli, s } = await session();
    expect((await cli('ingest', 'in.csv', '--quiet')).code).toBe(0);
    writeFileSync(join(s, 'priorities.yaml'), 'a: 1\n');
    const r = await cli('status');
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('s/priorities.yaml cannot be read');
    expect(r.stderr).toContain('unknown key "a"');
    expect(r.stderr).toContain('method must be one of count, dots, weighted, borda, schulze');
  });

  it('a history whose first line is damaged is refused before theme appends to it, so undo is not left broken', async () => {
    const { cli, s } = await session();
    expect((await cli('ingest', 'in.csv', '--quiet')).code).toBe(0);
    expect((await cli('theme', '--quiet')).code).toBe(0);
    const history = readFileSync(join(s, 'history.jsonl'), 'utf8');
    writeFileSync(join(s, 'history.jsonl'), `{"damaged\n${history.split('\n').slice(1).join('\n')}`);
    const before = snapshotTree(s);
    const r = await cli('themes', 'rename', 'nw-01', 'I want a carer who stays');
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('s/history.jsonl has 1 damaged line(s)');
    expect(snapshotTree(s)).toEqual(before);
  });

  it('a file of only a huge header names a few of its columns, briefly', async () => {
    const header = ['text', 'category', ...Array.from({ length: 5000 }, (_, i) => `column ${i} ${'x'.repeat(200)}`)].join(',');
    const { cli } = await session({ 'wide.csv': `${header}\n` });
    const r = await cli('ingest', 'wide.csv');
    const line = r.stderr.split('\n').find((l) => l.includes('ignored columns'))!;
    expect(line).toContain('… and 4990 more');
    expect(line.length).toBeLessThan(600);
  });
});

describe('limits the probe found missing', () => {
  it('votes import honours ingest.max_rows and ingest.max_file_mb, and writes nothing over them', async () => {
    const { dir, s, cli } = await session();
    expect((await cli('ingest', 'in.csv', '--quiet')).code).toBe(0);
    expect((await cli('theme', '--quiet')).code).toBe(0);
    const settings = join(s, 'wtfc.yaml');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace('max_rows: 2000000', 'max_rows: 5'));
    writeFileSync(join(dir, 'votes.csv'), `voter,perspective,theme,dots\n${Array.from({ length: 8 }, (_, i) => `V${i},person,nw-01,1`).join('\n')}\n`);
    const before = snapshotTree(s);
    const rows = await cli('votes', 'import', 'votes.csv');
    expect(rows.code).toBe(ExitCode.usage);
    expect(rows.stderr).toContain('votes.csv has more than 5 rows, the limit (ingest.max_rows); reading stopped at row 6');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace('max_rows: 5', 'max_rows: 2000000').replace('max_file_mb: 1024', 'max_file_mb: 1'));
    writeFileSync(join(dir, 'big.csv'), `voter,perspective,theme,dots\n${'Voter 123456,person,nw-01,1\n'.repeat(45_000)}`);
    const size = await cli('votes', 'import', 'big.csv');
    expect(size.code).toBe(ExitCode.usage);
    expect(size.stderr).toContain('over the limit of 1 MB (ingest.max_file_mb); nothing was read');
    const { 'wtfc.yaml': _settings, ...rest } = snapshotTree(s);
    const { 'wtfc.yaml': _before, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
  });

  it('a template that loops 300 million times stops with exit 2, naming the template, and writes nothing', async () => {
    const { s, cli } = await session();
    expect((await cli('ingest', 'in.csv', '--quiet')).code).toBe(0);
    expect((await cli('theme', '--quiet')).code).toBe(0);
    mkdirSync(join(s, 'templates'));
    writeFileSync(join(s, 'templates', 'report.md.liquid'), '{% for i in (1..300000000) %}x{% endfor %}\n');
    const before = snapshotTree(join(s, 'out'));
    const r = await cli('render', 'report', '--pii', 'warn');
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('template report.md.liquid: memory alloc limit exceeded');
    expect(snapshotTree(join(s, 'out'))).toEqual(before);
  });
});
