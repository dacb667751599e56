import { parentPort } from 'node:worker_threads';
import { type CouncilJob, runCouncil } from './batch-council.js';

/**
 * A worker thread of `wtfc batch`: runs each council's job it is sent, one at a time, and posts
 * the result. What a council loads (word lists, the tagger's model, the word vectors) stays loaded
 * for the next.
 */
const port = parentPort!;
port.on('message', async (job: CouncilJob) => {
  port.postMessage(await runCouncil(job));
});
