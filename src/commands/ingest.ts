import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { readAll } from '../cli/io.js';
import { WtfcError, formatWhere, inputError } from '../errors.js';
import { type Delimiter, delimiters, parseCsv } from '../core/csv.js';
import { type Encoding, decodeBytes, encodings } from '../core/decode.js';
import { type FileReport, type IngestResult, type IngestSource, ingestStatements } from '../core/ingest.js';
import { type Category, type Statement, isCategory } from '../core/model.js';
import { writeFileAtomic } from '../session/atomic.js';
import { type Session, loadRejected, loadSession } from '../session/session.js';
import type { PiiPolicy, Settings } from '../session/settings.js';
import { type Finding, screenStatements } from '../pii/screen.js';
import {
  type RejectedRow,
  mergeRejected,
  rejectedFromDuplicate,
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
  /** The anonymisation screen's findings in the statements this ingest adds. */
  pii: { policy: PiiPolicy; findings: Finding[]; /** The command that lists them. */ list: string };
}

export interface IngestPlan {
  result: IngestResult;
  rejectedRows: RejectedRow[];
  sources: IngestSource[];
  failedStrict: boolean;
}

/**
 * Reads and checks the input files against what the session already holds. Writes nothing, so
 * a file that cannot be read stops everything before any session file is touched.
 */
export async function planIngest(
  ctx: Context,
  files: string[],
  options: IngestOptions,
  base: { statements: readonly Statement[]; settings: Settings },
): Promise<IngestPlan> {
  if (files.length === 0) throw new WtfcError('name at least one file to ingest', { hint: 'use - to read from standard input' });
  const maps = parseMaps(options.map ?? []);
  const category = parseCategory(options.category);
  const encoding = parseEncoding(options.encoding);
  const delimiter = parseDelimiter(options.delimiter);

  const sources: IngestSource[] = [];
  for (const file of files) sources.push(await readSource(ctx, file, encoding, delimiter));

  const result = ingestStatements(sources, base.statements, {
    maps,
    category,
    council: options.council ?? (base.settings.council || undefined),
    maxTextLength: base.settings.ingest.maxTextLength,
    topTwo: base.settings.ingest.topTwo,
  });

  const categoryOf = new Map<string, Category>();
  for (const st of [...base.statements, ...result.added]) categoryOf.set(st.id, st.category);
  const rejectedRows = [
    ...result.rejected,
    ...result.duplicates.filter((d) => d.kind === 'repeat').map((d) => rejectedFromDuplicate(d, categoryOf.get(d.of) ?? '')),
  ].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.line - b.line));
  const failedStrict = Boolean(options.strict) && (result.warnings.length > 0 || result.rejected.length > 0);
  return { result, rejectedRows, sources, failedStrict };
}

/** Writes a plan into a session: rejected rows first, then the statements. */
export function applyIngest(s: Session, plan: IngestPlan): void {
  if (plan.rejectedRows.length > 0) {
    writeFileAtomic(s.paths.rejected, renderRejectedCsv(mergeRejected(loadRejected(s), plan.rejectedRows)));
  }
  if (plan.result.added.length > 0) {
    writeFileAtomic(s.paths.statements, renderStatementsCsv([...s.statements, ...plan.result.added]));
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
export async function ingestFiles(ctx: Context, files: string[], options: IngestOptions, session?: Session): Promise<IngestSummary> {
  const s = session ?? loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const plan = await planIngest(ctx, files, options, s);
  const write = !options.dryRun && !plan.failedStrict;
  if (write) applyIngest(s, plan);
  return summariseIngest(ingestTarget(s), plan, write, s.settings, ctx.dirFlag);
}

export async function readSource(ctx: Context, file: string, encoding: Encoding | undefined, delimiter: Delimiter | undefined): Promise<IngestSource> {
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

/** `--encoding`, with the names Excel and Windows users know it by (utf8, ansi, cp1252, latin1). */
export function parseEncoding(value: string | undefined): Encoding | undefined {
  return parseChoice<Encoding>(value, encodings, '--encoding');
}

function parseChoice<T extends string>(value: string | undefined, choices: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  const aliases: Record<string, string> = { utf8: 'utf-8', utf16le: 'utf-16le', utf16be: 'utf-16be', cp1252: 'windows-1252', ansi: 'windows-1252', latin1: 'windows-1252' };
  const resolved = (aliases[v] ?? v) as T;
  if (choices.includes(resolved)) return resolved;
  throw new WtfcError(`${flag} ${value}: not supported`, { hint: `use one of ${choices.join(', ')}` });
}

export function parseDelimiter(value: string | undefined): Delimiter | undefined {
  if (value === undefined) return undefined;
  const named: Record<string, Delimiter> = { comma: ',', semicolon: ';', tab: '\t', '\\t': '\t', pipe: '|' };
  const d = (named[value.toLowerCase()] ?? value) as Delimiter;
  if ((delimiters as readonly string[]).includes(d)) return d;
  throw new WtfcError(`--delimiter ${value}: not supported`, { hint: 'use comma, semicolon, tab or pipe' });
}
