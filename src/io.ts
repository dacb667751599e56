/**
 * The streams, environment and clock a command is given, rather than reaching for `process`: the
 * bottom of the house, with errors.ts. Tests pass fakes and run the CLI in-process.
 */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface InStream extends AsyncIterable<Buffer | string> {
  isTTY?: boolean;
}

/** Everything impure a command needs. */
export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: Record<string, string | undefined>;
  cwd: string;
  now: () => Date;
  /** Random bytes, for a new session's key (crypto.randomBytes when not given); tests pass a fixed source. */
  randomBytes?: (size: number) => Uint8Array;
}

