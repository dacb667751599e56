import { parentPort, workerData } from 'node:worker_threads';
import { type CouncilJob, runCouncil } from './batch-council.js';

/** A worker thread of `wtfc batch`: runs one council's job and posts the result. */
parentPort!.postMessage(await runCouncil(workerData as CouncilJob));
