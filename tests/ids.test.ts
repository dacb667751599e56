/**
 * Statement ids reveal nothing of the text. They were once a plain SHA-256 of the file name,
 * category, person and text, and the report prints them beside a redacted statement: trying a
 * list of first names against the id recovered "Priyanka". Ids are now keyed with a random key
 * made with each session (wtfc.key), and a redaction is remembered by a keyed fingerprint, so
 * ingesting the original file again does not bring the detail back.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duplicateKey } from '../src/core/ingest.js';
import { ExitCode } from '../src/errors.js';
import { runInProcess, tempDir } from './helpers.js';

const names = ['Julie', 'Mohammed', 'Priyanka', 'Tom', 'Grace', 'Nkechi', 'Wojciech', 'Aled', 'Siobhan', 'Mei'];
const secret = 'My carer Priyanka is kind but always in a rush';
const rows = ['text,category,perspective', `${secret},not_working,person`, 'The taxi was late again,not_working,person', 'I like my day centre,working,person'];

async function session(random?: (size: number) => Uint8Array) {
  const dir = tempDir({ 'in.csv': `${rows.join('\n')}\n` });
  const cli = (...argv: string[]) => runInProcess([...argv, '-C', 's'], { cwd: dir, randomBytes: random });
  expect((await runInProcess(['init', 's'], { cwd: dir })).code).toBe(0);
  expect((await cli('ingest', 'in.csv', '--quiet')).code).toBe(0);
  const lines = readFileSync(join(dir, 's', 'statements.csv'), 'utf8').trim().split('\n').slice(1);
  const idOf = (words: string) => lines.find((l) => l.includes(words))!.split(',')[0]!;
  return { dir, s: join(dir, 's'), cli, idOf };
}

describe('statement ids', () => {
  it('cannot be matched against guesses: the old unkeyed hash of every guessed name misses the id', async () => {
    const { idOf } = await session(randomBytes);
    const id = idOf('Priyanka');
    const guess = (name: string) => {
      const digest = createHash('sha256').update(`in.csv\u0000${duplicateKey('not_working', '', secret.replace('Priyanka', name))}`).digest('hex');
      return `s-${digest.slice(0, 8)}`;
    };
    // The attack that worked: it matched the old id exactly.
    expect(names.filter((n) => guess(n) === id)).toEqual([]);
  });

  it('are keyed with the session\'s own random key: two sessions give the same rows other ids, and one session the same ids again', async () => {
    const a = await session(randomBytes);
    const b = await session(randomBytes);
    expect(a.idOf('taxi')).toMatch(/^s-[0-9a-f]{8}$/);
    expect(a.idOf('taxi')).not.toBe(b.idOf('taxi'));
    expect(readFileSync(join(a.s, 'wtfc.key'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    // The same file again: every row is known, nothing is added.
    const again = await a.cli('ingest', 'in.csv', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, duplicates: 3 });
  });

  it('of a session made before keys stay as they were; its next ingest makes the key', async () => {
    const { dir, s, cli, idOf } = await session();
    unlinkSync(join(s, 'wtfc.key'));
    const before = idOf('taxi');
    writeFileSync(join(dir, 'more.csv'), 'text,category,perspective\nNobody rings back,not_working,family\n');
    expect((await cli('ingest', 'more.csv', '--quiet')).code).toBe(0);
    expect(existsSync(join(s, 'wtfc.key'))).toBe(true);
    expect(readFileSync(join(s, 'statements.csv'), 'utf8')).toContain(`${before},The taxi was late again`);
  });

  it('a damaged key is refused with exit 2, and nothing is written', async () => {
    const { s, cli } = await session();
    writeFileSync(join(s, 'wtfc.key'), 'not a key\n');
    const r = await cli('ingest', 'in.csv');
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('s/wtfc.key is damaged: it should hold one line of 64 hexadecimal digits');
  });
});

describe('a redaction is remembered', () => {
  it('ingesting the original file again does not bring a redacted statement back', async () => {
    const { s, cli, idOf } = await session(randomBytes);
    expect((await cli('pii', 'redact', idOf('Priyanka'))).code).toBe(0);
    const pii = readFileSync(join(s, 'pii.yaml'), 'utf8');
    expect(pii).toMatch(/redacted:\n {2}- of: s-[0-9a-f]{8}\n {4}fingerprint: [0-9a-f]{64}/);
    expect(pii).not.toContain('Priyanka');
    const again = await cli('ingest', 'in.csv', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, duplicates: 3 });
    expect(readFileSync(join(s, 'statements.csv'), 'utf8')).not.toContain('Priyanka');
  });

  it('nor a redacted row of rejected.csv', async () => {
    const { dir, s, cli } = await session(randomBytes);
    writeFileSync(join(dir, 'odd.csv'), 'text,category,perspective\nMy son Tom lives at 14 Acacia Avenue,Could be better,family\n');
    expect((await cli('ingest', 'odd.csv', '--quiet')).code).toBe(0);
    expect((await cli('pii', 'redact', 'rejected:1')).code).toBe(0);
    expect((await cli('ingest', 'odd.csv', '--quiet')).code).toBe(0);
    const rejected = readFileSync(join(s, 'rejected.csv'), 'utf8');
    expect(rejected).not.toMatch(/Tom|Acacia/);
    expect(rejected.trim().split('\n')).toHaveLength(2);
  });
});
