import { parentPort } from 'node:worker_threads';
import { tagTexts } from './naming.js';

/**
 * Runs in a worker thread: loads the part-of-speech model at once, then tags each batch of texts
 * it is sent. Started by `tagging.ts` so the model loads while the main thread groups the
 * statements.
 */
const port = parentPort!;
tagTexts(['warm up the tagger']);
port.on('message', (batches: string[][]) => {
  port.postMessage(batches.map((texts) => tagTexts(texts)));
});
