import { type Where, inputError } from '../errors.js';
import { type ColumnMap, type Layout, detectColumns } from './columns.js';
import type { ParsedCsv } from './csv.js';
import { deriveStatementId } from './ids.js';
import { type Category, type Perspective, type Statement, categories } from './model.js';
import { normaliseSpace } from './text.js';
import { categoryChoices, normaliseCategory, normalisePerspective, perspectiveChoices } from './values.js';

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
  layout: Layout;
  delimiter: string;
  ignoredColumns: string[];
  read: number;
  added: number;
  duplicates: number;
  rejected: number;
}

export interface IngestResult {
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
  const byKey = new Map<string, Statement>();
  const byId = new Map<string, Statement>();
  const ids = new Set<string>();
  for (const s of existing) {
    const key = duplicateKey(s.category, s.person, s.text);
    if (!byKey.has(key)) byKey.set(key, s);
    byId.set(s.id, s);
    ids.add(s.id);
  }
  const before = new Set(ids);

  const result: IngestResult = { added: [], duplicates: [], rejected: [], warnings: [], files: [], read: 0 };

  for (const src of sources) {
    const map = detectColumns(src.csv.header, options.maps, src.file);
    if (map.layout === 'long' && map.columns.category === undefined && !options.category) {
      throw missingCategory(src.file);
    }
    const candidates = map.layout === 'long' ? longCandidates(src.csv, map) : wideCandidates(src.csv, map);
    const idCounts = countIds(candidates);
    const idAtLine = new Map(candidates.map((c) => [c.line, c.id.trim()]));
    const report: FileReport = {
      file: src.file,
      layout: map.layout,
      delimiter: src.csv.delimiter,
      ignoredColumns: map.ignored,
      read: candidates.length,
      added: 0,
      duplicates: 0,
      rejected: 0,
    };

    for (const c of candidates) {
      const reject = (reason: string) => {
        result.rejected.push({ source: src.source, reason, ...withoutFixed(c) });
        report.rejected++;
      };
      if (c.text.trim() === '') {
        reject('empty text');
        continue;
      }
      const category = c.fixedCategory ?? (c.category.trim() === '' ? options.category : normaliseCategory(c.category));
      if (!category) {
        reject(
          c.category.trim() === ''
            ? `no category (give one in the row, or use --category with one of ${categoryChoices})`
            : `unknown category "${c.category}" (use one of ${categoryChoices})`,
        );
        continue;
      }
      const perspective: Perspective | undefined = normalisePerspective(c.perspective);
      if (!perspective) {
        reject(`unknown perspective "${c.perspective}" (use one of ${perspectiveChoices})`);
        continue;
      }
      const key = duplicateKey(category, c.person, c.text);
      const givenId = c.id.trim();
      const sameId = givenId === '' ? undefined : byId.get(givenId);
      const seen = sameId && duplicateKey(sameId.category, sameId.person, sameId.text) === key ? sameId : byKey.get(key);
      // Rows that carry their own distinct ids are distinct records even when the words match. A row
      // whose id was taken got another one, so it is known by its line: a repeat of that row, or the
      // same file ingested again, is the same record.
      const sameRecord = seen !== undefined && (givenId === seen.id || (seen.source === src.source && idAtLine.get(seen.line) === givenId));
      const distinctRecord = seen !== undefined && givenId !== '' && !sameRecord && idCounts.get(givenId) === 1;
      if (seen && !distinctRecord) {
        const kind = before.has(seen.id) && seen.source === src.source ? 'again' : 'repeat';
        result.duplicates.push({ source: src.source, line: c.line, text: c.text, of: seen.id, kind });
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
      if (givenId !== '' && idCounts.get(givenId) === 1 && !ids.has(givenId)) {
        id = givenId;
      } else {
        id = deriveStatementId(src.source, key, (candidate) => ids.has(candidate));
        if (givenId !== '') {
          result.warnings.push({
            where: { file: src.file, line: c.line },
            message: `id "${givenId}" is ${idCounts.get(givenId)! > 1 ? 'used by more than one row' : 'already taken by another statement'}; this statement is ${id}`,
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
      ids.add(id);
      byId.set(id, statement);
      if (!seen) byKey.set(key, statement);
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

  result.warnings.push(...topTwoWarnings(existing, result.added, options.topTwo, sources));
  return result;
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

function longCandidates(csv: ParsedCsv, map: ColumnMap): Candidate[] {
  const c = map.columns;
  return csv.rows.map((row) => ({
    line: row.line,
    id: cell(row.cells, c.id),
    text: cell(row.cells, c.text),
    category: cell(row.cells, c.category),
    perspective: cell(row.cells, c.perspective),
    person: cell(row.cells, c.person),
    council: cell(row.cells, c.council),
  }));
}

/**
 * A wide row holds one person's statements, a column per category. A cell may hold several
 * statements on separate lines (Alt+Enter in Excel), sometimes bulleted; each line is one statement.
 */
function wideCandidates(csv: ParsedCsv, map: ColumnMap): Candidate[] {
  const c = map.columns;
  const out: Candidate[] = [];
  for (const row of csv.rows) {
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
  return out;
}

function withoutFixed(c: Candidate): Omit<Candidate, 'fixedCategory'> {
  const { fixedCategory, ...rest } = c;
  return fixedCategory ? { ...rest, category: fixedCategory } : rest;
}

/** How many different rows use each id. A row repeated word for word, id and all, counts once. */
function countIds(candidates: Candidate[]): Map<string, number> {
  const contents = new Map<string, Set<string>>();
  for (const c of candidates) {
    const id = c.id.trim();
    if (id === '') continue;
    const seen = contents.get(id) ?? new Set<string>();
    seen.add([c.category.trim(), c.person.trim(), normaliseSpace(c.text)].join('\u0000'));
    contents.set(id, seen);
  }
  return new Map([...contents].map(([id, set]) => [id, set.size]));
}

/**
 * The method asks each person for their top two things in each category. More than that from one
 * person usually means a copying slip, or one voice counted twice.
 */
function topTwoWarnings(
  existing: readonly Statement[],
  added: readonly Statement[],
  limit: number,
  sources: readonly IngestSource[],
): IngestWarning[] {
  const groups = new Map<string, Statement[]>();
  for (const s of [...existing, ...added]) {
    if (s.person === '') continue;
    const key = `${s.council}\u0000${s.person}\u0000${s.category}`;
    const list = groups.get(key) ?? [];
    list.push(s);
    groups.set(key, list);
  }
  const addedIds = new Set(added.map((s) => s.id));
  const fileOf = new Map(sources.map((s) => [s.source, s.file]));
  const warnings: IngestWarning[] = [];
  for (const list of groups.values()) {
    const fresh = list.filter((s) => addedIds.has(s.id));
    if (list.length <= limit || fresh.length === 0) continue;
    const first = fresh[0]!;
    warnings.push({
      where: { file: fileOf.get(first.source) ?? first.source, line: first.line },
      message: `person ${first.person} has ${list.length} "${first.category}" statements (${list.map((s) => s.id).join(', ')}); the method takes each person's top ${limit}`,
    });
  }
  return warnings;
}

function missingCategory(file: string) {
  return inputError(
    `${file} has no category column, so wtfc cannot tell working from not working`,
    { file, line: 1 },
    `say which category every row is with --category (${categoryChoices}), or name the column with --map category="Header"`,
  );
}
