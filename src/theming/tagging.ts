import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread } from 'node:worker_threads';
import { type TaggedText, tagTexts } from './naming.js';

/** Tags batches of texts for naming, one result per batch. */
export interface Tagger {
  tag(batches: readonly string[][]): Promise<TaggedText[][]>;
  /**
   * Texts that will probably be asked for soon: a tagger in another thread tags them while it
   * would otherwise wait, and keeps them for `tag`. What `tag` gives is the same either way.
   */
  readAhead(texts: readonly string[]): void;
  /** Frees the thread. Safe to call more than once. */
  stop(): void;
}

/** A message to the tagger's thread: texts to read ahead, or batches to tag and send back. */
export type TaggerMessage = { ahead: readonly string[] } | { batches: readonly string[][] };

/**
 * A part-of-speech tagger in a worker thread, so that loading wink-nlp's model (about 0.15 s), and
 * reading the texts a large set's themes will most likely be named from, overlap the grouping on
 * the main thread. The worker gives exactly what `tagTexts` gives here;
 * if it cannot start (for example when running from the TypeScript sources), tagging happens in
 * this thread instead. So it does in a worker thread itself, such as one of `wtfc batch`'s, whose
 * threads already keep every core busy and keep the model loaded from one council to the next.
 */
export function startTagger(): Tagger {
  const url = new URL('./tag-worker.js', import.meta.url);
  if (!isMainThread || url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return inThread;
  const worker = new Worker(url);
  let failed: Error | undefined;
  worker.on('error', (err) => (failed = err));
  let stopped = false;
  return {
    tag: (batches) =>
      failed
        ? inThread.tag(batches)
        : new Promise((resolve) => {
            const done = (result: TaggedText[][]) => {
              worker.off('message', onMessage);
              worker.off('error', onError);
              resolve(result);
            };
            const onMessage = (result: TaggedText[][]) => done(result);
            // A worker that dies mid-way costs time, not the result.
            const onError = () => void inThread.tag(batches).then(done);
            worker.on('message', onMessage);
            worker.on('error', onError);
            worker.postMessage({ batches } satisfies TaggerMessage);
          }),
    readAhead: (texts) => {
      if (!failed && !stopped) worker.postMessage({ ahead: texts } satisfies TaggerMessage);
    },
    stop: () => {
      if (!stopped) void worker.terminate();
      stopped = true;
    },
  };
}

const inThread: Tagger = {
  tag: async (batches) => batches.map((texts) => tagTexts(texts)),
  // In this thread, reading ahead would only be waited for.
  readAhead: () => {},
  stop: () => {},
};
