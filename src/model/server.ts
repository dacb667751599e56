import { WtfcError } from '../errors.js';
import type { ModelSettings } from '../session/settings.js';

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
  nameStatements: number;
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
  if (!isLoopback(url.hostname) && !(flags.allowRemote || settings.allowRemote)) {
    throw new WtfcError(`the model server ${url.host} is not this machine, and the statements may not leave it`, {
      hint: 'run the model on this machine (http://127.0.0.1:PORT/v1); or, if the council allows that server to see the statements, set model.allow_remote: true in wtfc.yaml (or add --allow-remote)',
    });
  }
  if (embeddings === '' && chat === '') return undefined;
  return { endpoint: endpoint.replace(/\/+$/, ''), embeddings, chat, timeoutMs: Math.round(settings.timeoutSeconds * 1000), nameStatements: settings.nameStatements };
}

/** Whether a URL's host name is this machine: localhost, 127.0.0.0/8 or ::1. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(host) || /^::ffff:7f[0-9a-f]{2}:/.test(host);
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

  constructor(readonly use: ModelUse) {}

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
    const seconds = this.use.timeoutMs / 1000;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        // A redirect could carry the statements to another host: it is a failure, not followed.
        redirect: 'error',
        signal: AbortSignal.timeout(this.use.timeoutMs),
      });
      const text = await readLimited(response, limit);
      if (!response.ok) throw new ServerFailure(`${url} answered ${response.status}${errorDetail(text)}`);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new ServerFailure(`${url} did not answer with JSON`);
      }
    } catch (err) {
      const failure =
        err instanceof ServerFailure
          ? err
          : new ServerFailure(
              (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError'
                ? `${url} did not answer within ${seconds} s`
                : `${url} could not be reached (${causeOf(err)})`,
            );
      this.failure = failure.message;
      throw failure;
    }
  }
}

async function readLimited(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    throw new ServerFailure(`${response.url} sent a reply of ${declared} bytes, more than the ${limit} expected`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new ServerFailure(`${response.url} sent a reply of more than the ${limit} bytes expected`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
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
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return oneLine(cause?.code ?? cause?.message ?? (err as Error).message ?? String(err));
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}

/** The vectors of an /embeddings reply, checked: one per text, all of one length, all finite. */
function readEmbeddings(reply: unknown, count: number, length: number | undefined): Float32Array[] {
  const data = (reply as { data?: unknown })?.data;
  if (!Array.isArray(data) || data.length !== count) {
    throw new ServerFailure(`the embeddings reply did not hold ${count} vector(s)`);
  }
  const ordered = data.every((d) => Number.isInteger((d as { index?: unknown })?.index))
    ? [...data].sort((a, b) => (a as { index: number }).index - (b as { index: number }).index)
    : data;
  let dims = length;
  return ordered.map((d) => {
    const embedding = (d as { embedding?: unknown })?.embedding;
    if (!Array.isArray(embedding) || embedding.length === 0 || embedding.length > 65_536 || (dims !== undefined && embedding.length !== dims)) {
      throw new ServerFailure('the embeddings reply held a vector that is missing or of another length');
    }
    dims = embedding.length;
    const v = new Float32Array(dims);
    let norm = 0;
    for (let i = 0; i < dims; i++) {
      const x = embedding[i] as unknown;
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new ServerFailure('the embeddings reply held something other than numbers');
      v[i] = x;
      norm += x * x;
    }
    if (norm === 0) throw new ServerFailure('the embeddings reply held a vector of zeros');
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < dims; i++) v[i]! *= scale;
    return v;
  });
}

function readChat(reply: unknown): string {
  const content = (reply as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new ServerFailure('the chat reply held no message');
  return content;
}
