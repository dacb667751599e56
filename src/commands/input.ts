import { type Stats, createReadStream, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { WtfcError, inputError } from '../errors.js';
import { type CsvHandler, CsvReader, type Delimiter } from '../core/csv.js';
import { type Encoding, NotUtf8, StreamDecoder } from '../core/decode.js';
import type { Context } from './context.js';

/** Bytes read from a file at a time. */
export const defaultChunkBytes = 256 * 1024;

const MB = 1024 * 1024;

export interface StreamOptions {
  /** Refuse a file larger than this many megabytes (MiB): a file before it is read, stdin as it arrives. */
  maxFileMb?: number;
  /** Bytes a chunk (tests use tiny ones, so chunk boundaries fall everywhere). */
  chunkBytes?: number;
}

export interface StreamedCsv {
  /** What to call the input in messages: the path as typed, or 'stdin'. */
  file: string;
  /** The file's base name, or 'stdin'. */
  source: string;
  delimiter: Delimiter;
  encoding: Encoding;
  headerLine: number;
}

/** How an input is named: `file` in messages, `source` in the statements' source column. */
export function inputName(file: string): { file: string; source: string } {
  return file === '-' ? { file: 'stdin', source: 'stdin' } : { file, source: basename(file) };
}

/**
 * Reads one CSV input (a path, or `-` for standard input) a chunk at a time: bytes →
 * `StreamDecoder` → `CsvReader` → a handler that gets the header and then each row as soon as it
 * is read. Only a chunk of bytes, a chunk of text and the record being parsed are held at once.
 *
 * A file whose encoding was guessed as UTF-8 and that turns out, further on, not to be UTF-8 is
 * read again from the start as Windows-1252 (so the text is what `decodeBytes` gives for the whole
 * file); `handler()` is called for a fresh handler each time reading starts, and the handler from
 * the first attempt must be dropped. Standard input cannot be read twice, so its bytes are kept
 * while the encoding is still such a guess (a BOM or `--encoding` settles it at once).
 */
export async function streamCsv(
  ctx: Context,
  file: string,
  encoding: Encoding | undefined,
  delimiter: Delimiter | undefined,
  handler: () => CsvHandler,
  options: StreamOptions = {},
): Promise<StreamedCsv> {
  const { file: name, source } = inputName(file);
  const input = file === '-' ? stdinInput(ctx, options) : fileInput(ctx, file, options);
  let forced = encoding;
  for (;;) {
    const decoder = new StreamDecoder(name, forced);
    const reader = new CsvReader(name, delimiter, handler());
    try {
      for await (const chunk of input.chunks()) {
        reader.write(decoder.write(chunk));
        if (!decoder.provisional) input.settled();
      }
      reader.write(decoder.end());
      const { delimiter: found, headerLine } = reader.end();
      return { file: name, source, delimiter: found, encoding: decoder.encoding!, headerLine };
    } catch (err) {
      if (err instanceof NotUtf8 && forced === undefined) {
        forced = 'windows-1252';
        continue;
      }
      throw err;
    }
  }
}

interface ByteInput {
  /** The input's bytes from the start; called again to read it again. */
  chunks(): AsyncIterable<Uint8Array>;
  /** The encoding is settled: no need to be able to read it again. */
  settled(): void;
}

function fileInput(ctx: Context, file: string, options: StreamOptions): ByteInput {
  const path = resolve(ctx.io.cwd, file);
  const cannotRead = (code: string | undefined) =>
    inputError(
      code === 'ENOENT' ? `cannot find ${file}` : code === 'EISDIR' ? `${file} is a directory` : `cannot read ${file} (${code})`,
      { file },
      'check the path; files are read relative to where you run wtfc, not the session directory',
    );
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (err) {
    throw cannotRead((err as NodeJS.ErrnoException).code);
  }
  if (stat.isDirectory()) throw cannotRead('EISDIR');
  const limit = options.maxFileMb;
  if (limit !== undefined && stat.size > limit * MB) throw tooBig(file, limit, stat.size, true);
  return {
    async *chunks() {
      let read = 0;
      const stream = createReadStream(path, { highWaterMark: options.chunkBytes ?? defaultChunkBytes });
      try {
        for await (const chunk of stream) {
          read += (chunk as Buffer).length;
          // The file may have grown since it was measured.
          if (limit !== undefined && read > limit * MB) throw tooBig(file, limit, read, false);
          yield chunk as Buffer;
        }
      } catch (err) {
        if (err instanceof WtfcError || !(err as NodeJS.ErrnoException).code) throw err;
        throw cannotRead((err as NodeJS.ErrnoException).code);
      } finally {
        stream.destroy();
      }
    },
    settled() {},
  };
}

function stdinInput(ctx: Context, options: StreamOptions): ByteInput {
  const stdin = ctx.io.stdin;
  if (stdin.isTTY) {
    throw new WtfcError('- reads statements from standard input, but nothing is piped in', {
      hint: 'pipe a CSV in (`wtfc ingest - < file.csv`), or name the file',
    });
  }
  // Not `for await`: leaving such a loop early would close standard input.
  const source = stdin[Symbol.asyncIterator]();
  const limit = options.maxFileMb;
  let kept: Uint8Array[] = [];
  let keeping = true;
  let read = 0;
  let done = false;
  return {
    async *chunks() {
      const again = kept;
      for (const chunk of again) yield chunk;
      while (!done) {
        const next = await source.next();
        if (next.done) {
          done = true;
          break;
        }
        const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
        read += chunk.length;
        if (limit !== undefined && read > limit * MB) throw tooBig('stdin', limit, read, false);
        if (keeping) kept.push(chunk);
        yield chunk;
      }
    },
    settled() {
      keeping = false;
      kept = [];
    },
  };
}

/** A file measured before it is read, and over the limit. */
export function fileTooBig(file: string, limitMb: number, bytes: number): WtfcError {
  return tooBig(file, limitMb, bytes, true);
}

function tooBig(file: string, limitMb: number, bytes: number, measured: boolean): WtfcError {
  const size = `${(bytes / MB).toFixed(1)} MB`;
  return inputError(
    measured
      ? `${file} is ${size}, over the limit of ${limitMb} MB (ingest.max_file_mb); nothing was read`
      : `${file} is over the limit of ${limitMb} MB (ingest.max_file_mb): reading stopped after ${size}`,
    { file },
    `raise ingest.max_file_mb in wtfc.yaml, or split the file into smaller ones and ingest them one by one`,
  );
}
