import { type Where, inputError } from '../errors.js';
import { type ColumnMap, type Layout, detectColumns, looksLikeHeader } from './columns.js';
import type { ParsedCsv, RawRow } from './csv.js';
import { deriveStatementId, fingerprint } from './ids.js';
import { type Category, type Perspective, type Statement, categories } from './model.js';
import { normaliseLabel, normaliseSpace } from './text.js';
import { type ValueMeanings, categoryChoices, normaliseCategory, normalisePerspective, perspectiveChoices } from './values.js';

export interface IngestSource {
  /** What to call the file in messages (the path as the user typed it). */
  file: string;
  /** What to record in the `source` column: the file's base name, or 'stdin'. */
  source: string;
  csv: ParsedCsv;
}

export interface IngestOptions {
  maps: Record<string, string>;
  /** The category for files without a category column. */
  category?: Category;
  /** The council for rows without a council column (or with an empty cell). */
  council?: string;
  maxTextLength: number;
  topTwo: number;
  /** The session's key (`wtfc.key`), which statement ids are derived with. */
  secret: Uint8Array;
  /**
   * Statements since redacted, by the fingerprint of what they said before (`redactedFingerprint`):
   * a row that says it again is the redacted statement, not a new one, or ingesting the original
   * file again would bring the redacted detail back.
   */
  redacted?: ReadonlyMap<string, string>;
  /** What the session's own category and perspective labels mean (`--value`, `ingest.values`). */
  values?: ValueMeanings;
}

/** The fingerprint a redaction records for a statement, keyed with the session's secret. */
export function redactedFingerprint(secret: Uint8Array, statement: Pick<Statement, 'category' | 'person' | 'text'>): string {
  return fingerprint(secret, 'redacted statement', duplicateKey(statement.category, statement.person, statement.text));
}

/** The fingerprint a redaction records for a row of rejected.csv. */
export function rejectedFingerprint(secret: Uint8Array, row: Pick<Rejection, 'source' | 'line' | 'reason' | 'text'>): string {
  return fingerprint(secret, 'redacted rejected row', row.source, String(row.line), row.reason, row.text);
}

/** A row (or, in a wide file, one statement of a row) that did not become a statement. */
export interface Rejection {
  source: string;
  line: number;
  reason: string;
  id: string;
  text: string;
  category: string;
  perspective: string;
  person: string;
  council: string;
}

export interface Duplicate {
  source: string;
  line: number;
  text: string;
  /** The statement it repeats. */
  of: string;
  /** 'again': this very row was ingested before; 'repeat': another row already says this. */
  kind: 'again' | 'repeat';
}

export interface IngestWarning {
  where: Where;
  message: string;
}

export interface FileReport {
  file: string;
  /** The line the header was found on, and how many lines above it (titles, notes) were passed over. */
  headerLine: number;
  skippedLines: number;
  layout: Layout;
  delimiter: string;
  ignoredColumns: string[];
  read: number;
  added: number;
  duplicates: number;
  rejected: number;
}

export interface IngestResult {
  /** Category and perspective labels that were not known, with the rows turned away for each: most first. */
  unknownValues?: { field: 'category' | 'perspective'; value: string; rows: number }[];
  added: Statement[];
  duplicates: Duplicate[];
  rejected: Rejection[];
  warnings: IngestWarning[];
  files: FileReport[];
  read: number;
}

/** One candidate statement read from a file, before validation. */
interface Candidate {
  line: number;
  id: string;
  text: string;
  category: string;
  perspective: string;
  person: string;
  council: string;
  /** Set for wide files, where the column decides the category. */
  fixedCategory?: Category;
}

/**
 * Turns parsed files into new statements. Pure: the caller reads the files and writes the result.
 * Every candidate ends up in exactly one of `added`, `duplicates` or `rejected`.
 */
export function ingestStatements(
  sources: readonly IngestSource[],
  existing: readonly Statement[],
  options: IngestOptions,
): IngestResult {
  const builder = new IngestBuilder(existing, options);
  for (const src of sources) {
    const file = builder.file(src.file, src.source);
    file.header(src.csv.header, src.csv.delimiter, src.csv.headerLine);
    for (const row of src.csv.rows) file.row(row);
    file.end();
  }
  return builder.finish();
}

/**
 * `ingestStatements` a row at a time, for files read as a stream: `file()` for each file in turn,
 * then its `header`, each `row` and `end`; `finish()` once every file is in. A file's rows become
 * candidates as they arrive (only the mapped cells are kept), and its candidates become statements
 * at `end`: whether a row may keep its own id depends on whether a later row of the same file uses
 * that id too. Nothing is changed before `end`, so a file may be dropped half-read and read again.
 */
export class IngestBuilder {
  private readonly byKey = new DuplicateIndex();
  /** Every statement by id, the session's and the new ones: the ids taken. */
  private readonly byId = new Map<string, Statement>();
  private readonly before: Set<string>;
  private readonly result: IngestResult = { added: [], duplicates: [], rejected: [], warnings: [], files: [], read: 0 };
  private readonly names: { source: string; file: string }[] = [];
  private readonly categoryOf = memo((label: string) => this.options.values?.category.get(normaliseLabel(label)) ?? normaliseCategory(label));
  private readonly perspectiveOf = memo((label: string) => this.options.values?.perspective.get(normaliseLabel(label)) ?? normalisePerspective(label));
  /** Labels no one has said the meaning of, and how many rows were turned away for each. */
  private readonly unknown = new Map<string, { field: 'category' | 'perspective'; value: string; rows: number }>();

  constructor(
    private readonly existing: readonly Statement[],
    private readonly options: IngestOptions,
  ) {
    for (const s of existing) {
      const key = keyOf(s.category, s.person, s.text);
      if (!this.byKey.get(key)) this.byKey.add(key, s);
      this.byId.set(s.id, s);
    }
    this.before = new Set(this.byId.keys());
  }

  /** Starts a file: `file` names it in messages, `source` in the statements' source column. */
  file(file: string, source: string): FileIngest {
    return new FileIngest(file, source, this.options, (f) => this.add(f));
  }

  finish(): IngestResult {
    const result = this.result;
    result.unknownValues = [...this.unknown.values()].sort((a, b) => b.rows - a.rows || (a.value < b.value ? -1 : 1));
    for (const w of topTwoWarnings(this.existing, result.added, this.options.topTwo, this.names)) result.warnings.push(w);
    return result;
  }

  private countUnknown(field: 'category' | 'perspective', value: string): void {
    const key = `${field}\u0000${normaliseLabel(value)}`;
    const seen = this.unknown.get(key);
    if (seen) seen.rows++;
    else this.unknown.set(key, { field, value: value.trim(), rows: 1 });
  }

  private add(f: FileIngest): void {
    const { options, result, byKey, byId, before } = this;
    const src = { file: f.file, source: f.source };
    this.names.push(src);
    const { candidates, map } = f;
    const report: FileReport = {
      file: src.file,
      headerLine: f.headerLine,
      skippedLines: f.skippedLines,
      layout: map.layout,
      delimiter: f.delimiter,
      ignoredColumns: map.ignored,
      read: candidates.length,
      added: 0,
      duplicates: 0,
      rejected: 0,
    };
    const reject = (c: Candidate, reason: string) => {
      result.rejected.push({ source: src.source, reason, ...withoutFixed(c) });
      report.rejected++;
    };

    // Built only when a row repeats one from the same file, which is rare.
    let lines: Map<number, string> | undefined;
    const idAtLine = () => (lines ??= new Map(candidates.map((c) => [c.line, c.id.trim()])));

    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i]!;
      if (c.text.trim() === '') {
        reject(c, 'empty text');
        continue;
      }
      const category = c.fixedCategory ?? (c.category.trim() === '' ? options.category : this.categoryOf(c.category));
      const perspective: Perspective | undefined = this.perspectiveOf(c.perspective);
      // Every label no one knows is counted, so one --value run can say them all.
      if (!perspective) this.countUnknown('perspective', c.perspective);
      if (!category) {
        if (c.category.trim() !== '') this.countUnknown('category', c.category);
        reject(
          c,
          c.category.trim() === ''
            ? `no category (give one in the row, or use --category with one of ${categoryChoices})`
            : `unknown category "${c.category}" (use one of ${categoryChoices}, or say what it means with --value "${c.category.trim()}=CATEGORY")`,
        );
        continue;
      }
      if (!perspective) {
        reject(c, `unknown perspective "${c.perspective}" (use one of ${perspectiveChoices}, or say what it means with --value "${c.perspective.trim()}=PERSPECTIVE")`);
        continue;
      }
      const key = keyOf(category, c.person, c.text);
      const givenId = c.id.trim();
      const idCount = givenId === '' ? 0 : f.idCount(i);
      const sameId = givenId === '' ? undefined : byId.get(givenId);
      const seen = sameId && sameKey(keyOf(sameId.category, sameId.person, sameId.text), key) ? sameId : byKey.get(key);
      // Rows that carry their own distinct ids are distinct records even when the words match. A row
      // whose id was taken got another one, so it is known by its line: a repeat of that row, or the
      // same file ingested again, is the same record.
      const sameRecord = seen !== undefined && (givenId === seen.id || (seen.source === src.source && idAtLine().get(seen.line) === givenId));
      const distinctRecord = seen !== undefined && givenId !== '' && !sameRecord && idCount === 1;
      if (seen && !distinctRecord) {
        const kind = before.has(seen.id) && seen.source === src.source ? 'again' : 'repeat';
        result.duplicates.push({ source: src.source, line: c.line, text: c.text, of: seen.id, kind });
        report.duplicates++;
        continue;
      }
      const redactedAs = !seen && options.redacted?.size ? options.redacted.get(redactedFingerprint(options.secret, key)) : undefined;
      if (redactedAs !== undefined) {
        // Counted as a repeat of the same file, so it is not listed in rejected.csv with its words.
        result.duplicates.push({ source: src.source, line: c.line, text: c.text, of: redactedAs, kind: 'again' });
        report.duplicates++;
        continue;
      }
      if (seen) {
        result.warnings.push({
          where: { file: src.file, line: c.line },
          message: `statement ${givenId} says exactly what ${seen.id} says; both are kept because their ids differ`,
        });
      }
      let id: string;
      // `sameId` is undefined exactly when no statement has taken the given id.
      if (givenId !== '' && idCount === 1 && sameId === undefined) {
        id = givenId;
      } else {
        id = deriveStatementId(src.source, keyString(key), (candidate) => byId.has(candidate), options.secret);
        if (givenId !== '') {
          result.warnings.push({
            where: { file: src.file, line: c.line },
            message: `id "${givenId}" is ${idCount > 1 ? 'used by more than one row' : 'already taken by another statement'}; this statement is ${id}`,
          });
        }
      }
      const statement: Statement = {
        id,
        text: c.text,
        category,
        perspective,
        person: c.person.trim(),
        council: c.council.trim() || options.council || '',
        source: src.source,
        line: c.line,
      };
      byId.set(id, statement);
      if (!seen) byKey.add(key, statement);
      result.added.push(statement);
      report.added++;
      if (c.text.length > options.maxTextLength) {
        result.warnings.push({
          where: { file: src.file, line: c.line },
          message: `statement ${id} is ${c.text.length} characters long (more than ${options.maxTextLength}); statements are meant to be short`,
        });
      }
    }
    result.read += report.read;
    result.files.push(report);
  }
}

/** A pure function of a cell, remembered for the few hundred different values a file holds. */
function memo<T>(fn: (value: string) => T): (value: string) => T {
  const seen = new Map<string, T>();
  return (value) => {
    const hit = seen.get(value);
    if (hit !== undefined || seen.has(value)) return hit as T;
    const result = fn(value);
    if (seen.size < 10_000) seen.set(value, result);
    return result;
  };
}

/**
 * `duplicateKey`, in parts, with a hash of the whole key. A million statements would otherwise
 * build and hash a million long key strings; the string is built only to derive an id.
 */
interface Key {
  category: Category;
  person: string;
  text: string;
  hash: number;
}

function keyOf(category: Category, person: string, text: string): Key {
  const p = person.trim();
  const t = normaliseSpace(text);
  // The hash of the key string itself, NULs between the parts included, without building it.
  let h = hashString(0x811c9dc5, category);
  h = Math.imul(h, 0x01000193);
  h = hashString(h, p);
  h = Math.imul(h, 0x01000193);
  h = hashString(h, t);
  return { category, person: p, text: t, hash: h & 0x3fffffff };
}

/** FNV-1a over UTF-16 code units, from `h`. */
function hashString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

function keyString(k: Key): string {
  return duplicateKey(k.category, k.person, k.text);
}

/** Whether two keys are the same `duplicateKey` string (a NUL inside a cell can make different parts agree). */
function sameKey(a: Key, b: Key): boolean {
  if (a.hash !== b.hash || a.category !== b.category) return false;
  return a.person === b.person ? a.text === b.text : keyString(a) === keyString(b);
}

/** The first statement with each duplicate key. */
class DuplicateIndex {
  private readonly byHash = new Map<number, Statement | { key: Key; statement: Statement }[]>();

  get(key: Key): Statement | undefined {
    const hit = this.byHash.get(key.hash);
    if (hit === undefined) return undefined;
    if (!Array.isArray(hit)) return sameKey(this.keyOf(hit), key) ? hit : undefined;
    return hit.find((e) => sameKey(e.key, key))?.statement;
  }

  /** Records the statement for a key that has none yet. */
  add(key: Key, statement: Statement): void {
    const hit = this.byHash.get(key.hash);
    if (hit === undefined) {
      this.byHash.set(key.hash, statement);
    } else if (!Array.isArray(hit)) {
      this.byHash.set(key.hash, [{ key: this.keyOf(hit), statement: hit }, { key, statement }]);
    } else {
      hit.push({ key, statement });
    }
  }

  private keyOf(s: Statement): Key {
    return keyOf(s.category, s.person, s.text);
  }
}

/** How many rows at the top of a file may be looked at for its header. */
export const headerSearch = 10;

/** One file of an `IngestBuilder`: its header, then its rows, then `end`. */
export class FileIngest {
  readonly candidates: Candidate[] = [];
  private columnMap: ColumnMap | undefined;
  private fileDelimiter = '';
  /** Per id: the index of the first candidate using it. */
  private readonly idFirst = new Map<string, number>();
  /** Per candidate: the index of the first candidate using its id, or -1 for no id. */
  private readonly firstUse: number[] = [];
  /** First uses of ids that rows with different contents use too. */
  private readonly sharedIds = new Set<number>();
  private ended = false;

  constructor(
    readonly file: string,
    readonly source: string,
    private readonly options: IngestOptions,
    private readonly commit: (f: FileIngest) => void,
  ) {}

  get map(): ColumnMap {
    if (!this.columnMap) throw new Error(`${this.file}: rows before the header`);
    return this.columnMap;
  }

  get delimiter(): string {
    return this.fileDelimiter;
  }

  /**
   * The file's first row that is not blank. If it reads as a header (`looksLikeHeader`) the columns
   * are found at once; if not, it may be a title above the table, so the next rows are looked at
   * too (`headerSearch` of them), and the first that reads as a header is taken: the rows above it
   * are passed over and counted. None that does is an error (exit 2) naming the lines looked at.
   */
  header(header: string[], delimiter: string, line = 1): void {
    this.fileDelimiter = delimiter;
    if (looksLikeHeader(header, this.options.maps)) this.useHeader(header, line);
    else this.pending.push({ cells: header, line });
  }

  /** The line the header was found on. */
  get headerLine(): number {
    return this.foundAt;
  }

  /** Rows above the header that were passed over. */
  get skippedLines(): number {
    return this.skipped;
  }

  private pending: RawRow[] = [];
  private foundAt = 0;
  private skipped = 0;

  private useHeader(header: string[], line: number): void {
    const map = detectColumns(header, this.options.maps, this.file);
    if (map.layout === 'long' && map.columns.category === undefined && !this.options.category) {
      throw missingCategory(this.file);
    }
    this.columnMap = map;
    this.foundAt = line;
    this.skipped = this.pending.length;
    this.pending = [];
  }

  private noHeader(): never {
    const first = this.pending[0]!;
    // A first row of several columns is most likely the header, one wtfc cannot read: its own
    // problem says most ("cannot tell which column holds the statements", "--map text=Foo: no
    // column headed …"). A lone cell is more likely a title.
    if (first.cells.filter((c) => c.trim() !== '').length >= 2 || Object.keys(this.options.maps).length > 0) {
      detectColumns(first.cells, this.options.maps, this.file);
    }
    const shown = this.pending
      .slice(0, 3)
      .map((r) => `line ${r.line}: ${JSON.stringify(r.cells.filter((c) => c.trim() !== '').join(', ').slice(0, 60))}`)
      .join('; ');
    throw inputError(`${this.file}: cannot find the row that names the columns`, { file: this.file, line: first.line }, `the first lines are ${shown}. Name the statements' column with --map text="Header", or delete the lines above the headers`);
  }

  row(row: RawRow): void {
    if (!this.columnMap) {
      if (looksLikeHeader(row.cells, this.options.maps)) return this.useHeader(row.cells, row.line);
      this.pending.push(row);
      if (this.pending.length >= headerSearch) this.noHeader();
      return;
    }
    const map = this.map;
    const from = this.candidates.length;
    if (map.layout === 'long') this.candidates.push(longCandidate(row, map));
    else wideCandidates(row, map, this.candidates);
    for (let i = from; i < this.candidates.length; i++) this.countId(i);
  }

  /** The file is complete: its candidates become statements, duplicates and rejections. */
  end(): void {
    if (this.ended) throw new Error(`${this.file} ended twice`);
    if (!this.columnMap && this.pending.length > 0) this.noHeader();
    if (!this.columnMap) throw new Error(`${this.file}: ended before its header`);
    this.ended = true;
    this.commit(this);
  }

  /**
   * How many different rows of the file use candidate `index`'s id, as far as it matters: 0 (no
   * id), 1, or 2 for "more than one". A row repeated word for word, id and all, counts once.
   */
  idCount(index: number): number {
    const first = this.firstUse[index]!;
    return first < 0 ? 0 : this.sharedIds.has(first) ? 2 : 1;
  }

  private countId(index: number): void {
    const c = this.candidates[index]!;
    const id = c.id.trim();
    if (id === '') {
      this.firstUse.push(-1);
      return;
    }
    const first = this.idFirst.get(id);
    if (first === undefined) {
      this.idFirst.set(id, index);
      this.firstUse.push(index);
      return;
    }
    this.firstUse.push(first);
    // Comparing with the first use is enough: once two differ the id is shared, whatever follows.
    if (!this.sharedIds.has(first) && idContent(this.candidates[first]!) !== idContent(c)) this.sharedIds.add(first);
  }
}

/**
 * Exact duplicates: the same words (after white space is normalised) in the same category from the
 * same person. Two different people who happen to write the same words are two statements: on the
 * workshop wall they would be two sticky notes, and both count.
 */
export function duplicateKey(category: Category, person: string, text: string): string {
  return `${category}\u0000${person.trim()}\u0000${normaliseSpace(text)}`;
}

function cell(row: string[], index: number | undefined): string {
  return index === undefined ? '' : (row[index] ?? '');
}

function longCandidate(row: RawRow, map: ColumnMap): Candidate {
  const c = map.columns;
  return {
    line: row.line,
    id: cell(row.cells, c.id),
    text: cell(row.cells, c.text),
    category: cell(row.cells, c.category),
    perspective: cell(row.cells, c.perspective),
    person: cell(row.cells, c.person),
    council: cell(row.cells, c.council),
  };
}

/**
 * A wide row holds one person's statements, a column per category. A cell may hold several
 * statements on separate lines (Alt+Enter in Excel), sometimes bulleted; each line is one statement.
 */
function wideCandidates(row: RawRow, map: ColumnMap, out: Candidate[]): void {
  const c = map.columns;
  const shared = {
    line: row.line,
    id: '',
    perspective: cell(row.cells, c.perspective),
    person: cell(row.cells, c.person),
    council: cell(row.cells, c.council),
  };
  const before = out.length;
  for (const category of categories) {
    const value = cell(row.cells, c[category]);
    for (const piece of value.split(/\r\n|\r|\n/)) {
      const text = piece.replace(/^\s*(?:[•·▪◦*-]|\d{1,2}[.)])\s+/u, '').trim();
      if (text !== '') out.push({ ...shared, text, category, fixedCategory: category });
    }
  }
  if (out.length === before) out.push({ ...shared, text: '', category: '' });
}

function withoutFixed(c: Candidate): Omit<Candidate, 'fixedCategory'> {
  const { fixedCategory, ...rest } = c;
  return fixedCategory ? { ...rest, category: fixedCategory } : rest;
}

/** What makes two rows with the same id different rows. */
function idContent(c: Candidate): string {
  return [c.category.trim(), c.person.trim(), normaliseSpace(c.text)].join('\u0000');
}

/**
 * The method asks each person for their top two things in each category. More than that from one
 * person usually means a copying slip, or one voice counted twice.
 */
function topTwoWarnings(
  existing: readonly Statement[],
  added: readonly Statement[],
  limit: number,
  sources: readonly { source: string; file: string }[],
): IngestWarning[] {
  // A group per council, person and category, in the order they first appear. Each group lists the
  // session's statements first, then the new ones; `fresh` is where the new ones start.
  // The key is council, person and category, joined by NULs, as a string only for the rare cell
  // that holds a NUL itself (such a key has more NULs, so it never equals one made without).
  const index = new Map<string, Map<string, (Group | undefined)[]>>();
  const odd = new Map<string, Group>();
  const groups: Group[] = [];
  const group = (s: Statement, isNew: boolean) => {
    if (s.person === '') return;
    let g: Group | undefined;
    if (s.council.includes('\u0000') || s.person.includes('\u0000')) {
      const key = `${s.council}\u0000${s.person}\u0000${s.category}`;
      g = odd.get(key);
      if (!g) odd.set(key, (g = newGroup(groups)));
    } else {
      let people = index.get(s.council);
      if (!people) index.set(s.council, (people = new Map()));
      let byCategory = people.get(s.person);
      if (!byCategory) people.set(s.person, (byCategory = []));
      const c = categories.indexOf(s.category);
      g = byCategory[c];
      if (!g) g = byCategory[c] = newGroup(groups);
    }
    if (isNew && g.fresh < 0) g.fresh = g.list.length;
    g.list.push(s);
  };
  for (const s of existing) group(s, false);
  for (const s of added) group(s, true);
  const fileOf = new Map(sources.map((s) => [s.source, s.file]));
  const warnings: IngestWarning[] = [];
  for (const { list, fresh } of groups) {
    if (list.length <= limit || fresh < 0) continue;
    const first = list[fresh]!;
    warnings.push({
      where: { file: fileOf.get(first.source) ?? first.source, line: first.line },
      message: `person ${first.person} has ${list.length} "${first.category}" statements (${list.map((s) => s.id).join(', ')}); the method takes each person's top ${limit}`,
    });
  }
  return warnings;
}

interface Group {
  list: Statement[];
  fresh: number;
}

function newGroup(groups: Group[]): Group {
  const g = { list: [], fresh: -1 };
  groups.push(g);
  return g;
}

function missingCategory(file: string) {
  return inputError(
    `${file} has no category column, so wtfc cannot tell working from not working`,
    { file, line: 1 },
    `say which category every row is with --category (${categoryChoices}), or name the column with --map category="Header"`,
  );
}
