#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { run } from '../dist/bundle/main.js';

// A reader that stops early (`wtfc export assignments | head`) closes the pipe: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
  randomBytes,
};

process.exitCode = await run(process.argv.slice(2), io);
