/**
 * The small defects of the security probe (issue 14, finding 10), each reproduced: each passed
 * before, silently or with a wrong result.
 */
import { readFileSync, writeFileSync } from 'node:fs';
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
