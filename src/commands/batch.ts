import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Problem, ProblemsError, WtfcError } from '../errors.js';
import { LineCounter, isMap, isScalar, isSeq } from 'yaml';
import { readNamedText, readText, writeFileAtomic } from '../session/atomic.js';
import { parseYaml } from '../session/yaml.js';
import { defaultSettings, parseSettings } from '../session/settings.js';
import type { Context } from './context.js';
import { parseDelimiter, parseEncoding, parsePiiPolicy, positive } from './flags.js';
import { fileTooBig } from './input.js';
import { copyName, hashFiles, splitByCouncil } from './batch-split.js';
import { runCouncil, type CouncilJob, type CouncilResult } from './batch-council.js';
import { compareCouncils } from './comparison.js';
import { count } from '../core/text.js';

export interface BatchOptions {
  by?: string;
  out?: string;
  themes?: string;
  jobs?: string;
  force?: boolean;
  encoding?: string;
  delimiter?: string;
  pii?: string;
}

export interface BatchSummary {
  out: string;
  /** Where the cross-council comparison was written, and how many themes it found across councils. */
  comparison: string;
  crossThemes: number;
  councils: (CouncilResult & { council: string; dir: string })[];
  failed: number;
  skipped: number;
  seconds: number;
}

/**
 * Many councils in one command: the statements are grouped by the council column, and each
 * council gets a whole session of its own under `--out`, run in parallel worker threads. A council
 * whose input has not changed since the last run is skipped unless --force; a failing council is
 * reported at the end and does not stop the others.
 */
/** What the batch reports as it goes: one call as it starts, one per council as it finishes. */
export interface BatchProgress {
  start(councils: number): void;
  council(line: string, result: CouncilResult): void;
  stop(): void;
}

export async function runBatch(ctx: Context, files: string[], options: BatchOptions, progress: BatchProgress): Promise<BatchSummary> {
  const started = ctx.io.now().getTime();
  const by = (options.by ?? 'council').trim().toLowerCase();
  const jobs = options.jobs === undefined ? availableParallelism() : positive(options.jobs, '--jobs');
  parsePiiPolicy(options.pii);
  if (files.length === 1 && /\.ya?ml$/i.test(files[0]!)) return runBatchFile(ctx, files[0]!, options, progress, jobs, started);
  if (!options.out) throw new WtfcError('wtfc batch needs --out DIR: where the councils\' sessions go');
  const out = resolve(ctx.io.cwd, options.out);
  const limits = defaultSettings({ name: '', council: '', date: ctx.today() }).ingest;
  // Every file is read (and split by council) before anything in a council's folder is written: a
  // file that cannot be read stops the batch with the councils' folders as they were.
  const staging = join(out, `.batch-${process.pid}.tmp`);
  const made = !existsSync(out);
  try {
    const councils = await splitByCouncil(ctx, files, staging, {
      by,
      byShown: options.by ?? 'council',
      encoding: parseEncoding(options.encoding),
      delimiter: parseDelimiter(options.delimiter),
      maxFileMb: limits.maxFileMb,
      maxRows: limits.maxRows,
    });
    // Each council's input, moved into its folder, so the session's own files name what it read.
    const folders = councilFolders(out);
    const work: Work[] = [];
    for (const council of [...councils.keys()].sort()) {
      const dir = folders.claim(council);
      const staged = councils.get(council)!;
      const inputs = staged.map((x, i) => ({ staged: x.path, path: join(dir, 'input', copyName(i, x.file)) }));
      const hash = hashFiles(
        inputs.map((x) => x.staged),
        { inputs: inputs.map((x) => basename(x.path)), themes: options.themes ?? '', council, pii: options.pii ?? '' },
      );
      const skip = !options.force && recordedHash(dir) === hash && existsSync(join(dir, 'session', 'wtfc.yaml'));
      if (!skip) {
        folders.record(dir, council);
        mkdirSync(join(dir, 'input'), { recursive: true });
        // Copies of a council's files from an earlier run that no longer exist go: the session is
        // rebuilt from exactly these.
        for (const old of readdirSync(join(dir, 'input'))) if (old.endsWith('.csv') && !inputs.some((x) => basename(x.path) === old)) unlinkSync(join(dir, 'input', old));
        for (const x of inputs) renameSync(x.staged, x.path);
      }
      work.push({ council, dir, skip, job: { session: join(dir, 'session'), files: inputs.map((x) => x.path), guarded: true, council, themes: options.themes, pii: options.pii, stamp: stampPath(dir), hash, cwd: ctx.io.cwd, date: ctx.today() } });
    }
    // What is left staged belongs to councils whose input has not changed.
    rmSync(staging, { recursive: true, force: true });
    return await runWork(ctx, out, work, jobs, progress, started);
  } catch (err) {
    // Refused before any council ran: no folder is left behind that was not there before.
    rmSync(staging, { recursive: true, force: true });
    if (made && existsSync(out) && readdirSync(out).length === 0) rmSync(out, { recursive: true });
    throw err;
  }
}

type Work = { council: string; dir: string; job: CouncilJob; skip: boolean };

/**
 * A council's record in its folder (`batch.json`): which council the folder is, and the hash of the
 * input its last complete run read. Folders made before the record lived in `input/batch.json`
 * and held only the hash; their session's wtfc.yaml names the council.
 */
interface CouncilStamp {
  council?: string;
  hash?: string;
}

const stampPath = (dir: string) => join(dir, 'batch.json');

function readStamp(dir: string): CouncilStamp {
  for (const path of [stampPath(dir), join(dir, 'input', 'batch.json')]) {
    if (!existsSync(path)) continue;
    try {
      const value: unknown = JSON.parse(readText(path));
      if (typeof value !== 'object' || value === null) return {};
      const { council, hash } = value as Record<string, unknown>;
      return { ...(typeof council === 'string' ? { council } : {}), ...(typeof hash === 'string' ? { hash } : {}) };
    } catch {
      // A damaged record: the council runs again, and the record is written afresh.
      return {};
    }
  }
  return {};
}

/** The input hash a council's last run recorded; a record that is missing or damaged means run it again. */
function recordedHash(dir: string): string | undefined {
  return readStamp(dir).hash;
}

/** Which council a folder belongs to: its record, or its session's council; undefined for a folder no council has. */
function ownerOf(dir: string): string | undefined {
  const recorded = readStamp(dir).council;
  if (recorded !== undefined) return recorded;
  const settings = join(dir, 'session', 'wtfc.yaml');
  if (!existsSync(settings)) return existsSync(dir) && readdirSync(dir).length > 0 ? '' : undefined;
  try {
    return parseSettings(readText(settings), settings, '2000-01-01').council;
  } catch {
    return '';
  }
}

/**
 * Folder names for councils under `out`, each tied to its council by the record in it: a council
 * gets its own folder again on every run, and never one that holds another council's session
 * ("A-B" and "A B" both read as a-b). Names are kept short, and never one Windows reserves.
 */
function councilFolders(out: string): { claim: (council: string) => string; record: (dir: string, council: string) => void } {
  const taken = new Set<string>();
  return {
    claim(council) {
      const base = folderName(council);
      for (let n = 1; ; n++) {
        const name = n === 1 ? base : `${base}-${n}`;
        if (taken.has(name)) continue;
        const dir = join(out, name);
        const owner = ownerOf(dir);
        if (owner !== undefined && owner !== council) continue;
        taken.add(name);
        return dir;
      }
    },
    record(dir, council) {
      mkdirSync(dir, { recursive: true });
      const { hash } = readStamp(dir);
      writeFileAtomic(stampPath(dir), `${JSON.stringify({ council, ...(hash ? { hash } : {}) })}\n`);
    },
  };
}

/** Device names Windows will not give a file or folder, whatever the extension. */
const reservedNames = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** A council's folder name: its letters and digits in lower case, joined by hyphens, at most 40 characters. */
export function folderName(council: string): string {
  const slug = council.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40).replace(/-$/, '') || 'council';
  return reservedNames.test(slug) ? `${slug}-council` : slug;
}

async function runWork(ctx: Context, out: string, work: Work[], jobs: number, progress: BatchProgress, started: number): Promise<BatchSummary> {
  const results: BatchSummary['councils'] = [];
  let done = 0;
  const report = (w: Work, r: CouncilResult) => {
    done++;
    results.push({ ...r, council: w.council, dir: ctx.show(w.dir) });
    const withdrawn = r.withdrawn ? `, ${r.withdrawn.statements} withdrawn` : '';
    const what = r.status === 'failed' ? `failed: ${r.error}` : r.status === 'skipped' ? 'unchanged, skipped' : `${count(r.statements, 'statement')}${withdrawn}, ${count(r.themes, 'theme')}, ${r.seconds.toFixed(1)} s`;
    progress.council(`[${done}/${work.length}] ${w.council}: ${what}`, r);
  };
  progress.start(work.length);
  for (const w of work.filter((x) => x.skip)) report(w, { status: 'skipped', statements: 0, themes: 0, seconds: 0 });
  const queue = work.filter((x) => !x.skip);
  const workers = pool(Math.min(jobs, Math.max(1, queue.length)), ctx.io.now);
  try {
    await Promise.all(queue.map((w) => workers.run(w.job).then((r) => report(w, r))));
  } finally {
    await workers.close();
    progress.stop();
  }
  results.sort((a, b) => (a.council < b.council ? -1 : a.council > b.council ? 1 : 0));
  const ran = work.filter((w) => results.find((r) => r.council === w.council)!.status !== 'failed');
  const comparison = await compareCouncils(out, ran.map((w) => ({ council: w.council, session: w.job.session })), ctx.today(), parsePiiPolicy(work[0]?.job.pii));
  return {
    out: ctx.show(out),
    comparison: ctx.show(comparison.dir),
    crossThemes: comparison.themes.length,
    councils: results,
    failed: results.filter((r) => r.status === 'failed').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    seconds: (ctx.io.now().getTime() - started) / 1000,
  };
}

/** A council as `batch.yaml` lists it, with its paths resolved. */
export interface BatchCouncil {
  name: string;
  files: string[];
  votes?: string;
  themes?: string;
}

/**
 * The `batch.yaml` form: a list of councils, each with its own files and, if it likes, its own
 * number of themes and a votes file.
 *
 *     out: councils
 *     councils:
 *       - name: Northmere
 *         files: [northmere/statements.csv]
 *         votes: northmere/votes.csv
 *         themes: auto
 *
 * Paths are read relative to the batch file; `--out` overrides `out`. This reads and checks the
 * file, reporting every problem with its line; nothing is run.
 */
export function readBatchFile(ctx: Context, file: string, options: Pick<BatchOptions, 'out'>): { out: string; councils: BatchCouncil[] } {
  const path = resolve(ctx.io.cwd, file);
  const problem = notAFile(path, file);
  if (problem) throw new WtfcError(problem, { hint: 'name a batch.yaml file' });
  const base = dirname(path);
  const lineCounter = new LineCounter();
  const doc = parseYaml(readNamedText(path), lineCounter);
  const problems: Problem[] = [];
  const where = (node: unknown) => ({ file, line: lineCounter.linePos((node as { range?: [number] } | null)?.range?.[0] ?? 0).line });
  for (const e of doc.errors) problems.push({ where: { file, line: lineCounter.linePos(e.pos[0]).line }, message: `not valid YAML: ${e.message.split('\n')[0]}` });
  const root = doc.contents;
  const councils: BatchCouncil[] = [];
  if (problems.length === 0 && isMap(root)) {
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!['out', 'councils'].includes(key)) problems.push({ where: where(pair.key), message: `unknown key "${key}"`, hint: 'expected out and councils' });
    }
    const list = root.get('councils', true);
    if (!isSeq(list) || list.items.length === 0) problems.push({ where: where(list ?? root), message: 'councils must list one or more councils' });
    else {
      for (const item of list.items) {
        if (!isMap(item)) {
          problems.push({ where: where(item), message: 'each council needs a name and files' });
          continue;
        }
        for (const pair of item.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : '';
          if (!['name', 'files', 'votes', 'themes'].includes(key)) problems.push({ where: where(pair.key), message: `unknown key "${key}"`, hint: 'a council has name, files, votes and themes' });
        }
        const name = String(item.get('name') ?? '').trim();
        const filesNode = item.get('files', true);
        const list = isSeq(filesNode) ? filesNode.items.map((n) => String(isScalar(n) ? n.value : '')) : [];
        if (name === '') problems.push({ where: where(item), message: 'a council has no name' });
        if (list.length === 0) problems.push({ where: where(filesNode ?? item), message: `council ${name || '?'} lists no files` });
        for (const f of list) {
          const problem = notAFile(resolve(base, f), f);
          if (problem) problems.push({ where: where(filesNode), message: `council ${name}: ${problem}`, hint: 'paths are read relative to the batch file' });
        }
        const votes = item.get('votes');
        const votesProblem = typeof votes === 'string' ? notAFile(resolve(base, votes), votes) : undefined;
        if (votesProblem) problems.push({ where: where(item.get('votes', true)), message: `council ${name}: ${votesProblem}`, hint: 'paths are read relative to the batch file' });
        const themes = item.get('themes');
        councils.push({ name, files: list.map((f) => resolve(base, f)), ...(typeof votes === 'string' ? { votes: resolve(base, votes) } : {}), ...(themes !== undefined ? { themes: String(themes) } : {}) });
      }
    }
  } else if (problems.length === 0) problems.push({ where: where(root), message: 'expected out and councils' });
  const outValue = options.out ?? (isMap(root) ? root.get('out') : undefined);
  if (problems.length === 0 && typeof outValue !== 'string') problems.push({ where: { file }, message: 'no out folder: give out: in the file, or --out' });
  if (problems.length > 0) throw new ProblemsError(`${file} has ${problems.length} problem(s)`, problems.slice(0, 20));
  const out = options.out ? resolve(ctx.io.cwd, options.out) : resolve(base, outValue as string);
  return { out, councils };
}

/** Why a path cannot be read as a file, if it cannot: a folder passes existsSync, and then fails the read (EISDIR). */
function notAFile(path: string, shown: string): string | undefined {
  if (!existsSync(path)) return `cannot find ${shown}`;
  if (!statSync(path).isFile()) return statSync(path).isDirectory() ? `${shown} is a folder, not a file` : `${shown} is not a file`;
  return undefined;
}

async function runBatchFile(ctx: Context, file: string, options: BatchOptions, progress: BatchProgress, jobs: number, started: number): Promise<BatchSummary> {
  const { out, councils } = readBatchFile(ctx, file, options);
  const limits = defaultSettings({ name: '', council: '', date: ctx.today() }).ingest;
  const folders = councilFolders(out);
  const work: Work[] = councils.map((c) => {
    const dir = folders.claim(c.name);
    const themes = c.themes ?? options.themes;
    const named = [...c.files, ...(c.votes ? [c.votes] : [])];
    // A file over the limit is refused before it is read, as ingest would refuse it.
    for (const f of named) if (statSync(f).size > limits.maxFileMb * 1024 * 1024) throw fileTooBig(ctx.show(f), limits.maxFileMb, statSync(f).size);
    const hash = hashFiles(named, { files: named, themes: themes ?? '', council: c.name, pii: options.pii ?? '' });
    const skip = !options.force && recordedHash(dir) === hash && existsSync(join(dir, 'session', 'wtfc.yaml'));
    if (!skip) folders.record(dir, c.name);
    return { council: c.name, dir, skip, job: { session: join(dir, 'session'), files: c.files, council: c.name, themes, votes: c.votes, pii: options.pii, stamp: stampPath(dir), hash, cwd: ctx.io.cwd, date: ctx.today() } };
  });
  return runWork(ctx, out, work, jobs, progress, started);
}

/**
 * Runs council jobs, at most `size` at once, in worker threads that each take one council after
 * another: a thread loads the word lists, the tagger's model and the word vectors once, not once
 * per council. A thread that dies fails its council and is replaced. From the TypeScript sources
 * (tests), where there is no compiled worker, the jobs run here one by one, on the batch's clock.
 * `close` ends the threads.
 */
function pool(size: number, clock: () => Date): { run: (job: CouncilJob) => Promise<CouncilResult>; close: () => Promise<void> } {
  const url = new URL('./batch-worker.js', import.meta.url);
  const threads = url.protocol === 'file:' && existsSync(fileURLToPath(url));
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  let running = 0;
  const waiting: (() => void)[] = [];
  const slot = async () => {
    if (running >= size) await new Promise<void>((r) => waiting.push(r));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  const onWorker = (job: CouncilJob) =>
    new Promise<CouncilResult>((resolveResult) => {
      const worker = idle.pop() ?? new Worker(url);
      all.add(worker);
      const done = (r: CouncilResult, healthy: boolean) => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (healthy) idle.push(worker);
        else {
          all.delete(worker);
          void worker.terminate();
        }
        resolveResult(r);
      };
      const onMessage = (r: CouncilResult) => done(r, true);
      const onError = (err: Error) => done({ status: 'failed', error: err.message, statements: 0, themes: 0, seconds: 0 }, false);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(job);
    });
  return {
    run: async (job) => {
      await slot();
      try {
        return threads ? await onWorker(job) : await runCouncil(job, clock);
      } finally {
        release();
      }
    },
    close: async () => {
      await Promise.all([...all].map((w) => w.terminate()));
      all.clear();
      idle.length = 0;
    },
  };
}
