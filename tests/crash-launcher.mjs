/**
 * A worker thread of the kill test (crash.test.ts): runs one wtfc command through the built binary
 * and kills it as asked. It has a thread of its own so that its event loop is idle: a kill aimed
 * at a file's writing follows the first sign of it by a fraction of a millisecond, rather than
 * waiting behind whatever the test is checking at that moment.
 *
 * Asked { bin, dir, argv, kill }, where kill is absent, { when: 'anytime', after } (ms after the
 * start) or { when: 'writing', file, after } (ms after the process first touches that session
 * file, as fs.watch sees it), it answers { pid, code, stderr, touched, ms }: code is null when the
 * process was killed, and touched maps each session file it wrote to the first and last time (ms
 * from the start) it was seen touching it.
 */
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { writerOfTemp } from '../dist/session/atomic.js';
import { lockFileName } from '../dist/session/lock.js';

/**
 * The session file a change in the folder belongs to, if this process made it: the file itself,
 * or this process's temporary file for it. Its lock, and other processes' leftovers, are not writes.
 */
function writeTarget(name, pid) {
  if (name.startsWith(lockFileName)) return undefined;
  const writer = writerOfTemp(name);
  if (writer === undefined) return name;
  return writer === pid ? /^\.(.+)\.\d+\.[0-9a-z]+\.tmp$/.exec(name)[1] : undefined;
}

function launch({ bin, dir, argv, kill }) {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, ...argv, '-C', dir], { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
  const stop = () => child.kill('SIGKILL');
  const later = (ms) => (ms < 0.05 ? stop() : (timer = setTimeout(stop, ms)));
  let timer;
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d.toString()));
  const touched = new Map();
  const watcher = watch(dir, (_event, name) => {
    const file = name ? writeTarget(name, child.pid) : undefined;
    if (!file) return;
    const at = performance.now() - started;
    const seen = touched.get(file);
    if (seen) seen.last = at;
    else touched.set(file, { first: at, last: at });
    if (!seen && kill?.when === 'writing' && kill.file === file) later(kill.after);
  });
  if (kill?.when === 'anytime') later(kill.after);
  return new Promise((resolve) => {
    child.once('close', (code) => {
      clearTimeout(timer);
      watcher.close();
      resolve({ pid: child.pid, code, stderr, touched, ms: performance.now() - started });
    });
  });
}

parentPort.on('message', async (request) => parentPort.postMessage(await launch(request)));
