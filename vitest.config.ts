import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Both cores: vitest's default leaves one free for itself, which on this 2-core machine
    // halves the speed, and the main process is mostly idle while tests run.
    maxWorkers: 2,
    // Test files share a worker's loaded modules rather than loading wtfc afresh for each file,
    // which took half the fast tier's time. Safe because wtfc keeps no state in its modules but
    // two caches of loaded language models, and no test mocks a module or changes the process.
    isolate: false,
    // The fuzz tests' growth checks collect the heap before each timed run (tests/fuzz.test.ts).
    execArgv: ['--expose-gc'],
    tags: [
      {
        name: 'slow',
        description:
          'Slow because of what it must do: the kill test, the Chromium print checks, batch runs through the spawned binary, and the fuzzing. `npm test` runs them; `npm run test:fast` leaves them out.',
      },
    ],
  },
});
