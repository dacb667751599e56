import { inputError } from '../errors.js';
import { type Category, categories } from './model.js';
import { normaliseLabel } from './text.js';
import { normaliseCategory } from './values.js';

export const longFields = ['id', 'text', 'category', 'perspective', 'person', 'council'] as const;
export type LongField = (typeof longFields)[number];
export type Field = LongField | Category;
export const mappableFields: readonly Field[] = [...longFields, ...categories];

/**
 * Header names seen in real statement spreadsheets. Exact (normalised) matches win; then a header
 * whose first words are an alias ("Statement (in their words)").
 */
const headerAliases: Record<LongField, readonly string[]> = {
  id: ['id', 'ref', 'reference', 'statement id', 'statement ref', 'statement no', 'statement number', 'no', 'number', 'row id', 'uid'],
  text: [
    'text', 'statement', 'statements', 'comment', 'comments', 'i statement', 'i statements',
    'statement text', 'what they said', 'what was said', 'in their words', 'quote', 'quotes',
    'response', 'responses', 'feedback', 'words', 'description', 'verbatim', 'answer', 'note', 'notes',
  ],
  category: [
    'category', 'type', 'heading', 'section', 'kind', 'statement type', 'category type', 'wall',
    'working not working', 'working not working future', 'question', 'prompt',
  ],
  perspective: [
    'perspective', 'who', 'role', 'respondent', 'respondent type', 'from', 'said by', 'voice',
    'stakeholder', 'person type', 'source type', 'who said it', 'relationship', 'group', 'contributor',
  ],
  person: [
    'person', 'person ref', 'person reference', 'person id', 'person no', 'pseudonym', 'participant',
    'participant id', 'respondent id', 'individual', 'person code', 'case ref', 'review ref',
  ],
  council: ['council', 'authority', 'local authority', 'la', 'site', 'area', 'organisation', 'organization', 'place'],
};

export type Layout = 'long' | 'wide';

export interface ColumnMap {
  layout: Layout;
  /** Column index of each field found. */
  columns: Partial<Record<Field, number>>;
  /** Headers of columns that were not used. */
  ignored: string[];
}

/**
 * Decides which column holds what. `--map field=Header` entries override detection. A file with a
 * text column is long (one statement a row); a file with category-named columns and no text column
 * is wide (one person a row, one column a category).
 */
export function detectColumns(header: string[], maps: Record<string, string>, file: string): ColumnMap {
  const labels = header.map(normaliseLabel);
  const columns: Partial<Record<Field, number>> = {};
  const taken = new Set<number>();

  for (const [field, wanted] of Object.entries(maps)) {
    if (!(mappableFields as readonly string[]).includes(field)) {
      throw inputError(
        `--map ${field}=${wanted}: there is no field "${field}"`,
        undefined,
        `fields are ${mappableFields.join(', ')}`,
      );
    }
    const index = findHeader(header, labels, wanted);
    if (index === undefined) {
      throw inputError(
        `--map ${field}=${wanted}: ${file} has no column headed "${wanted}"`,
        { file, line: 1 },
        `its columns are ${header.map((h) => JSON.stringify(h)).join(', ')}`,
      );
    }
    columns[field as Field] = index;
    taken.add(index);
  }

  for (const pass of ['exact', 'prefix'] as const) {
    for (const field of longFields) {
      if (columns[field] !== undefined) continue;
      const aliases = headerAliases[field];
      const index = labels.findIndex(
        (label, i) =>
          !taken.has(i) &&
          label !== '' &&
          (pass === 'exact' ? aliases.includes(label) : aliases.some((a) => a.length > 2 && label.startsWith(`${a} `))),
      );
      if (index >= 0) {
        columns[field] = index;
        taken.add(index);
      }
    }
  }

  if (columns.text === undefined) {
    for (const [i, h] of header.entries()) {
      if (taken.has(i)) continue;
      const category = normaliseCategory(h);
      if (category && columns[category] === undefined) {
        columns[category] = i;
        taken.add(i);
      }
    }
  }

  const wide = categories.some((c) => columns[c] !== undefined);
  if (columns.text === undefined && !wide) {
    throw inputError(
      `${file}: cannot tell which column holds the statements`,
      { file, line: 1 },
      `name it with --map text="Your header" (its columns are ${header.map((h) => JSON.stringify(h)).join(', ')})`,
    );
  }
  if (columns.text !== undefined && wide) {
    throw inputError(
      `${file}: has both a text column and per-category columns`,
      { file, line: 1 },
      'map one layout only: either --map text=… with --map category=…, or the category columns',
    );
  }
  const ignored = header.filter((h, i) => !taken.has(i) && h.trim() !== '');
  return { layout: wide ? 'wide' : 'long', columns, ignored };
}

function findHeader(header: string[], labels: string[], wanted: string): number | undefined {
  const exact = header.indexOf(wanted);
  if (exact >= 0) return exact;
  const label = normaliseLabel(wanted);
  const loose = labels.indexOf(label);
  return loose >= 0 ? loose : undefined;
}

/**
 * Whether a row reads as the file's header: the columns named by `--map` are all there; or two or
 * more cells are filled and the columns can be made out (a statements column, or columns named
 * after the categories); or its one cell is exactly a statements column's name. A lone title that
 * merely mentions "working" ("Working Together for Change – Feedback Forms") is not a header.
 */
export function looksLikeHeader(cells: string[], maps: Record<string, string>): boolean {
  const filled = cells.filter((c) => c.trim() !== '').length;
  if (filled === 0) return false;
  let map: ColumnMap;
  try {
    map = detectColumns(cells, maps, '');
  } catch {
    return false;
  }
  if (Object.keys(maps).length > 0) return true;
  if (filled >= 2) return true;
  // A lone cell is a header only when it is exactly a statement column's name ("Comments"), not a
  // title that starts like one ("Comments from the March drop-in").
  return map.columns.text !== undefined && headerAliases.text.includes(normaliseLabel(cells[map.columns.text]!));
}
