import { createHash, createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readText, writeFileAtomic } from './atomic.js';

/**
 * `model-cache.jsonl`: what a model server said, kept with the session, so that theming again
 * sends nothing it has sent before, and gives the same themes for the same cache. One JSON object
 * a line: `{"kind":"vector"|"name","model":…,"key":…,"value":…}`. The key is a keyed hash
 * (the session's `wtfc.key`) of the text or the question: like statement ids, it cannot be matched
 * against guesses of what a statement said. Vectors are float32, base64.
 *
 * A name is kept as the name, never as the model's whole reply (which may quote statements), with
 * the keys of the statements it was asked about.
 *
 * A cache is never believed blindly: a line that cannot be read is dropped (and counted). When it
 * is written, what was made from statements the session no longer holds (withdrawn, changed) is
 * left out; everything else is kept, whichever model made it.
 */
export type CacheKind = 'vector' | 'name';

interface Entry {
  kind: CacheKind;
  model: string;
  key: string;
  value: string;
  /** A name's statements, by key. */
  of?: string[];
}

export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  private changed = false;
  /** Lines that could not be read, and were dropped. */
  readonly damaged: number;

  private constructor(
    private readonly path: string,
    private readonly secret: Uint8Array | undefined,
    text: string,
  ) {
    let damaged = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const entry = readEntry(line);
      if (entry) this.entries.set(slot(entry.kind, entry.model, entry.key), entry);
      else damaged++;
    }
    this.damaged = damaged;
    if (damaged > 0) this.changed = true;
  }

  static open(path: string, secret: Uint8Array | undefined): ModelCache {
    return new ModelCache(path, secret, existsSync(path) ? readText(path) : '');
  }

  /** A text's keyed hash: what the cache stores in place of the text. */
  key(text: string): string {
    return this.secret ? createHmac('sha256', this.secret).update(text).digest('hex') : createHash('sha256').update(text).digest('hex');
  }

  vector(model: string, text: string): Float32Array | undefined {
    const entry = this.get('vector', model, text);
    if (!entry) return undefined;
    const bytes = Buffer.from(entry.value, 'base64');
    if (bytes.length === 0 || bytes.length % 4 !== 0) return undefined;
    const v = new Float32Array(bytes.length / 4);
    for (let i = 0; i < v.length; i++) v[i] = bytes.readFloatLE(4 * i);
    return v.every(Number.isFinite) ? v : undefined;
  }

  setVector(model: string, text: string, v: Float32Array): void {
    const bytes = Buffer.alloc(4 * v.length);
    v.forEach((x, i) => bytes.writeFloatLE(x, 4 * i));
    this.set('vector', model, text, bytes.toString('base64'));
  }

  name(model: string, question: string): string | undefined {
    return this.get('name', model, question)?.value;
  }

  setName(model: string, question: string, name: string, statements: readonly string[]): void {
    this.set('name', model, question, name, statements.map((t) => this.key(t)));
  }

  /** Writes the cache, less what was made from statements no longer in `texts`, if that changes the file. */
  save(texts: Iterable<string>): void {
    const current = new Set([...texts].map((t) => this.key(t)));
    const kept = [...this.entries.entries()].filter(([, e]) => (e.kind === 'vector' ? current.has(e.key) : (e.of ?? []).every((k) => current.has(k))));
    if (!this.changed && kept.length === this.entries.size) return;
    if (kept.length === 0 && !existsSync(this.path)) return;
    kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    writeFileAtomic(this.path, kept.map(([, e]) => `${JSON.stringify(e)}\n`));
  }

  private get(kind: CacheKind, model: string, text: string): Entry | undefined {
    return this.entries.get(slot(kind, model, this.key(text)));
  }

  private set(kind: CacheKind, model: string, text: string, value: string, of?: string[]): void {
    const key = this.key(text);
    this.entries.set(slot(kind, model, key), { kind, model, key, value, ...(of ? { of } : {}) });
    this.changed = true;
  }
}

function slot(kind: CacheKind, model: string, key: string): string {
  return `${kind}\u0000${model}\u0000${key}`;
}

function readEntry(line: string): Entry | undefined {
  try {
    const e = JSON.parse(line) as Partial<Entry>;
    const ok =
      (e.kind === 'vector' || e.kind === 'name') &&
      typeof e.model === 'string' &&
      typeof e.key === 'string' &&
      /^[0-9a-f]{64}$/.test(e.key) &&
      typeof e.value === 'string' &&
      (e.kind === 'name' ? Array.isArray(e.of) && e.of.every((k) => typeof k === 'string' && /^[0-9a-f]{64}$/.test(k)) : /^[A-Za-z0-9+/]+={0,2}$/.test(e.value));
    return ok ? { kind: e.kind!, model: e.model!, key: e.key!, value: e.value!, ...(e.of ? { of: e.of } : {}) } : undefined;
  } catch {
    return undefined;
  }
}
