import { PassThrough } from 'node:stream';
import { WtfcError } from '../errors.js';
import type { Io } from '../io.js';
import { writeFileAtomic } from '../session/atomic.js';
import { withSessionLock } from '../session/lock.js';
import { makeContext } from './context.js';
import { prioritiseSession } from './prioritise.js';
import { renderSession } from './render.js';
import { runPipeline } from './run.js';
import { importVotes } from './votes.js';

/** One council's work in a batch: its input files, and where its session goes. */
export interface CouncilJob {
  session: string;
  files: string[];
  /** The files are batch's own copies, written with the spreadsheet guard on their cells. */
  guarded?: boolean;
  council: string;
  themes?: string;
  /** `--pii`: the outputs' policy for personal details, in place of each session's wtfc.yaml. */
  pii?: string;
  /** A votes file: imported, then the council is prioritised by its dots. */
  votes?: string;
  /** Where to record the input's hash once the council has run. */
  stamp: string;
  hash: string;
  cwd: string;
  /** The batch's date, so every council's session carries the same one. */
  date: string;
}

export interface CouncilResult {
  status: 'done' | 'skipped' | 'failed';
  error?: string;
  statements: number;
  themes: number;
  seconds: number;
  /** Statements of an earlier run no longer in the input, and what taking them out did to the themes. */
  withdrawn?: { statements: number; notes: string[] };
}

/**
 * Runs one council's whole job (ingest, theme, rank, render), silently, and says how it went.
 * `clock` times it and stamps its lock: the batch's own clock when the council runs in the batch's
 * thread, the system's in a worker thread (a clock cannot be sent to one).
 */
export async function runCouncil(job: CouncilJob, clock: () => Date = () => new Date()): Promise<CouncilResult> {
  const started = clock().getTime();
  const quiet = { write: () => true };
  const io: Io = { stdout: quiet, stderr: quiet, stdin: new PassThrough(), env: {}, cwd: job.cwd, now: () => new Date(`${job.date}T12:00:00Z`) };
  try {
    const ctx = makeContext(io, job.session);
    // The council's session is locked like any other while its steps write it. The clock of `io`
    // is the batch's date for the outputs; the lock records when the council really started.
    const lock = { command: 'wtfc batch', now: clock(), show: ctx.show, note: () => {}, create: true };
    const summary = await withSessionLock(ctx.dir, lock, async () => {
      // A council's session mirrors its current rows: withdrawn rows leave, changed rows change.
      const summary = await runPipeline(ctx, job.files, { out: job.session, council: job.council, name: job.council, themes: job.themes, pii: job.pii, replace: true,
      // Batch's own copies are UTF-8 and comma-separated: nothing to guess.
      ...(job.guarded ? { guarded: true, delimiter: 'comma', encoding: 'utf-8' } : {}) });
      // Priorities by count (a council's votes are not read yet), recorded for the comparison. A
      // council with no "not working" themes simply has none.
      if (job.votes) await importVotes(ctx, [job.votes], {});
      await prioritiseSession(ctx, {}).catch((err: unknown) => {
        if (!(err instanceof WtfcError)) throw err;
      });
      // The report ranks as prioritised: render again now the votes are in.
      if (job.votes) await renderSession(ctx, { pii: job.pii });
      return summary;
    });
    writeFileAtomic(job.stamp, `${JSON.stringify({ council: job.council, hash: job.hash })}\n`);
    const t = summary.theme!;
    return {
      status: 'done',
      statements: summary.ingest.total,
      themes: Object.values(t.categories).reduce((n, c) => n + c.themes, 0),
      seconds: (clock().getTime() - started) / 1000,
      ...(summary.withdrawn && summary.withdrawn.statements > 0 ? { withdrawn: summary.withdrawn } : {}),
    };
  } catch (err) {
    const message = err instanceof WtfcError ? `${err.message}${err.hint ? ` (${err.hint})` : ''}` : `internal error: ${(err as Error).message}`;
    return { status: 'failed', error: message, statements: 0, themes: 0, seconds: (clock().getTime() - started) / 1000 };
  }
}
