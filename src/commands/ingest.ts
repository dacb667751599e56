import { randomBytes } from 'node:crypto';
import { WtfcError, formatWhere, inputError } from '../errors.js';
import { type Delimiter, type RawRow } from '../core/csv.js';
import type { Encoding } from '../core/decode.js';
import { type FileIngest, type FileReport, IngestBuilder, type IngestResult, type IngestSource, rejectedFingerprint } from '../core/ingest.js';
import type { Category, Statement } from '../core/model.js';
import { writeFileAtomic } from '../session/atomic.js';
import { keyBytes, readSessionKey, writeSessionKey } from '../session/key.js';
import { readPiiFile } from '../session/pii-file.js';
import { type Session, type SessionPaths, loadRejected, loadSession } from '../session/session.js';
import type { PiiPolicy, Settings } from '../core/settings.js';
import { type Finding, screenStatements } from '../pii/screen.js';
import { readGuardedCell } from '../core/csv-write.js';
import {
  type RejectedRow,
  mergeRejected,
  rejectedFromDuplicate,
  renderRejectedCsv,
  renderStatementsCsvPieces,
} from '../session/statements-file.js';
import type { Context } from './context.js';
import { parseCategory, parseDelimiter, parseEncoding } from './flags.js';
import { type ValueMeanings, readValueMeanings } from '../core/values.js';
import { type StreamOptions, inputName, streamCsv } from './input.js';

export interface IngestFlags {
  map?: string[];
  /** `--value "Could be better=not_working"`: what a category or perspective label means. */
  value?: string[];
  category?: string;
  council?: string;
  encoding?: string;
  delimiter?: string;
  strict?: boolean;
  dryRun?: boolean;
  /** The files were written by wtfc itself (batch's per-council copies): take off the spreadsheet guard. */
  guarded?: boolean;
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
  /** Category and perspective labels wtfc did not know, with the rows set aside for each. */
  unknownValues: { field: 'category' | 'perspective'; value: string; rows: number }[];
  written: boolean;
  /** True when --strict found warnings or rejections: the command exits 1 and writes nothing. */
  failedStrict: boolean;
  statementsFile: string;
  rejectedFile: string;
  total: number;
  /** The anonymisation screen's findings in the statements this ingest adds. */
  pii: { policy: PiiPolicy; findings: Finding[]; /** The command that lists them. */ list: string };
}

/** An input as messages name it (`file`) and as the statements' source column records it (`source`). */
export interface SourceName {
  file: string;
  source: string;
}

export interface IngestPlan {
  result: IngestResult;
  rejectedRows: RejectedRow[];
  sources: SourceName[];
  failedStrict: boolean;
  keys: IngestKeys;
}

/** What ingest needs from the session's key and its record of redactions. */
export interface IngestKeys {
  /** The session's key (`wtfc.key`), which statement ids are derived with. */
  secret: Uint8Array;
  /** Whether the session has it already; if not, ingest writes it with the statements. */
  stored: boolean;
  /** Redacted statements by the fingerprint of what they said. */
  statements: Map<string, string>;
  /** The fingerprints of redacted rows of rejected.csv. */
  rejected: Set<string>;
}

export function ingestKeys(ctx: Context, paths: SessionPaths): IngestKeys {
  const stored = readSessionKey(paths.key, ctx.show);
  const { redacted } = readPiiFile(paths.pii, ctx.show(paths.pii));
  return {
    secret: stored ?? Uint8Array.from((ctx.io.randomBytes ?? randomBytes)(keyBytes)),
    stored: stored !== undefined,
    statements: new Map(redacted.filter((r) => !r.of.startsWith('rejected:')).map((r) => [r.fingerprint, r.of])),
    rejected: new Set(redacted.filter((r) => r.of.startsWith('rejected:')).map((r) => r.fingerprint)),
  };
}

/**
 * Reads and checks the input files against what the session already holds. Writes nothing, so
 * a file that cannot be read stops everything before any session file is touched.
 */
export async function planIngest(
  ctx: Context,
  files: string[],
  options: IngestFlags,
  base: { statements: readonly Statement[]; settings: Settings },
  keys: IngestKeys,
  read: Pick<StreamOptions, 'chunkBytes'> = {},
): Promise<IngestPlan> {
  if (files.length === 0) throw new WtfcError('name at least one file to ingest', { hint: 'use - to read from standard input' });
  const maps = parseMaps(options.map ?? []);
  const values = valueMeanings(base.settings.ingest.values, options.value ?? []);
  const category = options.category === undefined ? undefined : parseCategory(options.category);
  const encoding = parseEncoding(options.encoding);
  const delimiter = parseDelimiter(options.delimiter);

  const builder = new IngestBuilder(base.statements, {
    maps,
    category,
    council: options.council ?? (base.settings.council || undefined),
    maxTextLength: base.settings.ingest.maxTextLength,
    topTwo: base.settings.ingest.topTwo,
    secret: keys.secret,
    redacted: keys.statements,
    values,
  });
  const { maxFileMb, maxRows } = base.settings.ingest;
  const sources: SourceName[] = [];
  // A file whose columns cannot be made out is reported once every file has been read, as a file
  // that cannot be read at all (bad bytes, bad quotes) is the first thing reported.
  let unusable: WtfcError | undefined;
  let rowsBefore = 0;
  for (const file of files) {
    const { file: name, source } = inputName(file);
    let fileIngest: FileIngest | undefined;
    let problem: WtfcError | undefined;
    let rows = 0;
    await streamCsv(
      ctx,
      file,
      encoding,
      delimiter,
      () => {
        rows = 0;
        problem = undefined;
        fileIngest = unusable ? undefined : builder.file(name, source);
        // A file whose columns cannot be made out (in its header, or in the rows looked at for
        // one) is set aside, and reported once every file has been read.
        const attempt = (step: (f: FileIngest) => void) => {
          if (!fileIngest) return;
          try {
            step(fileIngest);
          } catch (err) {
            if (!(err instanceof WtfcError)) throw err;
            problem = err;
            fileIngest = undefined;
          }
        };
        return {
          header(header, line, found) {
            attempt((f) => f.header(options.guarded ? header.map(readGuardedCell) : header, found, line));
          },
          row(row) {
            rows++;
            if (rowsBefore + rows > maxRows) throw tooManyRows(name, maxRows, rowsBefore, rows, row.line);
            attempt((f) => f.row(options.guarded ? { ...row, cells: row.cells.map(readGuardedCell) } : row));
          },
        };
      },
      { ...read, maxFileMb },
    );
    rowsBefore += rows;
    sources.push({ file: name, source });
    if (!problem && fileIngest) {
      try {
        fileIngest.end();
      } catch (err) {
        if (!(err instanceof WtfcError)) throw err;
        problem = err;
      }
    }
    if (problem) unusable ??= problem;
  }
  if (unusable) throw unusable;
  const result = builder.finish();

  // The category of each statement that a duplicate repeats, for rejected.csv.
  const repeated = new Set(result.duplicates.filter((d) => d.kind === 'repeat').map((d) => d.of));
  const categoryOf = new Map<string, Category>();
  if (repeated.size > 0) {
    for (const list of [base.statements, result.added]) for (const st of list) if (repeated.has(st.id)) categoryOf.set(st.id, st.category);
  }
  const rejectedRows = [
    ...result.rejected,
    ...result.duplicates.filter((d) => d.kind === 'repeat').map((d) => rejectedFromDuplicate(d, categoryOf.get(d.of) ?? '')),
  ]
    // A row redacted from rejected.csv is not listed again with its words when its file comes back.
    .filter((r) => keys.rejected.size === 0 || !keys.rejected.has(rejectedFingerprint(keys.secret, r)))
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.line - b.line));
  const failedStrict = Boolean(options.strict) && (result.warnings.length > 0 || result.rejected.length > 0);
  return { result, rejectedRows, sources, failedStrict, keys };
}

/**
 * Writes a plan into a session: the key for new ids, rejected rows, then the statements. With
 * `replace`, the files hold exactly the plan's rows and rejections, not those added to theirs.
 */
export function applyIngest(s: Session, plan: IngestPlan, options: { replace?: boolean } = {}): void {
  if (!plan.keys.stored && plan.result.added.length > 0) writeSessionKey(s.paths.key, plan.keys.secret);
  // A row turned away before and added now (its label given a meaning with --value) is no longer
  // a rejected row.
  const nowIn = new Set(plan.result.added.map((st) => `${st.source}\u0000${st.line}`));
  const before = options.replace ? [] : loadRejected(s);
  const stillOut = before.filter((r) => !nowIn.has(`${r.source}\u0000${r.line}`));
  if (plan.rejectedRows.length > 0 || options.replace || stillOut.length < before.length) {
    writeFileAtomic(s.paths.rejected, renderRejectedCsv(options.replace ? plan.rejectedRows : mergeRejected(stillOut, plan.rejectedRows)));
  }
  if (plan.result.added.length > 0 || options.replace) {
    writeFileAtomic(s.paths.statements, renderStatementsCsvPieces([...s.statements, ...plan.result.added]));
  }
}

export interface IngestTarget {
  /** How many statements the session held before. */
  held: number;
  statementsFile: string;
  rejectedFile: string;
}

export function ingestTarget(s: Session): IngestTarget {
  return { held: s.statements.length, statementsFile: s.show(s.paths.statements), rejectedFile: s.show(s.paths.rejected) };
}

export async function summariseIngest(
  target: IngestTarget,
  plan: IngestPlan,
  written: boolean,
  settings: Settings,
  dirFlag: string,
): Promise<IngestSummary> {
  const { result } = plan;
  const findings = await screenStatements(result.added, { names: settings.pii.names });
  const fileOf = new Map(plan.sources.map((src) => [src.source, src.file]));
  return {
    read: result.read,
    added: result.added.length,
    duplicates: result.duplicates.length,
    rejected: result.rejected.length,
    warnings: result.warnings.map((w) => ({ where: formatWhere(w.where), message: w.message })),
    files: result.files,
    unknownValues: result.unknownValues ?? [],
    rejections: plan.rejectedRows.map((r) => ({
      where: `${fileOf.get(r.source) ?? r.source}:${r.line}`,
      reason: r.reason,
      text: r.text,
    })),
    written,
    failedStrict: plan.failedStrict,
    statementsFile: target.statementsFile,
    rejectedFile: target.rejectedFile,
    total: target.held + (written ? result.added.length : 0),
    pii: { policy: settings.pii.policy, findings, list: `wtfc pii${dirFlag}` },
  };
}

/** Reads input files, turns them into statements, and adds them to the session. */
export async function ingestFiles(ctx: Context, files: string[], options: IngestFlags, session?: Session): Promise<IngestSummary> {
  const s = session ?? loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const plan = await planIngest(ctx, files, options, s, ingestKeys(ctx, s.paths));
  const write = !options.dryRun && !plan.failedStrict;
  if (write) applyIngest(s, plan);
  return summariseIngest(ingestTarget(s), plan, write, s.settings, ctx.dirFlag);
}

/**
 * Reads a whole CSV input into memory, for a command that needs every row at once (`votes import`),
 * within the session's limits: a file over `ingest.max_file_mb` is refused before it is read, and
 * reading stops at the row past `ingest.max_rows`.
 */
export async function readSource(
  ctx: Context,
  file: string,
  encoding: Encoding | undefined,
  delimiter: Delimiter | undefined,
  limits: Pick<Settings['ingest'], 'maxFileMb' | 'maxRows'>,
  rowsBefore = 0,
): Promise<IngestSource> {
  let header: string[] = [];
  let rows: RawRow[] = [];
  const read = await streamCsv(
    ctx,
    file,
    encoding,
    delimiter,
    () => {
      rows = [];
      return {
        header: (h) => {
          header = h;
        },
        row: (row) => {
          if (rowsBefore + rows.length + 1 > limits.maxRows) throw tooManyRows(inputName(file).file, limits.maxRows, rowsBefore, rows.length + 1, row.line);
          rows.push(row);
        },
      };
    },
    { maxFileMb: limits.maxFileMb },
  );
  return { file: read.file, source: read.source, csv: { delimiter: read.delimiter, header, headerLine: read.headerLine, rows } };
}

export function tooManyRows(file: string, limit: number, before: number, rows: number, line: number): WtfcError {
  return inputError(
    before === 0
      ? `${file} has more than ${limit} rows, the limit (ingest.max_rows); reading stopped at row ${rows}`
      : `this ingest has more than ${limit} rows, the limit (ingest.max_rows): ${before} in the files before ${file}, and reading stopped at row ${rows} of ${file}`,
    { file, line },
    `raise ingest.max_rows in wtfc.yaml, or split the file into parts of at most ${limit} rows and ingest them one by one`,
  );
}

/**
 * What the session's labels mean: `ingest.values` in wtfc.yaml (already checked when it was read),
 * then each `--value "Could be better=not_working"`, which wins for this run. The label may contain
 * '=': the last one divides it from its meaning.
 */
export function valueMeanings(settings: Record<string, string>, flags: readonly string[]): ValueMeanings {
  const pairs: (readonly [string, string])[] = Object.entries(settings);
  for (const entry of flags) {
    const eq = entry.lastIndexOf('=');
    if (eq <= 0 || eq === entry.length - 1) {
      throw new WtfcError(`--value ${entry}: expected "Label=meaning"`, { hint: 'for example --value "Could be better=not_working" or --value "Grandson=family"' });
    }
    pairs.push([entry.slice(0, eq), entry.slice(eq + 1).trim()]);
  }
  return readValueMeanings(pairs, ([label, meaning], message) => {
    throw new WtfcError(`--value ${label}=${meaning}: ${message}`, { hint: 'say what the label means with one of the names listed' });
  });
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

