import type { BatchProgress } from '../commands/batch.js';
import { terminalText } from '../core/text.js';
import type { Io } from '../io.js';
import type { Printer } from './print.js';

/**
 * A progress bar on a terminal (councils done, statements a second, time left), from cli-progress;
 * plain lines anywhere else.
 */
export async function batchProgress(io: Io, p: Printer): Promise<BatchProgress> {
  // The line names the council as its rows spelled it.
  if (!io.stderr.isTTY || p.quiet || p.json) return { start: () => {}, council: (line) => p.note(terminalText(line)), stop: () => {} };
  const { SingleBar } = await import('cli-progress');
  const started = io.now().getTime();
  let statements = 0;
  const bar = new SingleBar(
    { format: 'councils {value}/{total} |{bar}| {rate} statements/s | {eta_formatted} left', stream: io.stderr as NodeJS.WritableStream, hideCursor: true, clearOnComplete: true },
  );
  return {
    start: (total) => bar.start(total, 0, { rate: 0 }),
    council: (_line, r) => {
      statements += r.statements;
      bar.increment(1, { rate: Math.round(statements / Math.max(0.001, (io.now().getTime() - started) / 1000)) });
    },
    stop: () => bar.stop(),
  };
}
