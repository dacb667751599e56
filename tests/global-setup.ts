import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One temporary directory for the whole run, which the tests' `tempDir` makes its directories
 * in, and which is removed when the run ends: a run makes several hundred sessions, and they must
 * not pile up in the machine's temporary directory. `WTFC_KEEP_TEST_DIRS=1` keeps them to look at.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'wtfc-tests-'));
  process.env.WTFC_TEST_TMP = root;
  return () => {
    if (process.env.WTFC_KEEP_TEST_DIRS !== '1') rmSync(root, { recursive: true, force: true });
  };
}
