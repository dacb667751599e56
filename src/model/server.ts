import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';
import { WtfcError } from '../errors.js';
import type { ModelSettings } from '../core/settings.js';

/**
 * A local model server that speaks the OpenAI-compatible API (Ollama, llama.cpp's llama-server,
 * LM Studio, vLLM): sentence vectors from `/embeddings`, theme names from `/chat/completions`. It
 * is optional: with no endpoint set, wtfc never opens a connection. Only statement texts (and the
 * instructions that go with them) are sent; never ids, people or council names.
 */

/** What one run uses: the settings, after the flags, checked. */
export interface ModelUse {
  endpoint: string;
  embeddings: string;
  chat: string;
  timeoutMs: number;
  /** How long one run may spend on the server in all. */
  totalMs: number;
  nameStatements: number;
  allowRemote: boolean;
}

/** Flags that set the model for one run, in place of `model` in wtfc.yaml. */
export interface ModelFlags {
  modelEndpoint?: string;
  embeddingsModel?: string;
  chatModel?: string;
  allowRemote?: boolean;
  /** Use no model server this run, whatever wtfc.yaml says. */
  offline?: boolean;
}

/**
 * The model a run uses, or undefined for none. An endpoint that is not this machine is refused
 * here, before any statement could be sent, unless `allow_remote` (or --allow-remote) says it may
 * be used: the statements are about people's lives, and a typo in a port is not a reason for them
 * to leave the council's machine.
 */
export function modelFor(settings: ModelSettings, flags: ModelFlags = {}): ModelUse | undefined {
  if (flags.offline) return undefined;
  const endpoint = (flags.modelEndpoint ?? settings.endpoint).trim();
  const embeddings = (flags.embeddingsModel ?? settings.embeddings).trim();
  const chat = (flags.chatModel ?? settings.chat).trim();
  if (endpoint === '') {
    if (flags.embeddingsModel !== undefined || flags.chatModel !== undefined) {
      throw new WtfcError('a model was named, but there is no model server to ask', {
        hint: 'give its address with --model-endpoint URL, or set model.endpoint in wtfc.yaml',
      });
    }
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new WtfcError(`--model-endpoint ${endpoint}: not a web address`, { hint: 'write it in full, e.g. http://127.0.0.1:11434/v1' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WtfcError(`--model-endpoint ${endpoint}: not a web address`, { hint: 'write it in full, e.g. http://127.0.0.1:11434/v1' });
  }
  const allowRemote = Boolean(flags.allowRemote || settings.allowRemote);
  if (!isLoopback(url.hostname) && !allowRemote) {
    throw new WtfcError(`the model server ${url.host} is not this machine, and the statements may not leave it`, {
      hint: 'run the model on this machine (http://127.0.0.1:PORT/v1); or, if the council allows that server to see the statements, set model.allow_remote: true in wtfc.yaml (or add --allow-remote)',
    });
  }
  if (embeddings === '' && chat === '') return undefined;
  return {
    endpoint: endpoint.replace(/\/+$/, ''),
    embeddings,
    chat,
    timeoutMs: Math.round(settings.timeoutSeconds * 1000),
    totalMs: Math.round(settings.totalSeconds * 1000),
    nameStatements: settings.nameStatements,
    allowRemote,
  };
}

/**
 * Whether a host is this machine: the name `localhost` (whose address is checked again when it is
 * looked up), an address in 127.0.0.0/8, or ::1, also written as an IPv4-mapped IPv6 address. Any
 * other name could be sent anywhere by DNS, so it counts as remote.
 */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  if (!net.isIPv6(host)) return false;
  // Written however it is (0:0:0:0:0:0:0:1, ::ffff:7f00:1), Node gives the address its short form.
  const short = new net.SocketAddress({ address: host, family: 'ipv6' }).address;
  return short === '::1' || /^::ffff:127\.\d+\.\d+\.\d+$/.test(short);
}

/** A server that could not be used: down, too slow, refusing, or answering with something else. */
export class ServerFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerFailure';
  }
}

/** The most a reply may hold: a server that sends more is answering with something else. */
const replyLimit = { embeddings: 256 * 1024 * 1024, chat: 256 * 1024 } as const;

/** How many texts go in one /embeddings request. */
export const embeddingBatch = 64;

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/**
 * A connection to the server for one run. After one failure it is given up on: every later call
 * fails at once, so a server that is down or hangs costs a workshop one timeout, not one per theme.
 * Nothing is retried.
 */
export class ModelServer {
  private failure: string | undefined;
  /** When the run's time with the server is up (`total_seconds`). */
  private readonly deadline: number;

  constructor(readonly use: ModelUse) {
    this.deadline = Date.now() + use.totalMs;
  }

  /** Why the server was given up on, if it was. */
  get down(): string | undefined {
    return this.failure;
  }

  /** One unit vector per text, in order. */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let at = 0; at < texts.length; at += embeddingBatch) {
      const input = texts.slice(at, at + embeddingBatch);
      const reply = await this.post('embeddings', { model: this.use.embeddings, input }, replyLimit.embeddings);
      vectors.push(...this.guard(() => readEmbeddings(reply, input.length, vectors[0]?.length)));
    }
    return vectors;
  }

  /** The model's reply to the messages, as text. */
  async chat(messages: readonly ChatMessage[]): Promise<string> {
    // temperature 0 and a fixed seed: the same statements ask for the same name.
    const reply = await this.post('chat/completions', { model: this.use.chat, messages, temperature: 0, seed: 1, max_tokens: 60, stream: false }, replyLimit.chat);
    return this.guard(() => readChat(reply));
  }

  private guard<T>(read: () => T): T {
    try {
      return read();
    } catch (err) {
      if (err instanceof ServerFailure) this.failure = err.message;
      throw err;
    }
  }

  private async post(path: string, body: unknown, limit: number): Promise<unknown> {
    if (this.failure !== undefined) throw new ServerFailure(this.failure);
    const url = `${this.use.endpoint}/${path}`;
    try {
      const left = this.deadline - Date.now();
      if (left <= 0) throw new ServerFailure(`the model server took more than the ${this.use.totalMs / 1000} s a run may spend on it`);
      const timeout = Math.min(this.use.timeoutMs, left);
      const why = timeout < this.use.timeoutMs ? `the model server took more than the ${this.use.totalMs / 1000} s a run may spend on it` : `${url} did not answer within ${this.use.timeoutMs / 1000} s`;
      const { status, text } = await request(url, JSON.stringify(body), { timeout, why, limit, loopbackOnly: !this.use.allowRemote });
      if (status < 200 || status > 299) {
        // A redirect could carry the statements on to another host: it is not followed.
        throw new ServerFailure(`${url} answered ${status}${status >= 300 && status < 400 ? ' (a redirect, which is not followed)' : errorDetail(text)}`);
      }
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new ServerFailure(`${url} did not answer with JSON`);
      }
    } catch (err) {
      const failure = err instanceof ServerFailure ? err : new ServerFailure(`${url} could not be reached (${causeOf(err)})`);
      this.failure = failure.message;
      throw failure;
    }
  }
}

/**
 * One POST, by Node's own http client with an agent of its own: never through a proxy, whatever
 * the environment says (HTTP_PROXY, NODE_USE_ENV_PROXY), so a request for 127.0.0.1 goes to
 * 127.0.0.1. Unless remote servers are allowed, the host name must also resolve to this machine:
 * "localhost" in a hosts file that points elsewhere is refused before anything is sent.
 */
function request(url: string, body: string, o: { timeout: number; why: string; limit: number; loopbackOnly: boolean }): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const lookup: LookupFunction = (hostname, options, callback) =>
      dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err, '', 0);
        const list = addresses as dns.LookupAddress[];
        const far = list.find((a) => !isLoopback(a.address));
        if (o.loopbackOnly && far) return callback(new ServerFailure(`${hostname} is ${far.address}, which is not this machine; nothing was sent`), '', 0);
        if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
        callback(null, list[0]!.address, list[0]!.family);
      });
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body) },
        agent: new client.Agent({ keepAlive: false }),
        lookup,
      },
      (res) => {
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > o.limit) {
          req.destroy(new ServerFailure(`${url} sent a reply of ${declared} bytes, more than the ${o.limit} expected`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > o.limit) req.destroy(new ServerFailure(`${url} sent a reply of more than the ${o.limit} bytes expected`));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    // One clock for the whole request: connecting, sending, waiting and reading the reply.
    const timer = setTimeout(() => req.destroy(new ServerFailure(o.why)), o.timeout);
    req.on('close', () => clearTimeout(timer));
    req.on('error', reject);
    req.end(body);
  });
}

function errorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string };
    const message = typeof body.error === 'string' ? body.error : body.error?.message;
    if (typeof message === 'string' && message.trim() !== '') return `: ${oneLine(message)}`;
  } catch {
    // Not JSON: the status says enough.
  }
  return '';
}

function causeOf(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return oneLine(e.code ?? e.message ?? String(err));
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}

/**
 * The vectors of an /embeddings reply, checked: one per text (by `index`, when the server gives
 * them, each exactly once), all of one length, all finite; scaled to unit length in double
 * precision before they are kept as float32, so a huge value is an error, not an Infinity.
 */
function readEmbeddings(reply: unknown, count: number, length: number | undefined): Float32Array[] {
  const data = (reply as { data?: unknown })?.data;
  if (!Array.isArray(data) || data.length !== count) {
    throw new ServerFailure(`the embeddings reply did not hold ${count} vector(s)`);
  }
  const indices = data.map((d) => (d as { index?: unknown })?.index);
  let ordered = data;
  if (indices.some((i) => i !== undefined)) {
    const seen = new Set(indices);
    if (seen.size !== count || !indices.every((i) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < count)) {
      throw new ServerFailure('the embeddings reply numbered its vectors wrongly');
    }
    ordered = [...data].sort((a, b) => (a as { index: number }).index - (b as { index: number }).index);
  }
  let dims = length;
  return ordered.map((d) => {
    const embedding = (d as { embedding?: unknown })?.embedding;
    if (!Array.isArray(embedding) || embedding.length === 0 || embedding.length > 65_536 || (dims !== undefined && embedding.length !== dims)) {
      throw new ServerFailure('the embeddings reply held a vector that is missing or of another length');
    }
    dims = embedding.length;
    let norm = 0;
    for (const x of embedding as unknown[]) {
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new ServerFailure('the embeddings reply held something other than numbers');
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm === 0 || !Number.isFinite(norm)) throw new ServerFailure('the embeddings reply held a vector of zeros, or of numbers too large to use');
    return Float32Array.from(embedding as number[], (x) => x / norm);
  });
}

function readChat(reply: unknown): string {
  const content = (reply as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new ServerFailure('the chat reply held no message');
  return content;
}
