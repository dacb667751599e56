/**
 * The anonymisation screen's cache (`screen-cache.jsonl`): it changes how fast, never what is found.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from './helpers.js';

const rows = [
  'text,category,perspective',
  'My son Tom waits for the minibus every day,not_working,family',
  'Call me on 07700 900123 about the rota,not_working,person',
  'The day centre is lovely,working,person',
  'Julie from the agency never listens,not_working,family',
  '',
].join('\n');

async function session(): Promise<{ cwd: string; cli: (...argv: string[]) => Promise<{ code: number; stdout: string; stderr: string }> }> {
  const cwd = tempDir({ 'in.csv': rows });
  const cli = (...argv: string[]) => runInProcess([...argv, '-C', 's'], { cwd });
  expect((await runInProcess(['run', 'in.csv', '--out', 's', '--pii', 'warn', '--quiet'], { cwd })).code).toBe(0);
  return { cwd, cli };
}

describe('the screen cache', () => {
  it('is written by a command that holds the lock and succeeds, and gives the same findings as screening afresh', async () => {
    const { cwd, cli } = await session();
    const path = join(cwd, 's', 'screen-cache.jsonl');
    expect(existsSync(path)).toBe(true);
    const cached = (await cli('pii', '--json')).stdout;
    const before = readFileSync(path, 'utf8');
    // status only reads: it leaves the cache as it is.
    await cli('status');
    expect(readFileSync(path, 'utf8')).toBe(before);
    writeFileSync(path, '');
    expect((await cli('pii', '--json')).stdout).toBe(cached);
    // The cache holds keyed hashes, never a statement.
    expect(before).not.toContain('waits for the minibus');
  });

  it('is not believed when damaged, or when a finding is not where it says', async () => {
    const { cwd, cli } = await session();
    const path = join(cwd, 's', 'screen-cache.jsonl');
    const fresh = (await cli('pii', '--json')).stdout;
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    // Every text's entry says "nothing found", and one line is cut short.
    const emptied = [lines[0]!, ...lines.slice(1).map((l) => JSON.stringify({ ...(JSON.parse(l) as object), spans: [] })), '{"key": "ab'];
    writeFileSync(path, `${emptied.join('\n')}\n`);
    // "Nothing found" is believed for the texts it names (the entries are well formed)...
    const trusting = (await cli('pii', '--json')).stdout;
    expect(trusting).not.toBe(fresh);
    // ...but a finding that is not where it says is not, and the text is screened again.
    const moved = [lines[0]!, ...lines.slice(1).map((l) => {
      const e = JSON.parse(l) as { key: string; spans: { start: number; end: number }[] };
      return JSON.stringify({ ...e, spans: e.spans.map((s) => ({ ...s, start: s.start + 1, end: s.end + 1 })) });
    })];
    writeFileSync(path, `${moved.join('\n')}\n`);
    expect((await cli('pii', '--json')).stdout).toBe(fresh);
  });

  it('made with other pii.names, is not used', async () => {
    const { cwd, cli } = await session();
    const settings = join(cwd, 's', 'wtfc.yaml');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace('names: []', 'names: [Minibus]'));
    const listed = JSON.parse((await cli('pii', '--json')).stdout) as { findings: { span: string }[] };
    expect(listed.findings.map((f) => f.span)).toContain('minibus');
  });
});
