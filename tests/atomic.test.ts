import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/session/atomic.js';
import { tempDir } from './helpers.js';

describe('writeFileAtomic', () => {
  it('creates a file that did not exist, leaving nothing else in the folder', () => {
    const dir = tempDir();
    const target = join(dir, 'report.md');
    writeFileAtomic(target, '# Report\n');
    expect(readFileSync(target, 'utf8')).toBe('# Report\n');
    expect(readdirSync(dir)).toEqual(['report.md']);
  });

  it('replaces the whole content, even when the new content is shorter', () => {
    const dir = tempDir({ 'statements.csv': 'id,text\n'.repeat(1000), 'other.txt': 'untouched' });
    const target = join(dir, 'statements.csv');
    writeFileAtomic(target, 'id,text\ns1,Hi\n');
    expect(readFileSync(target, 'utf8')).toBe('id,text\ns1,Hi\n');
    expect(readFileSync(join(dir, 'other.txt'), 'utf8')).toBe('untouched');
    expect(readdirSync(dir).sort()).toEqual(['other.txt', 'statements.csv']);
  });

  it('writes text as UTF-8 and bytes as they are', () => {
    const dir = tempDir();
    writeFileAtomic(join(dir, 'a.txt'), 'Café 😀 — “quotes”');
    expect(readFileSync(join(dir, 'a.txt'))).toEqual(Buffer.from('Café 😀 — “quotes”', 'utf8'));
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x00, 0xff, 0x0d, 0x0a, 0x80]);
    writeFileAtomic(join(dir, 'b.bin'), bytes);
    expect(new Uint8Array(readFileSync(join(dir, 'b.bin')))).toEqual(bytes);
  });

  it('writes an empty file', () => {
    const dir = tempDir({ 'x.txt': 'old' });
    writeFileAtomic(join(dir, 'x.txt'), '');
    expect(statSync(join(dir, 'x.txt')).size).toBe(0);
  });

  it('leaves no temporary file behind after many writes in quick succession', () => {
    const dir = tempDir();
    const target = join(dir, 'themes.yaml');
    for (let i = 0; i < 50; i++) writeFileAtomic(target, `version: ${i}\n`);
    expect(readFileSync(target, 'utf8')).toBe('version: 49\n');
    expect(readdirSync(dir)).toEqual(['themes.yaml']);
  });

  it('throws when the folder is missing, creating neither the folder nor the file', () => {
    const dir = tempDir();
    const target = join(dir, 'missing', 'report.md');
    expect(() => writeFileAtomic(target, 'content')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(existsSync(target)).toBe(false);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('throws when the target cannot be replaced, and removes its temporary file', () => {
    // A folder where the file should be: the rename fails after the temporary file is written.
    const dir = tempDir();
    const target = join(dir, 'report.md');
    mkdirSync(target);
    expect(() => writeFileAtomic(target, 'content')).toThrow();
    expect(statSync(target).isDirectory()).toBe(true);
    expect(readdirSync(target)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['report.md']);
  });
});
