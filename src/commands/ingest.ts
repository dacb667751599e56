import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { readAll } from '../cli/io.js';
import { WtfcError, formatWhere, inputError } from '../errors.js';
import { type Delimiter, delimiters, parseCsv } from '../core/csv.js';
import { type Encoding, decodeBytes, encodings } from '../core/decode.js';
import { type FileReport, type IngestSource, ingestStatements } from '../core/ingest.js';
import { type Category, type Statement, isCategory } from '../core/model.js';
import { writeFileAtomic } from '../session/atomic.js';
import { type Session, loadRejected, loadSession } from '../session/session.js';
import {
  mergeRejected,
  rejectedFromDuplicate,
  rejectedFromRejection,
  renderRejectedCsv,
  renderStatementsCsv,
} from '../session/statements-file.js';
import type { Context } from './context.js';

export interface IngestOptions {
  map?: string[];
  category?: string;
  council?: string;
  encoding?: string;
  delimiter?: string;
  strict?: boolean;
  dryRun?: boolean;
}

export interface IngestSummary {
  read: number;
  added: number;
  duplicates: number;
  rejected: number;
  warnings: { where: string; message: string }[];
  files: FileReport[];
  /** Rejected rows and duplicates of other rows, as listed in rejected.csv. */
  rejections: { where: string; reason: string; text: string }[];
  written: boolean;
  /** True when --strict found warnings or rejections: the command exits 1 and writes nothing. */
  failedStrict: boolean;
  statementsFile: string;
  rejectedFile: string;
  total: number;
}

/** Reads input files, turns them into statements, and adds them to the session. */
export async function ingestFiles(ctx: Context, files: string[], options: IngestOptions, session?: Session): Promise<IngestSummary> {
  if (files.length === 0) throw new WtfcError('name at least one file to ingest', { hint: 'use - to read from standard input' });
  const s = session ?? loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const maps = parseMaps(options.map ?? []);
  const category = parseCategory(options.category);
  const encoding = parseChoice<Encoding>(options.encoding, encodings, '--encoding');
  const delimiter = parseDelimiter(options.delimiter);

  const sources: IngestSource[] = [];
  for (const file of files) sources.push(await readSource(ctx, file, encoding, delimiter));

  const result = ingestStatements(sources, s.statements, {
    maps,
    category,
    council: options.council ?? (s.settings.council || undefined),
    maxTextLength: s.settings.ingest.maxTextLength,
    topTwo: s.settings.ingest.topTwo,
  });

  const categoryOf = new Map<string, Category>();
  for (const st of [...s.statements, ...result.added]) categoryOf.set(st.id, st.category);
  const repeats = result.duplicates.filter((d) => d.kind === 'repeat');
  const rejectedRows = [
    ...result.rejected.map(rejectedFromRejection),
    ...repeats.map((d) => rejectedFromDuplicate(d, categoryOf.get(d.of) ?? '')),
  ].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.line - b.line));

  const failedStrict = Boolean(options.strict) && (result.warnings.length > 0 || result.rejected.length > 0);
  const write = !options.dryRun && !failedStrict;
  if (write) {
    if (rejectedRows.length > 0) {
      const merged = mergeRejected(loadRejected(s), rejectedRows);
      writeFileAtomic(s.paths.rejected, renderRejectedCsv(merged));
    }
    if (result.added.length > 0) {
      const all: Statement[] = [...s.statements, ...result.added];
      writeFileAtomic(s.paths.statements, renderStatementsCsv(all));
    }
  }
  const fileOf = new Map(sources.map((src) => [src.source, src.file]));
  return {
    read: result.read,
    added: result.added.length,
    duplicates: result.duplicates.length,
    rejected: result.rejected.length,
    warnings: result.warnings.map((w) => ({ where: formatWhere(w.where), message: w.message })),
    files: result.files,
    rejections: rejectedRows.map((r) => ({
      where: `${fileOf.get(r.source) ?? r.source}:${r.line}`,
      reason: r.reason,
      text: r.text,
    })),
    written: write,
    failedStrict,
    statementsFile: s.show(s.paths.statements),
    rejectedFile: s.show(s.paths.rejected),
    total: s.statements.length + (write ? result.added.length : 0),
  };
}

async function readSource(ctx: Context, file: string, encoding: Encoding | undefined, delimiter: Delimiter | undefined): Promise<IngestSource> {
  let bytes: Uint8Array;
  if (file === '-') {
    if (ctx.io.stdin.isTTY) {
      throw new WtfcError('- reads statements from standard input, but nothing is piped in', {
        hint: 'pipe a CSV in (`wtfc ingest - < file.csv`), or name the file',
      });
    }
    bytes = await readAll(ctx.io.stdin);
  } else {
    try {
      bytes = readFileSync(resolve(ctx.io.cwd, file));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw inputError(
        code === 'ENOENT' ? `cannot find ${file}` : code === 'EISDIR' ? `${file} is a directory` : `cannot read ${file} (${code})`,
        { file },
        'check the path; files are read relative to where you run wtfc, not the session directory',
      );
    }
  }
  const name = file === '-' ? 'stdin' : file;
  const decoded = decodeBytes(bytes, name, encoding);
  const csv = parseCsv(decoded.text, name, delimiter);
  return { file: name, source: file === '-' ? 'stdin' : basename(file), csv };
}

/** `--map text="What they said"` pairs; the header may contain '='. */
export function parseMaps(entries: string[]): Record<string, string> {
  const maps: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq <= 0 || eq === entry.length - 1) {
      throw new WtfcError(`--map ${entry}: expected field=Header`, { hint: 'for example --map text="What they said"' });
    }
    maps[entry.slice(0, eq).trim()] = entry.slice(eq + 1);
  }
  return maps;
}

export function parseCategory(value: string | undefined): Category | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (isCategory(v)) return v;
  throw new WtfcError(`--category ${value}: not a category`, { hint: 'use working, not_working or future' });
}

function parseChoice<T extends string>(value: string | undefined, choices: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  const aliases: Record<string, string> = { utf8: 'utf-8', utf16le: 'utf-16le', utf16be: 'utf-16be', cp1252: 'windows-1252', ansi: 'windows-1252', latin1: 'windows-1252' };
  const resolved = (aliases[v] ?? v) as T;
  if (choices.includes(resolved)) return resolved;
  throw new WtfcError(`${flag} ${value}: not supported`, { hint: `use one of ${choices.join(', ')}` });
}

function parseDelimiter(value: string | undefined): Delimiter | undefined {
  if (value === undefined) return undefined;
  const named: Record<string, Delimiter> = { comma: ',', semicolon: ';', tab: '\t', '\\t': '\t', pipe: '|' };
  const d = (named[value.toLowerCase()] ?? value) as Delimiter;
  if ((delimiters as readonly string[]).includes(d)) return d;
  throw new WtfcError(`--delimiter ${value}: not supported`, { hint: 'use comma, semicolon, tab or pipe' });
}
