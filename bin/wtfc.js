#!/usr/bin/env node
import { run } from '../dist/cli/main.js';

const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
};

process.exitCode = await run(process.argv.slice(2), io);
