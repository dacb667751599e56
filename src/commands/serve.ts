import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { categories, categoryTitles } from '../core/model.js';
import { methodNames } from '../core/prioritise.js';
import { ExitCode, WtfcError } from '../errors.js';
import { isLoopback } from '../model/server.js';
import { withSessionLock } from '../session/lock.js';
import { readText } from '../session/atomic.js';
import { type Session, loadSession } from '../session/session.js';
import { readPriorities } from '../session/priorities-file.js';
import { type Edited, ThemeEditor } from '../theming/edit.js';
import type { Context } from './context.js';
import { categoryMarks } from '../render/marks.js';
import { editThemes, redoThemes, undoThemes } from './themes.js';
import { currentThemes, find } from './themes-store.js';
import { computePriorities, prioritiseSession } from './prioritise.js';
import { loadVotes, recordBallot, recordDots } from './votes.js';
import { renderSession } from './render.js';
import { type ActionFields, addAction, addCause, addSuccess, editPlanItem, removePlanItem, setStatus, showPlan, undoPlan } from './plan.js';

/**
 * `wtfc serve`: one session's wall as a local web page. Bound to this machine unless told
 * otherwise; every request must carry the secret token made at start; no page of another origin
 * may call it; the page's only script and style come from the package, under a strict content
 * security policy, and statement text is only ever put into the page as text. Every change goes
 * through the same code as the command line, holding the session's lock, and is recorded in
 * history.jsonl, so `wtfc themes undo` at the terminal and Undo on the page are one history.
 */
export interface ServeOptions {
  port?: string;
  host?: string;
  /** A host beyond this machine: the room's network can then reach the wall. */
  allowNetwork?: boolean;
}

export interface Serving {
  url: string;
  host: string;
  port: number;
  /** Not this machine alone: said as a warning. */
  exposed: boolean;
  close(): Promise<void>;
}

/** The page's files: beside the compiled code, or in dist/ when running from the sources (tests). */
const pageDir = [new URL('../page/', import.meta.url), new URL('../../dist/page/', import.meta.url)].map((u) => fileURLToPath(u)).find((d) => existsSync(`${d}wall.js`)) ?? '';
const assets: Record<string, string> = { '/wall.js': 'text/javascript; charset=utf-8', '/wall.css': 'text/css; charset=utf-8' };

const securityHeaders = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
};

/** The edits the page can ask for, each the same edit as `wtfc themes …`. */
const edits: Record<string, (body: Record<string, unknown>) => (e: ThemeEditor) => Edited> = {
  rename: (b) => (e) => e.rename(text(b.id), text(b.name)),
  merge: (b) => (e) => e.merge(texts(b.ids), b.name === undefined ? undefined : text(b.name)),
  move: (b) => (e) => e.move(texts(b.ids), text(b.to)),
  park: (b) => (e) => e.flag(text(b.id), 'park'),
  unpark: (b) => (e) => e.flag(text(b.id), 'unpark'),
  lock: (b) => (e) => e.flag(text(b.id), 'lock'),
  unlock: (b) => (e) => e.flag(text(b.id), 'unlock'),
  split: (b) => (e) => (b.statements === undefined ? e.splitInto(text(b.id), whole(b.into)) : e.splitStatements(text(b.id), texts(b.statements))),
};

/** Undo and redo: steps through the history, as `wtfc themes undo|redo`. */
const steps: Record<string, (ctx: Context) => unknown> = { undo: undoThemes, redo: redoThemes };

function text(x: unknown): string {
  if (typeof x !== 'string') throw new WtfcError('the request is missing a text field');
  return x;
}

function whole(x: unknown): number {
  if (typeof x !== 'number') throw new WtfcError('the request is missing a number of parts');
  return x;
}

function texts(x: unknown): string[] {
  if (!Array.isArray(x) || x.length === 0 || !x.every((v) => typeof v === 'string')) throw new WtfcError('the request is missing a list of ids');
  return x as string[];
}

/** Starts the server; it runs until `close`. */
export async function startServer(ctx: Context, options: ServeOptions = {}): Promise<Serving> {
  const host = options.host ?? '127.0.0.1';
  const exposed = !isLoopback(host);
  if (exposed && !options.allowNetwork) {
    throw new WtfcError(`--host ${host} is not this machine, so anyone on the network could open the wall`, {
      hint: 'leave out --host to serve on this machine only, or add --allow-network if the room must reach it from other devices',
    });
  }
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new WtfcError(`--port ${options.port}: expected a port number from 0 to 65535`);
  // The session must load now: a wrong -C is said before anything listens.
  loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  if (pageDir === '') throw new WtfcError('the wall page is missing from this installation', { hint: 'run `npm run build`, or reinstall wtfc' });
  const token = Buffer.from((ctx.io.randomBytes ?? randomBytes)(24)).toString('base64url');
  const server = createServer((req, res) => {
    handle(ctx, token, exposed, req, res).catch((err: unknown) => reply(res, 500, { error: `internal error: ${(err as Error).message}` }));
  });
  await new Promise<void>((resolveListen, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) => fail(err.code === 'EADDRINUSE' ? portInUse(port) : err));
    server.listen(port, host, () => resolveListen());
  });
  const bound = (server.address() as { port: number }).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${bound}/?token=${token}`,
    host,
    port: bound,
    exposed,
    close: () => closeServer(server),
  };
}

function portInUse(port: number): WtfcError {
  return new WtfcError(`port ${port} is in use`, { hint: 'choose another with --port, or leave it out for any free port' });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

async function handle(ctx: Context, token: string, exposed: boolean, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://wall.invalid');
  // The browser asks for an icon on its own, without the token: there is none, and nothing is said.
  if (url.pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
  const given = url.searchParams.get('token') ?? header(req, 'x-wtfc-token') ?? '';
  if (!sameSecret(given, token)) return reply(res, 403, { error: 'this address needs the token wtfc serve printed' });
  // Served on this machine only, the wall answers only to this machine's names: a web page that
  // points a name of its own at 127.0.0.1 is not the wall's page.
  const hostname = (header(req, 'host') ?? '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  if (!exposed && !isLoopback(hostname)) return reply(res, 403, { error: 'the wall answers only to this machine\'s own address' });
  // A page of another origin may not use the wall, even with the token: its Origin is refused.
  const origin = header(req, 'origin');
  if (origin !== undefined && origin !== `http://${header(req, 'host') ?? ''}`) return reply(res, 403, { error: 'requests from another origin are refused' });
  if (req.method === 'GET') return get(ctx, token, url.pathname, url.searchParams, res);
  if (req.method !== 'POST') return reply(res, 405, { error: `${req.method} is not used here` });
  // A form of another site cannot send JSON without asking first, and the asking is refused above.
  if (!(header(req, 'content-type') ?? '').startsWith('application/json') || origin === undefined) {
    return reply(res, 403, { error: 'changes must come from the wall page' });
  }
  const body = await readBody(req);
  return post(ctx, url.pathname, body, res);
}

function get(ctx: Context, token: string, path: string, query: URLSearchParams, res: ServerResponse): void {
  if (path === '/') return page(res, token);
  if (path in assets) return send(res, 200, assets[path]!, readFileSync(`${pageDir}${path.slice(1)}`));
  if (path === '/api/state') return attempt(res, () => wallState(ctx));
  if (path === '/api/version') return attempt(res, () => ({ version: sessionVersion(ctx) }));
  if (path === '/api/plan') return attempt(res, () => showPlan(ctx));
  if (path === '/api/outputs') return attempt(res, () => outputs(ctx));
  const output = /^\/out\/([a-z]+\.html)$/.exec(path)?.[1];
  if (output !== undefined) return sendOutput(ctx, output, res);
  if (path === '/api/themes/split') return attempt(res, () => splitProposal(ctx, query.get('id') ?? '', Number(query.get('into') ?? '2')));
  if (path === '/api/priorities') return attempt(res, () => priorities(ctx, query.get('method') ?? undefined));
  return reply(res, 404, { error: `nothing at ${path}` });
}

async function post(ctx: Context, path: string, body: unknown, res: ServerResponse): Promise<void> {
  if (path === '/api/votes') return postVotes(ctx, body, res);
  if (path === '/api/ballots') return postBallot(ctx, body, res);
  if (path === '/api/prioritise') return postPrioritise(ctx, body, res);
  if (path === '/api/render') return postRender(ctx, res);
  const step = /^\/api\/plan\/([a-z]+)$/.exec(path)?.[1];
  if (step !== undefined) return postPlan(ctx, step, body, res);
  const action = /^\/api\/themes\/([a-z]+)$/.exec(path)?.[1];
  if (action === undefined || !(action in steps || action in edits)) return reply(res, 404, { error: `nothing at ${path}` });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return reply(res, 400, { error: 'the request body must be a JSON object' });
  const lock = { command: `wtfc serve (${action})`, now: ctx.io.now(), show: ctx.show, note: () => {}, create: false };
  try {
    await withSessionLock(ctx.dir, lock, async () => {
      if (action in steps) steps[action]!(ctx);
      else editThemes(ctx, edits[action]!(body as Record<string, unknown>));
    });
  } catch (err) {
    return failed(res, err);
  }
  return attempt(res, () => wallState(ctx));
}

/**
 * What `wtfc themes split ID --into K` would make of a theme, without making it: the page shows the
 * engine's proposal before anyone splits. The same edit on the same themes gives the same parts.
 */
function splitProposal(ctx: Context, id: string, into: number) {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const { set, change } = new ThemeEditor(currentThemes(s, ctx.dirFlag), s.statements).splitInto(id, into);
  const byId = new Map(s.statements.map((st) => [st.id, st]));
  const parts = [...change.changed, ...change.created].map((themeId) => find(set, themeId)!);
  return {
    id,
    into,
    parts: parts.map((t) => ({ id: t.id, name: t.name, statements: t.statements.map((sid) => ({ id: sid, text: byId.get(sid)!.text, perspective: byId.get(sid)!.perspective })) })),
  };
}

/** One voter's dots, checked as `wtfc votes import` checks a row, added to votes.csv. */
async function postVotes(ctx: Context, body: unknown, res: ServerResponse): Promise<void> {
  const b = body as Record<string, unknown> | undefined;
  if (typeof b !== 'object' || b === null || typeof b.dots !== 'object' || b.dots === null) return reply(res, 400, { error: 'the request must give a voter, a perspective and dots' });
  const dots = Object.fromEntries(Object.entries(b.dots as Record<string, unknown>).map(([id, n]) => [id, typeof n === 'number' ? n : Number.NaN]));
  const lock = { command: 'wtfc serve (votes)', now: ctx.io.now(), show: ctx.show, note: () => {}, create: false };
  let saved: ReturnType<typeof recordDots>;
  try {
    saved = await withSessionLock(ctx.dir, lock, async () => recordDots(ctx, { voter: text(b.voter), perspective: text(b.perspective), dots, ...(b.people === undefined ? {} : { people: typeof b.people === 'number' ? b.people : Number.NaN }) }));
  } catch (err) {
    return failed(res, err);
  }
  return attempt(res, () => ({ saved, priorities: priorities(ctx) }));
}

/** One ranked ballot, checked as a row of a ranked file is by `wtfc votes import`, added to ballots.csv. */
async function postBallot(ctx: Context, body: unknown, res: ServerResponse): Promise<void> {
  const b = body as Record<string, unknown> | undefined;
  if (typeof b !== 'object' || b === null || !Array.isArray(b.ranking)) return reply(res, 400, { error: 'the request must give a voter, a perspective and a ranking' });
  const lock = { command: 'wtfc serve (ballot)', now: ctx.io.now(), show: ctx.show, note: () => {}, create: false };
  let saved: ReturnType<typeof recordBallot>;
  try {
    saved = await withSessionLock(ctx.dir, lock, async () => recordBallot(ctx, { voter: text(b.voter), perspective: text(b.perspective), ranking: (b.ranking as unknown[]).map(text) }));
  } catch (err) {
    return failed(res, err);
  }
  return attempt(res, () => ({ saved, priorities: priorities(ctx, 'borda') }));
}

/** `wtfc prioritise --method M [--include ID]…`: the ranking recorded in priorities.yaml, for the plan. */
async function postPrioritise(ctx: Context, body: unknown, res: ServerResponse): Promise<void> {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const lock = { command: 'wtfc serve (prioritise)', now: ctx.io.now(), show: ctx.show, note: () => {}, create: false };
  try {
    await withSessionLock(ctx.dir, lock, async () =>
      prioritiseSession(ctx, { ...(b.method === undefined ? {} : { method: text(b.method) }), ...(b.include === undefined ? {} : { include: (b.include as unknown[]).map(text) }) }),
    );
  } catch (err) {
    return failed(res, err);
  }
  return attempt(res, () => ({ priorities: priorities(ctx, b.method === undefined ? undefined : text(b.method)), plan: showPlan(ctx) }));
}

/** The plan's changes the page makes, each the same as `wtfc plan cause|success|action|status|edit|remove|undo`. */
const planSteps: Record<string, (ctx: Context, b: Record<string, unknown>) => unknown> = {
  cause: (ctx, b) => addCause(ctx, text(b.theme), text(b.text), b.because === undefined || b.because === '' ? undefined : text(b.because)),
  success: (ctx, b) => addSuccess(ctx, text(b.theme), text(b.text)),
  action: (ctx, b) => addAction(ctx, text(b.theme), { what: text(b.what), who: text(b.who), by: text(b.by), measure: text(b.measure) }),
  status: (ctx, b) => setStatus(ctx, text(b.id), text(b.status)),
  edit: (ctx, b) => editPlanItem(ctx, text(b.id), b.text === undefined ? undefined : text(b.text), actionFields(b)),
  remove: (ctx, b) => removePlanItem(ctx, text(b.id)),
  undo: (ctx) => undoPlan(ctx),
};

/** An action's fields that a request gives; the others stay as they are. */
function actionFields(b: Record<string, unknown>): ActionFields {
  return Object.fromEntries((['what', 'who', 'by', 'measure'] as const).filter((k) => b[k] !== undefined).map((k) => [k, text(b[k])]));
}

async function postPlan(ctx: Context, step: string, body: unknown, res: ServerResponse): Promise<void> {
  const change = planSteps[step];
  if (!change) return reply(res, 404, { error: `nothing at /api/plan/${step}` });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return reply(res, 400, { error: 'the request body must be a JSON object' });
  const lock = { command: `wtfc serve (plan ${step})`, now: ctx.io.now(), show: ctx.show, note: () => {}, create: false };
  try {
    await withSessionLock(ctx.dir, lock, async () => change(ctx, body as Record<string, unknown>));
  } catch (err) {
    return failed(res, err);
  }
  return attempt(res, () => showPlan(ctx));
}

/** The handouts and report in out/, as `wtfc render` last wrote them, newest first. */
function outputs(ctx: Context) {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const files = existsSync(s.paths.out) ? readdirSync(s.paths.out).filter((f) => /^[a-z]+\.html$/.test(f)).sort() : [];
  return { outputs: files.map((file) => ({ file, title: outputTitles[file.replace(/\.html$/, '')] ?? file })) };
}

const outputTitles: Record<string, string> = {
  report: 'The report',
  plan: 'The action plan',
  facilitator: 'The facilitator’s sheet',
  cards: 'Wall cards',
  ballot: 'The voting sheet',
  feedback: 'You said, we did',
};

/** `wtfc render`, from the page: every output written again from the session as it is now. */
async function postRender(ctx: Context, res: ServerResponse): Promise<void> {
  const lock = { command: 'wtfc serve (render)', now: ctx.io.now(), show: ctx.show, note: () => {}, create: false };
  let notes: string[];
  try {
    notes = await withSessionLock(ctx.dir, lock, async () => (await renderSession(ctx, {})).notes);
  } catch (err) {
    return failed(res, err);
  }
  return attempt(res, () => ({ ...outputs(ctx), notes }));
}

/**
 * One rendered output, for printing from the browser. Its own styles are inline, so it is sent
 * with a policy of its own: no script, nothing from elsewhere, inline styles and images only.
 */
function sendOutput(ctx: Context, file: string, res: ServerResponse): void {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const path = join(s.paths.out, file);
  if (!existsSync(path)) return reply(res, 404, { error: `${file} has not been rendered`, hint: 'render the handouts first' });
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'Content-Type': 'text/html; charset=utf-8',
  });
  res.end(readText(path));
}

/** The priorities as `wtfc prioritise` would rank them now, without recording them. */
function priorities(ctx: Context, method?: string) {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const p = computePriorities(s, currentThemes(s, ctx.dirFlag), method === undefined ? {} : { method });
  return { method: p.method, methods: methodNames, recorded: recordedPriorities(s), category: p.category, categoryTitle: p.categoryTitle, computes: p.computes, n: p.n, tieAtCut: p.tieAtCut, tiedAtCut: p.tiedAtCut, notes: p.notes, ranking: p.ranking.map((r) => ({ rank: r.rank, tied: r.tied, themeId: r.themeId, themeName: r.themeName, score: r.score, inTop: p.top.some((t) => t.themeId === r.themeId) })) };
}

/** The themes priorities.yaml records as going forward to the plan, if any. */
function recordedPriorities(s: Session): { method?: string; themes: string[] } | undefined {
  const r = readPriorities(s.paths.priorities, s.show(s.paths.priorities));
  return r && { ...(r.method === undefined ? {} : { method: r.method }), themes: r.top };
}

function attempt(res: ServerResponse, fn: () => unknown): void {
  try {
    reply(res, 200, fn());
  } catch (err) {
    failed(res, err);
  }
}

/** A refused edit or an unreadable session: the message the command line would print, as 4xx. */
function failed(res: ServerResponse, err: unknown): void {
  if (!(err instanceof WtfcError)) throw err;
  const status = err.exitCode === ExitCode.busy ? 409 : 400;
  reply(res, status, { error: err.message, ...(err.hint ? { hint: err.hint } : {}) });
}

/** The wall as the page draws it: each category's themes with their statements, and the odd ones out. */
export function wallState(ctx: Context) {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const set = currentThemes(s, ctx.dirFlag);
  const byId = new Map(s.statements.map((st) => [st.id, st]));
  const view = (id: string) => {
    const st = byId.get(id)!;
    return { id, text: st.text, perspective: st.perspective };
  };
  const voteOn = s.settings.prioritise.category;
  return {
    session: { name: s.settings.name, council: s.settings.council },
    version: sessionVersion(ctx),
    /** What the room votes on: the category prioritised, its themes that are not parked, and the dots each voter has. */
    voting: {
      category: voteOn,
      title: categoryTitles[voteOn],
      dots: s.settings.prioritise.dots,
      themes: set.categories[voteOn].themes.filter((t) => !t.parked).map((t) => ({ id: t.id, name: t.name })),
      voters: new Set(loadVotes(s).votes.map((v) => v.voter)).size,
    },
    categories: categories.map((c) => ({
      key: c,
      title: categoryTitles[c],
      plainTitle: categoryMarks[c].title,
      symbol: categoryMarks[c].symbol,
      themes: set.categories[c].themes.map((t) => ({
        id: t.id,
        name: t.name,
        size: t.statements.length,
        perspectives: t.perspectives,
        locked: t.locked,
        parked: t.parked,
        statements: t.statements.map(view),
      })),
      unthemed: set.categories[c].unthemed.map(view),
    })),
  };
}

/** Changes when the themes or the statements change, from here or from the terminal. */
function sessionVersion(ctx: Context): string {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  return [s.paths.themes, s.paths.history, s.paths.statements, s.paths.votes, s.paths.ballots, s.paths.priorities, s.paths.plan]
    .map((p) => (existsSync(p) ? `${statSync(p).size}:${statSync(p).mtimeMs}` : '-'))
    .join('/');
}

function page(res: ServerResponse, token: string): void {
  // The token is base64url: nothing in it needs escaping in an attribute.
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>wtfc: the wall</title>
<link rel="stylesheet" href="/wall.css?token=${token}">
<script type="module" src="/wall.js?token=${token}"></script>
</head>
<body>
<main id="wall" aria-live="polite"><p>Loading the wall…</p></main>
</body>
</html>
`;
  send(res, 200, 'text/html; charset=utf-8', html);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

const maxBody = 64 * 1024;

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBody) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': type });
  res.end(body);
}
