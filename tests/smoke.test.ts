import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { repoRoot, runInProcess, tempDir } from './helpers.js';

describe('wtfc run on the bundled example', () => {
  it('ingests every statement and writes a report', async () => {
    const cwd = tempDir();
    const files = ['statements.csv', 'wide-excel.csv'].map((f) => join(repoRoot, 'examples', 'northmere', f));
    const r = await runInProcess(['run', ...files, '--out', 'session', '--json'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.ingest.read).toBe(data.ingest.added + data.ingest.duplicates + data.ingest.rejected);
    expect(data.ingest.added).toBeGreaterThanOrEqual(150);
    expect(existsSync(join(cwd, 'session', 'out', 'report.md'))).toBe(true);
  });
});
