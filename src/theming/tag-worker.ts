import { parentPort } from 'node:worker_threads';
import { type TaggedText, tagTexts } from './naming.js';
import type { TaggerMessage } from './tagging.js';

/**
 * Runs in a worker thread: loads the part-of-speech model at once, then tags the texts it is sent
 * to read ahead, and each batch of texts it is asked for. Started by `tagging.ts` so that both
 * happen while the main thread groups the statements. A text is tagged on its own, whatever else
 * is in its batch, so one tagged ahead is given as it was tagged.
 */
const port = parentPort!;
tagTexts(['warm up the tagger']);
const read = new Map<string, TaggedText>();
const tagged = (texts: readonly string[]): TaggedText[] => {
  const fresh = [...new Set(texts.filter((t) => !read.has(t)))];
  tagTexts(fresh).forEach((t, i) => read.set(fresh[i]!, t));
  return texts.map((t) => read.get(t)!);
};
port.on('message', (message: TaggerMessage) => {
  if ('ahead' in message) tagged(message.ahead);
  else port.postMessage(message.batches.map(tagged));
});
