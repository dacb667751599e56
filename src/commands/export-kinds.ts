import { WtfcError } from '../errors.js';

/** What `wtfc export` can print. Apart from the export itself, so that `--help` loads nothing more. */
export const exportKinds = ['assignments'] as const;

export function checkExportKind(kind: string): void {
  if (!(exportKinds as readonly string[]).includes(kind)) {
    throw new WtfcError(`there is nothing called "${kind}" to export`, { hint: `export one of: ${exportKinds.join(', ')}` });
  }
}
