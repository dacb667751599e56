import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type NounCounts, countNouns } from './naming.js';

/** Counts nouns in batches of texts, one result per batch. */
export interface NounCounter {
  count(batches: readonly string[][]): Promise<NounCounts[]>;
  /** Frees the thread. Safe to call more than once. */
  stop(): void;
}

/**
 * A noun counter in a worker thread, so that loading wink-nlp's model (about 0.15 s) overlaps
 * the grouping on the main thread. The worker gives exactly what `countNouns` gives here; if it
 * cannot start (for example when running from the TypeScript sources), counting happens in this
 * thread instead.
 */
export function startNounCounter(): NounCounter {
  const url = new URL('./noun-worker.js', import.meta.url);
  if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return inThread;
  const worker = new Worker(url);
  let failed: Error | undefined;
  worker.on('error', (err) => (failed = err));
  let stopped = false;
  return {
    count: (batches) =>
      failed
        ? inThread.count(batches)
        : new Promise((resolve) => {
            const done = (result: NounCounts[]) => {
              worker.off('message', onMessage);
              worker.off('error', onError);
              resolve(result);
            };
            const onMessage = (entries: [string, { noun: number; total: number }][][]) => done(entries.map((e) => new Map(e)));
            // A worker that dies mid-way costs time, not the result.
            const onError = () => void inThread.count(batches).then(done);
            worker.on('message', onMessage);
            worker.on('error', onError);
            worker.postMessage(batches);
          }),
    stop: () => {
      if (!stopped) void worker.terminate();
      stopped = true;
    },
  };
}

const inThread: NounCounter = {
  count: async (batches) => batches.map((texts) => countNouns(texts)),
  stop: () => {},
};
