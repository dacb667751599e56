/**
 * The optional local model server (docs/local-model.md), against a server made here on 127.0.0.1
 * that speaks the two endpoints wtfc uses. Its vectors and names come from small rules, so what
 * wtfc does with them is known.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isLoopback, modelFor } from '../src/model/server.js';
import { cleanName, nameProblem } from '../src/model/names.js';
import { tagTexts } from '../src/theming/naming.js';
import { defaultSettings } from '../src/session/settings.js';
import { WtfcError } from '../src/errors.js';
import { parseStatementsFile } from '../src/session/statements-file.js';
import { repoRoot, runInProcess, tempDir } from './helpers.js';

type Mode = 'ok' | 'garbage' | 'error' | 'hang' | 'slow' | 'bad-names' | 'same-name' | 'chatty' | 'short-vectors' | 'huge-vectors' | 'twice-numbered';

interface Request {
  path: string;
  body: { model?: string; input?: string[]; messages?: { role: string; content: string }[] };
}

/** The fake server: what it was asked, and how it answers. */
const fake = { mode: 'ok' as Mode, requests: [] as Request[], url: '' };
let server: Server;
const hanging: ServerResponse[] = [];

/** Words that name one thing, as a sentence model would see them. */
const sameThing: Record<string, string> = { minibus: 'ride', taxi: 'ride', lift: 'ride', bus: 'ride', driver: 'ride', tea: 'drink', coffee: 'drink', cuppa: 'drink' };

/** A statement's vector: a count of its words (folded as above) hashed into 32 dimensions. */
function vectorOf(text: string): number[] {
  const v = new Array<number>(32).fill(0);
  for (const raw of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    if (raw.length < 3) continue;
    const word = sameThing[raw] ?? raw;
    let h = 7;
    for (const ch of word) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    v[h % 32]! += sameThing[raw] ? 4 : 1;
  }
  return v;
}

/** A theme's name: "I want better X", X the longest word its first statement shares with another. */
function nameOf(statements: string[]): string {
  const words = statements.map((s) => new Set((s.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => w.length >= 4)));
  const shared = [...words[0]!].filter((w) => words.slice(1).some((o) => o.has(w))).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return `I want better ${shared[0] ?? [...words[0]!][0] ?? 'care'}.`;
}

function answer(req: IncomingMessage, res: ServerResponse, raw: string): void {
  const body = JSON.parse(raw) as Request['body'];
  fake.requests.push({ path: req.url ?? '', body });
  const json = (status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  if (fake.mode === 'hang') return void hanging.push(res);
  if (fake.mode === 'slow') return void setTimeout(() => respond(req, res, body, json), 300);
  respond(req, res, body, json);
}

function respond(req: IncomingMessage, res: ServerResponse, body: Request['body'], json: (status: number, value: unknown) => void): void {
  if (fake.mode === 'garbage') return void res.end('<html>not an API</html>');
  if (fake.mode === 'error') return json(500, { error: { message: 'model "x" not found' } });
  if (req.url === '/v1/embeddings') {
    const input = body.input ?? [];
    const dims = fake.mode === 'short-vectors' ? 16 : 32;
    const data = input.map((t, index) => ({ object: 'embedding', index: fake.mode === 'twice-numbered' ? 0 : index, embedding: vectorOf(t).slice(0, dims) }));
    if (fake.mode === 'huge-vectors') data[0]!.embedding[0] = 1e200;
    return json(200, { object: 'list', data });
  }
  if (req.url === '/v1/chat/completions') {
    const user = body.messages?.find((m) => m.role === 'user')?.content ?? '';
    const statements = user.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
    const content =
      fake.mode === 'bad-names'
        ? 'Our carers'
        : fake.mode === 'same-name'
          ? 'I want better care'
          : fake.mode === 'chatty'
            ? `${nameOf(statements)}\n\nI chose this because one person said: "${statements[0]}"`
            : nameOf(statements);
    return json(200, { choices: [{ index: 0, message: { role: 'assistant', content } }] });
  }
  json(404, { error: 'no such endpoint' });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => answer(req, res, raw));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  fake.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1`;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  fake.mode = 'ok';
  fake.requests = [];
});

const northmere = join(repoRoot, 'examples', 'northmere', 'statements.csv');

/** A session of the Northmere example, themed by the offline engine: its themes.yaml, as the baseline. */
async function session(extra: string[] = []): Promise<{ cwd: string; offline: string }> {
  const cwd = tempDir();
  const made = await runInProcess(['run', northmere, '--out', 's', '--council', 'Northmere', ...extra], { cwd });
  expect(made.code, made.stderr).toBe(0);
  return { cwd, offline: readFileSync(join(cwd, 's', 'themes.yaml'), 'utf8') };
}

const themes = (cwd: string) => readFileSync(join(cwd, 's', 'themes.yaml'), 'utf8');

/** Sets the session's model settings in its wtfc.yaml. */
function setModel(cwd: string, lines: string[]): void {
  const path = join(cwd, 's', 'wtfc.yaml');
  const text = readFileSync(path, 'utf8').replace(/^model:\n(?: {2}.*\n)*/m, '');
  writeFileSync(path, `${text}model:\n${lines.map((l) => `  ${l}\n`).join('')}`);
}

describe('the privacy guard', () => {
  it('knows this machine by name and number, and nothing else', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1', '[0:0:0:0:0:0:0:1]', '[::ffff:7f00:1]', new URL('http://[::ffff:127.0.0.1]/').hostname, new URL('http://2130706433/').hostname]) {
      expect(isLoopback(host), host).toBe(true);
    }
    // A name other than localhost is DNS's to answer, so it could be anywhere.
    for (const host of ['10.0.0.2', '192.168.1.10', 'example.org', '127.0.0.1.nip.io', 'api.localhost', 'localhost.example.org', '0.0.0.0', '[::]', '[::ffff:a00:1]', '[::2]']) {
      expect(isLoopback(host), host).toBe(false);
    }
  });

  it('refuses a server that is not this machine unless allow_remote says so', () => {
    const settings = { ...defaultSettings({ name: '', council: '', date: '2026-01-01' }).model, endpoint: 'http://10.0.0.2:11434/v1', chat: 'llama3.1:8b' };
    expect(() => modelFor(settings)).toThrow(WtfcError);
    expect(() => modelFor(settings)).toThrow(/not this machine/);
    expect(modelFor({ ...settings, allowRemote: true })?.endpoint).toBe('http://10.0.0.2:11434/v1');
    expect(modelFor(settings, { allowRemote: true })?.chat).toBe('llama3.1:8b');
    expect(modelFor(settings, { offline: true })).toBeUndefined();
  });

  it('uses no server when no model is named, and says so when a model is named without one', () => {
    const none = defaultSettings({ name: '', council: '', date: '2026-01-01' }).model;
    expect(modelFor(none)).toBeUndefined();
    expect(modelFor({ ...none, endpoint: 'http://127.0.0.1:1/v1' })).toBeUndefined();
    expect(() => modelFor(none, { chatModel: 'x' })).toThrow(/no model server/);
  });

  it('a refused server is sent nothing, and the session is left as it was (exit 2)', async () => {
    const { cwd, offline } = await session();
    const r = await runInProcess(['theme', '-C', 's', '--model-endpoint', 'http://192.0.2.7:11434/v1', '--chat-model', 'm'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('192.0.2.7:11434 is not this machine');
    expect(r.stderr).toContain('allow_remote');
    expect(themes(cwd)).toBe(offline);
    expect(existsSync(join(cwd, 's', 'model-cache.jsonl'))).toBe(false);
    // And before a run reads or writes anything.
    const run = await runInProcess(['run', northmere, '--out', 'fresh', '--model-endpoint', 'http://192.0.2.7/v1', '--chat-model', 'm'], { cwd });
    expect(run.code).toBe(2);
    expect(existsSync(join(cwd, 'fresh'))).toBe(false);
  });

  it('a hand-written endpoint that is not a web address is a settings problem with its line', async () => {
    const { cwd } = await session();
    setModel(cwd, ['endpoint: "localhost:11434"']);
    const r = await runInProcess(['theme', '-C', 's'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/wtfc\.yaml:\d+:\d+: model\.endpoint must start with http:\/\/ or https:\/\//);
  });
});

describe('with a model server on this machine', () => {
  it('sends only statement texts: no ids, people, councils or session names', async () => {
    const { cwd } = await session();
    const r = await runInProcess(['theme', '-C', 's', '--model-endpoint', fake.url, '--embeddings-model', 'embed', '--chat-model', 'chat'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const statements = readFileSync(join(cwd, 's', 'statements.csv'), 'utf8').split('\n').slice(1).filter(Boolean);
    const ids = statements.map((l) => l.split(',')[0]!);
    const sent = JSON.stringify(fake.requests);
    for (const id of ids) expect(sent).not.toContain(id);
    for (const secret of ['Northmere', 'P001', 'P014', 'NM-001', 'statements.csv']) expect(sent).not.toContain(secret);
    // Every statement's text was embedded once, and nothing else; names were asked with statements only.
    const texts = new Set(parseStatementsFile(readFileSync(join(cwd, 's', 'statements.csv'), 'utf8'), 'statements.csv').map((st) => st.text));
    const embedded = fake.requests.filter((q) => q.path === '/v1/embeddings').flatMap((q) => q.body.input!);
    expect(new Set(embedded)).toEqual(texts);
    expect(embedded.length).toBe(texts.size);
    for (const q of fake.requests.filter((x) => x.path === '/v1/chat/completions')) {
      const listed = q.body.messages![1]!.content.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
      expect(listed.length).toBeGreaterThan(0);
      for (const text of listed) expect(texts.has(text), text).toBe(true);
    }
    expect(fake.requests.filter((q) => q.path === '/v1/chat/completions').length).toBeGreaterThan(10);
  });

  it('names the themes with the model\'s names, checked, and notes the models in themes.yaml and status', async () => {
    const { cwd } = await session();
    const r = await runInProcess(['theme', '-C', 's', '--model-endpoint', fake.url, '--chat-model', 'chat', '--json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { model: { names: { written: number; refused: unknown[] } }; themes: { categories: Record<string, { themes: { name: string; draft: string }[] }> } };
    const all = Object.values(summary.themes.categories).flatMap((c) => c.themes);
    expect(summary.model.names.written + summary.model.names.refused.length).toBe(all.length);
    expect(summary.model.names.written).toBeGreaterThan(all.length / 2);
    const named = all.filter((t) => /^I want better [a-z]+$/.test(t.name));
    expect(named.length).toBe(summary.model.names.written);
    for (const t of named) expect(t.draft).toBe(t.name);
    expect(themes(cwd)).toMatch(/model:\n\s+chat: chat/);
    const status = await runInProcess(['status', '-C', 's'], { cwd });
    expect(status.stdout).toContain('the themes have names by chat');
  });

  it('asks again for nothing it has asked before: the cache answers, and the themes are byte-identical', async () => {
    const { cwd } = await session();
    const args = ['theme', '-C', 's', '--model-endpoint', fake.url, '--embeddings-model', 'embed', '--chat-model', 'chat'];
    expect((await runInProcess(args, { cwd })).code).toBe(0);
    const first = themes(cwd);
    const cache = readFileSync(join(cwd, 's', 'model-cache.jsonl'), 'utf8');
    expect(fake.requests.length).toBeGreaterThan(0);
    fake.requests = [];
    const again = await runInProcess([...args, '--fresh', '--yes'], { cwd });
    expect(again.code, again.stderr).toBe(0);
    expect(fake.requests).toEqual([]);
    expect(themes(cwd)).toBe(first);
    expect(readFileSync(join(cwd, 's', 'model-cache.jsonl'), 'utf8')).toBe(cache);
    // The cache holds keyed hashes, vectors and names, never a statement.
    for (const line of readFileSync(northmere, 'utf8').split('\n').slice(1, 40)) expect(cache).not.toContain(line.split(',').slice(4).join(',').slice(0, 30));
  });

  it('keeps only the name in the cache, never a reply that quotes a statement', async () => {
    const { cwd } = await session();
    fake.mode = 'chatty';
    const r = await runInProcess(['theme', '-C', 's', '--model-endpoint', fake.url, '--chat-model', 'chat'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(themes(cwd)).toMatch(/name: I want better [a-z]+\n/);
    const cache = readFileSync(join(cwd, 's', 'model-cache.jsonl'), 'utf8');
    expect(cache).not.toContain('one person said');
  });

  it('a run with one model keeps what the other model answered', async () => {
    const { cwd } = await session();
    const both = ['theme', '-C', 's', '--model-endpoint', fake.url, '--embeddings-model', 'embed', '--chat-model', 'chat', '--fresh', '--yes'];
    expect((await runInProcess(both, { cwd })).code).toBe(0);
    const first = themes(cwd);
    expect((await runInProcess(['theme', '-C', 's', '--model-endpoint', fake.url, '--embeddings-model', 'embed', '--fresh', '--yes'], { cwd })).code).toBe(0);
    fake.requests = [];
    expect((await runInProcess(both, { cwd })).code).toBe(0);
    expect(fake.requests).toEqual([]);
    expect(themes(cwd)).toBe(first);
  });

  it('reaches a server named localhost', async () => {
    const { cwd } = await session();
    const r = await runInProcess(['theme', '-C', 's', '--model-endpoint', fake.url.replace('127.0.0.1', 'localhost'), '--chat-model', 'chat'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('given up on');
    expect(fake.requests.length).toBeGreaterThan(0);
  });

  it('a redaction takes the cache with it: it may hold what the server made of the detail', async () => {
    const cwd = tempDir({ 'in.csv': 'text\nMy son Tom waits for the minibus\nThe minibus is always late\nNo minibus on Fridays\n' });
    expect((await runInProcess(['run', 'in.csv', '--out', 's', '--category', 'not_working', '--pii', 'warn'], { cwd })).code).toBe(0);
    expect((await runInProcess(['theme', '-C', 's', '--model-endpoint', fake.url, '--embeddings-model', 'embed'], { cwd })).code).toBe(0);
    expect(existsSync(join(cwd, 's', 'model-cache.jsonl'))).toBe(true);
    const id = readFileSync(join(cwd, 's', 'statements.csv'), 'utf8').split('\n').find((l) => l.includes('Tom'))!.split(',')[0]!;
    const r = await runInProcess(['pii', 'redact', id, '-C', 's'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(cwd, 's', 'model-cache.jsonl'))).toBe(false);
  });

  it('a damaged cache line is dropped and asked again, not believed', async () => {
    const { cwd } = await session();
    const args = ['theme', '-C', 's', '--model-endpoint', fake.url, '--embeddings-model', 'embed'];
    expect((await runInProcess(args, { cwd })).code).toBe(0);
    const first = themes(cwd);
    const path = join(cwd, 's', 'model-cache.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    writeFileSync(path, ['{"kind":"vector","model":"embed","key":"zz"', ...lines.slice(1)].join('\n'));
    fake.requests = [];
    const r = await runInProcess(args, { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 line(s) of model-cache.jsonl could not be read');
    expect(fake.requests.flatMap((q) => q.body.input ?? []).length).toBe(1);
    expect(themes(cwd)).toBe(first);
  });

  it('groups by the server\'s meaning when statements share no word', async () => {
    // No two statements share a word, so shared words say nothing; the server's vectors put the
    // rides together and the drinks together.
    const rows = [
      'The minibus stopped coming',
      'No lift anymore to Wednesday club',
      'Taxi fares doubled recently',
      'Bus drivers rarely wait',
      'Nobody makes tea when visiting',
      'Coffee goes cold, unreachable',
      'Lovely cuppa every afternoon',
      'Staff forget coffee sometimes',
    ];
    const cwd = tempDir({ 'in.csv': `text\n${rows.join('\n')}\n` });
    const r = await runInProcess(['run', 'in.csv', '--out', 's', '--category', 'not_working', '--themes', '2', '--model-endpoint', fake.url, '--embeddings-model', 'embed', '--json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const statements = new Map(readFileSync(join(cwd, 's', 'statements.csv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => [l.split(',')[0]!, l.split(',')[1]!]));
    const yaml = themes(cwd);
    const groups = [...yaml.matchAll(/statements:\n((?:\s+- s-[0-9a-f]+.*\n)+)/g)].map((m) => [...m[1]!.matchAll(/- (s-[0-9a-f]+)/g)].map((x) => statements.get(x[1]!)!).sort());
    expect(groups.map((g) => g.length).sort()).toEqual([4, 4]);
    const rides = groups.find((g) => g.some((t) => t.includes('minibus')))!;
    expect(rides.every((t) => /minibus|lift|Taxi|Bus/.test(t))).toBe(true);
  });

  it('leaves a facilitator\'s names alone: never sent, never changed', async () => {
    const { cwd } = await session();
    const renamed = 'I want carers who know me';
    expect((await runInProcess(['themes', 'rename', 'nw-01', renamed, '-C', 's'], { cwd })).code).toBe(0);
    // New statements, so that re-theming makes new themes for the model to name.
    const more = tempDir({
      'more.csv': 'text\nThe day centre closed its garden\nThe day centre garden is shut\nNo garden at the day centre now\nGarden club at the centre ended\n',
    });
    const r = await runInProcess(['ingest', join(more, 'more.csv'), '--category', 'not_working', '-C', 's'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const t = await runInProcess(['theme', '-C', 's', '--model-endpoint', fake.url, '--chat-model', 'chat'], { cwd });
    expect(t.code, t.stderr).toBe(0);
    expect(JSON.stringify(fake.requests)).not.toContain(renamed);
    expect(themes(cwd)).toContain(`name: ${renamed}`);
    // Only the new themes were asked about: none of the kept ones' statements.
    for (const q of fake.requests) expect(q.body.messages?.[1]?.content).toMatch(/garden|centre/i);
  });
});

describe('a server that fails is harmless', () => {
  const cases: [Mode, RegExp][] = [
    ['garbage', /did not answer with JSON/],
    ['error', /answered 500: model "x" not found/],
    ['huge-vectors', /numbers too large to use/],
    ['twice-numbered', /numbered its vectors wrongly/],
  ];
  for (const [mode, reason] of cases) {
    it(`${mode}: the offline engine's themes, one line saying so, exit 0`, async () => {
      const { cwd, offline } = await session();
      fake.mode = mode;
      fake.requests = [];
      const r = await runInProcess(['theme', '-C', 's', '--model-endpoint', fake.url, '--embeddings-model', 'embed', '--chat-model', 'chat'], { cwd });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr.split('\n').filter((l) => l.includes('given up on'))).toHaveLength(1);
      expect(themes(cwd)).toBe(offline);
      // Given up on after the first failure: no retries, nothing asked of the chat model.
      expect(fake.requests.length).toBe(1);
    });
  }

  it('a model whose vectors change length under the same name: the cached ones are asked for again', async () => {
    const { cwd } = await session();
    const args = ['theme', '-C', 's', '--model-endpoint', fake.url, '--embeddings-model', 'embed', '--json'];
    expect((await runInProcess(args, { cwd })).code).toBe(0);
    const path = join(cwd, 's', 'model-cache.jsonl');
    const cached = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    writeFileSync(path, `${cached.slice(3).join('\n')}\n`);
    fake.mode = 'short-vectors';
    fake.requests = [];
    const r = await runInProcess(args, { cwd });
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { model: { embeddings: { used: boolean; sent: number; cached: number } } };
    expect(summary.model.embeddings).toMatchObject({ used: true, sent: cached.length, cached: 0 });
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(cached.length);
  });

  it('a server that hangs costs one timeout, then the run goes on offline', async () => {
    const { cwd, offline } = await session();
    setModel(cwd, [`endpoint: "${fake.url}"`, 'chat: "chat"', 'timeout_seconds: 0.3']);
    fake.mode = 'hang';
    const started = Date.now();
    const r = await runInProcess(['theme', '-C', 's'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('did not answer within 0.3 s');
    expect(fake.requests.length).toBe(1);
    expect(themes(cwd)).toBe(offline);
    // One timeout, not one per theme (there are more than 20): generous for a loaded machine.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a run spends at most total_seconds on the server, then goes on offline', async () => {
    const { cwd } = await session();
    setModel(cwd, [`endpoint: "${fake.url}"`, 'chat: "chat"', 'total_seconds: 0.5']);
    fake.mode = 'slow';
    const r = await runInProcess(['theme', '-C', 's', '--json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { model: { fallback: string; names: { written: number } } };
    expect(summary.model.fallback).toBe('the model server took more than the 0.5 s a run may spend on it');
    expect(summary.model.names.written).toBeLessThanOrEqual(2);
  });

  it('a server that is not there: the same', async () => {
    const { cwd, offline } = await session();
    // A port that was free a moment ago.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const r = await runInProcess(['theme', '-C', 's', '--model-endpoint', `http://127.0.0.1:${port}/v1`, '--chat-model', 'chat'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/could not be reached \(ECONNREFUSED\)/);
    expect(themes(cwd)).toBe(offline);
  });

  it('names that break the rules are replaced by the engine\'s, and each is reported', async () => {
    const { cwd, offline } = await session();
    fake.mode = 'bad-names';
    const r = await runInProcess(['theme', '-C', 's', '--model-endpoint', fake.url, '--chat-model', 'chat'], { cwd });
    expect(r.code).toBe(0);
    expect(themes(cwd)).toBe(offline);
    expect(r.stderr).toMatch(/nw-01 keeps the engine’s name: the model’s "Our carers" was not used \(it is not an "I" statement\)/);
  });

  it('two themes given one name: only one keeps it', async () => {
    const { cwd } = await session();
    fake.mode = 'same-name';
    const r = await runInProcess(['theme', '-C', 's', '--model-endpoint', fake.url, '--chat-model', 'chat'], { cwd });
    expect(r.code).toBe(0);
    const yaml = themes(cwd);
    for (const category of ['working', 'not_working', 'future']) {
      const names = [...(yaml.split(`${category}:`)[1]!.split(/\n(?:working|not_working|future):/)[0]!.matchAll(/\n {6}name: (.*)/g))].map((m) => m[1]);
      expect(new Set(names).size).toBe(names.length);
      expect(names.filter((n) => n === 'I want better care').length).toBeLessThanOrEqual(1);
    }
    expect(r.stderr).toContain('another theme has that name');
  });

  it('with no endpoint, or --offline, nothing is asked and the themes are the offline engine\'s', async () => {
    const { cwd, offline } = await session();
    setModel(cwd, [`endpoint: "${fake.url}"`, 'chat: "chat"', 'embeddings: "embed"']);
    const r = await runInProcess(['theme', '-C', 's', '--offline'], { cwd });
    expect(r.code).toBe(0);
    expect(fake.requests).toEqual([]);
    expect(themes(cwd)).toBe(offline);
  });
});

describe('model names are checked like the engine\'s', () => {
  const statements = ['The minibus never comes on time', 'I wait for the taxi for an hour', 'Transport to the centre is late'];
  const problem = (name: string) => nameProblem(name, tagTexts([name])[0]!, statements);

  it('takes the name out of a chatty reply', () => {
    expect(cleanName('"I want transport that comes on time."\n\nThis name says…')).toBe('I want transport that comes on time');
    expect(cleanName('Name: **I want my lift on time**')).toBe('I want my lift on time');
    expect(cleanName('\n- “I don’t want to wait for my taxi”')).toBe('I don’t want to wait for my taxi');
  });

  it('keeps a first-person name about the statements\' things, synonyms included', () => {
    expect(problem('I want transport that comes on time')).toBeUndefined();
    expect(problem('I don\'t want to wait an hour for my taxi')).toBeUndefined();
    expect(problem('I\'m tired of waiting for the bus')).toBeUndefined();
  });

  it('refuses what is empty, not "I", too long, or about something else', () => {
    expect(problem('')).toBe('it is empty');
    expect(problem('Transport that comes on time')).toBe('it is not an "I" statement');
    expect(problem('In my view transport is late')).toBe('it is not an "I" statement');
    expect(problem('I want transport that comes on time every single day of the week without fail')).toMatch(/words/);
    expect(problem('I want my meals on time')).toMatch(/"meals" is not in its statements/);
    expect(problem('I want respect')).toMatch(/shares no word|not in its statements/);
  });
});
