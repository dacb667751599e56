import { parentPort } from 'node:worker_threads';
import { countNouns } from './naming.js';

/**
 * Runs in a worker thread: loads the part-of-speech model at once, then counts nouns in each batch
 * of texts it is sent. Started by `nouns.ts` so the model loads while the main thread groups
 * the statements.
 */
const port = parentPort!;
countNouns(['warm up the tagger']);
port.on('message', (batches: string[][]) => {
  port.postMessage(batches.map((texts) => [...countNouns(texts)]));
});
