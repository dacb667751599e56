import { Chalk, type ChalkInstance } from 'chalk';
import type { Io, OutStream } from '../io.js';

export type { InStream, Io, OutStream } from '../io.js';

/**
 * The colour level, decided once. NO_COLOR (https://no-color.org) wins; then FORCE_COLOR as chalk
 * and Node read it; otherwise colour only when the stream is a terminal that is not "dumb".
 */
export function colourLevel(stream: OutStream, env: Io['env'], flag: boolean | undefined): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2') return 2;
    if (force === '3') return 3;
    return 1;
  }
  if (flag === true) return 1;
  return stream.isTTY && env.TERM !== 'dumb' ? 1 : 0;
}

export function makeChalk(level: 0 | 1 | 2 | 3): ChalkInstance {
  return new Chalk({ level });
}
