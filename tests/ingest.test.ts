import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/core/csv.js';
import { type IngestOptions, type IngestResult, ingestStatements } from '../src/core/ingest.js';
import type { Statement } from '../src/core/model.js';
import { writeFileSync } from 'node:fs';
import { testSecret, thrown } from './helpers.js';

const lines = (...ls: string[]) => ls.join('\n');

/**
 * Ingests inline CSV files (name → text) through the pure path. Every call also checks the
 * accounting rule: each row read is added, a duplicate or rejected, in total and per file.
 */
function ingest(files: Record<string, string>, options: Partial<IngestOptions> = {}, existing: Statement[] = []): IngestResult {
  const sources = Object.entries(files).map(([name, text]) => ({ file: `in/${name}`, source: name, csv: parseCsv(text, name) }));
  const result = ingestStatements(sources, existing, { maps: {}, maxTextLength: 500, topTwo: 2, secret: testSecret, ...options });
  expect(result.read).toBe(result.added.length + result.duplicates.length + result.rejected.length);
  for (const f of result.files) expect(f.read).toBe(f.added + f.duplicates + f.rejected);
  expect(result.files.reduce((n, f) => n + f.read, 0)).toBe(result.read);
  return result;
}


const texts = (r: IngestResult) => r.added.map((s) => s.text);

describe('ingestStatements: header detection', () => {
  const textHeaders = ['Statement', 'Comment', 'I statement', 'Text', 'Statement (in their words)'];
  for (const h of textHeaders) {
    it(`finds the statements in a column headed "${h}"`, () => {
      const r = ingest({ 'a.csv': lines(`Category,${h}`, 'working,My PA is kind') });
      expect(texts(r)).toEqual(['My PA is kind']);
      expect(r.files[0]!.layout).toBe('long');
    });
  }

  for (const h of ['Category', 'Type', 'Heading']) {
    it(`reads the category from a column headed "${h}"`, () => {
      const r = ingest({ 'a.csv': lines(`Statement,${h}`, 'Buses are late,not working') });
      expect(r.added.map((s) => s.category)).toEqual(['not_working']);
    });
  }

  for (const h of ['Who', 'Perspective', 'Role']) {
    it(`reads the perspective from a column headed "${h}"`, () => {
      const r = ingest({ 'a.csv': lines(`Statement,Category,${h}`, 'Buses are late,not working,Family carer') });
      expect(r.added.map((s) => s.perspective)).toEqual(['family']);
    });
  }

  for (const h of ['ID', 'Ref']) {
    it(`keeps the id from a column headed "${h}"`, () => {
      const r = ingest({ 'a.csv': lines(`${h},Statement,Category`, 'NM-007,Buses are late,not working') });
      expect(r.added.map((s) => s.id)).toEqual(['NM-007']);
    });
  }

  it('reads person ref and council, and lists the columns it did not use', () => {
    const r = ingest({
      'a.csv': lines('Ref,Person ref,Council,Who,Category,Statement,Notes from the day', 'S1, P07 , Northmere ,Person,working,My PA is kind,tea'),
    });
    expect(r.added).toEqual([
      {
        id: 'S1',
        text: 'My PA is kind',
        category: 'working',
        perspective: 'person',
        person: 'P07',
        council: 'Northmere',
        source: 'a.csv',
        line: 2,
      },
    ]);
    expect(r.files[0]!.ignoredColumns).toEqual(['Notes from the day']);
  });

  it('records the unknown perspective when there is no perspective column, and the default council', () => {
    const r = ingest({ 'a.csv': lines('Statement,Category', 'Buses are late,nw') }, { council: 'Eastshire' });
    expect(r.added[0]).toMatchObject({ perspective: 'unknown', council: 'Eastshire', person: '' });
  });

  it('passes over a title, a note and a blank line above the headers, and says where the headers are', () => {
    const r = ingest({
      'a.csv': lines('Working Together for Change – Feedback Forms', 'Collected at the March drop-in,,,', '', 'No.,Who,Category,Comment', '1,Person,Working,My PA is great', '2,Family,Not working,The bus is late'),
    });
    expect(texts(r)).toEqual(['My PA is great', 'The bus is late']);
    expect(r.added.map((s) => s.line)).toEqual([5, 6]);
    expect(r.files[0]).toMatchObject({ headerLine: 4, skippedLines: 2, layout: 'long', read: 2 });
  });

  it('takes a first row that reads as a header as it always did', () => {
    const r = ingest({ 'a.csv': lines('Statement,Category', 'Buses are late,nw') });
    expect(r.files[0]).toMatchObject({ headerLine: 1, skippedLines: 0 });
  });

  it('does not take a lone title that mentions "working" for a category column', () => {
    const err = thrown(() => ingest({ 'a.csv': lines('Working Together for Change', 'No.,1', 'No.,2') }));
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe('in/a.csv: cannot find the row that names the columns');
    expect(err.hint).toContain('line 1: "Working Together for Change"; line 2: "No., 1"');
    expect(err.hint).toContain('--map text=');
  });

  it('gives up after 10 rows without a header, naming the first lines it looked at', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `Comments from visit ${i + 1}`);
    const err = thrown(() => ingest({ 'a.csv': lines('A title', ...rows, 'Statement,Category', 'Buses are late,nw') }));
    expect(err.message).toBe('in/a.csv: cannot find the row that names the columns');
    expect(err.where).toEqual({ file: 'in/a.csv', line: 1 });
  });

  it('finds a header named by --map below a title', () => {
    const r = ingest({ 'a.csv': lines('Feedback 2026', 'Said,Wall', 'Buses are late,nw') }, { maps: { text: 'Said', category: 'Wall' } });
    expect(texts(r)).toEqual(['Buses are late']);
    expect(r.files[0]!.headerLine).toBe(2);
  });

  it('refuses a file with no statement column, naming --map text', () => {
    const err = thrown(() => ingest({ 'a.csv': lines('Colour,Size', 'red,big') }));
    expect(err.exitCode).toBe(2);
    expect(err.hint).toContain('--map text=');
    expect(err.hint).toContain('"Colour"');
  });
});

describe('ingestStatements: --map', () => {
  it('uses the mapped column instead of the one detection would pick', () => {
    const r = ingest({ 'a.csv': lines('Statement,What they really said,Category', 'summary,My own words,working') }, {
      maps: { text: 'What they really said' },
    });
    expect(texts(r)).toEqual(['My own words']);
    expect(r.files[0]!.ignoredColumns).toEqual(['Statement']);
  });

  it('matches the mapped header loosely (case and punctuation)', () => {
    const r = ingest({ 'a.csv': lines('Said,Wall', 'My own words,Future') }, { maps: { text: 'said', category: 'WALL!' } });
    expect(r.added.map((s) => [s.text, s.category])).toEqual([['My own words', 'future']]);
  });

  it('maps category columns of a wide file', () => {
    const r = ingest({ 'a.csv': lines('Person,Good things,Bad things', 'P1,Kind staff,Late buses') }, {
      maps: { working: 'Good things', not_working: 'Bad things' },
    });
    expect(r.files[0]!.layout).toBe('wide');
    expect(r.added.map((s) => [s.category, s.text, s.person])).toEqual([
      ['working', 'Kind staff', 'P1'],
      ['not_working', 'Late buses', 'P1'],
    ]);
  });

  it('refuses an unknown field, naming the flag and listing the fields', () => {
    const err = thrown(() => ingest({ 'a.csv': lines('Statement,Category', 'x,working') }, { maps: { colour: 'Statement' } }));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('--map colour=Statement');
    expect(err.hint).toContain('text');
    expect(err.hint).toContain('not_working');
  });

  it('refuses a mapped header the file does not have, listing its columns', () => {
    const err = thrown(() => ingest({ 'a.csv': lines('Statement,Category', 'x,working') }, { maps: { text: 'Words' } }));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('--map text=Words');
    expect(err.message).toContain('in/a.csv');
    expect(err.hint).toContain('"Statement", "Category"');
  });
});

describe('ingestStatements: wide layout (one person a row, one column a category)', () => {
  const header = "Person,Who,What's working,What's not working,What's important for the future";

  it('turns each category cell into statements of that category', () => {
    const r = ingest({ 'w.csv': lines(header, 'P1,Family carer,Kind staff,Late buses,Stay at home') });
    expect(r.files[0]!.layout).toBe('wide');
    expect(r.added.map((s) => [s.category, s.text, s.person, s.perspective, s.line])).toEqual([
      ['working', 'Kind staff', 'P1', 'family', 2],
      ['not_working', 'Late buses', 'P1', 'family', 2],
      ['future', 'Stay at home', 'P1', 'family', 2],
    ]);
  });

  it('splits a cell with several statements on its line breaks and strips bullets and numbers', () => {
    const cell = '"• Staff listen\n- My PA is kind\r\n1) Buses are on time\n\n  * Lunch club  \n2. Day centre"';
    const r = ingest({ 'w.csv': lines(header, `P1,Person,${cell},,`) });
    expect(texts(r)).toEqual(['Staff listen', 'My PA is kind', 'Buses are on time', 'Lunch club', 'Day centre']);
    expect(r.added.every((s) => s.category === 'working')).toBe(true);
    expect(r.read).toBe(5);
  });

  it('keeps numbers that are part of the statement', () => {
    const r = ingest({ 'w.csv': lines(header, 'P1,Person,,3.5 hours is not enough,') });
    expect(texts(r)).toEqual(['3.5 hours is not enough']);
  });

  it('rejects a row with no statements in any category, counting it as read', () => {
    const r = ingest({ 'w.csv': lines(header, 'P1,Person,Kind staff,,', 'P2,Person,,,', 'P3,Staff,,Rotas,') });
    expect(texts(r)).toEqual(['Kind staff', 'Rotas']);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ person: 'P2', line: 3, reason: 'empty text' });
    expect(r.read).toBe(3);
  });
});

describe('ingestStatements: categories', () => {
  const spellings: [string, string][] = [
    ["What's working", 'working'],
    ['What’s not working', 'not_working'],
    ['Not working', 'not_working'],
    ['NW', 'not_working'],
    ['Important for the future', 'future'],
    ['future', 'future'],
    ['  WORKING  ', 'working'],
    ["What isn't working?", 'not_working'],
  ];
  for (const [spelling, category] of spellings) {
    it(`reads "${spelling}" as ${category}`, () => {
      const r = ingest({ 'a.csv': lines('Statement,Category', `Something,${spelling}`) });
      expect(r.added.map((s) => s.category)).toEqual([category]);
    });
  }

  it('rejects an unknown category with a reason naming it and the choices', () => {
    const r = ingest({ 'a.csv': lines('Statement,Category', 'Good,working', 'Odd,Miscellaneous') });
    expect(texts(r)).toEqual(['Good']);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ line: 3, text: 'Odd', category: 'Miscellaneous', source: 'a.csv' });
    expect(r.rejected[0]!.reason).toContain('unknown category "Miscellaneous"');
    expect(r.rejected[0]!.reason).toContain('not_working');
  });

  it('refuses a file with no category column and no --category, naming --category (exit 2)', () => {
    const err = thrown(() => ingest({ 'a.csv': lines('Statement,Who', 'Buses are late,Person') }));
    expect(err.exitCode).toBe(2);
    expect(`${err.message} ${err.hint}`).toContain('--category');
    expect(err.where).toEqual({ file: 'in/a.csv', line: 1 });
  });

  it('applies --category to every row of a file with no category column', () => {
    const r = ingest({ 'a.csv': lines('Statement', 'Buses are late', 'No one calls back') }, { category: 'not_working' });
    expect(r.added.map((s) => s.category)).toEqual(['not_working', 'not_working']);
  });

  it('applies --category to rows whose category cell is empty, but not to rows that name one', () => {
    const r = ingest({ 'a.csv': lines('Statement,Category', 'A,', 'B,working') }, { category: 'future' });
    expect(r.added.map((s) => [s.text, s.category])).toEqual([
      ['A', 'future'],
      ['B', 'working'],
    ]);
  });

  it('rejects a row with an empty category when there is no --category, naming --category', () => {
    const r = ingest({ 'a.csv': lines('Statement,Category', 'A,', 'B,working') });
    expect(texts(r)).toEqual(['B']);
    expect(r.rejected[0]!.reason).toContain('--category');
  });
});

describe('ingestStatements: perspectives', () => {
  const spellings: [string, string][] = [
    ['Person', 'person'],
    ['Service user', 'person'],
    ['Family carer (mum)', 'family'],
    ['Staff - provider', 'staff'],
    ['Social worker', 'staff'],
    ['Advocate', 'other'],
    ['', 'unknown'],
    ['Not recorded', 'unknown'],
  ];
  for (const [spelling, perspective] of spellings) {
    it(`reads "${spelling}" as ${perspective}`, () => {
      const r = ingest({ 'a.csv': lines('Statement,Category,Who', `Something,working,${spelling}`) });
      expect(r.added.map((s) => s.perspective)).toEqual([perspective]);
    });
  }

  it('rejects an unknown perspective with a reason naming it', () => {
    const r = ingest({ 'a.csv': lines('Statement,Category,Who', 'Something,working,Martian') });
    expect(r.added).toEqual([]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.reason).toContain('unknown perspective "Martian"');
    expect(r.rejected[0]!.reason).toContain('family');
  });
});

describe('ingestStatements: ids', () => {
  it('keeps ids from the file verbatim (trimmed) when each is used once', () => {
    const r = ingest({ 'a.csv': lines('ID,Statement,Category', 'NM-001,A,working', ' 0042 ,B,working', 'x/7,C,future') });
    expect(r.added.map((s) => s.id)).toEqual(['NM-001', '0042', 'x/7']);
    expect(r.warnings).toEqual([]);
  });

  it('derives ids for rows that share an id, with a warning for each, and keeps the unique ones', () => {
    const r = ingest({ 'a.csv': lines('ID,Statement,Category', '7,A,working', '7,B,working', '8,C,working') });
    const [a, b, c] = r.added;
    expect(a!.id).toMatch(/^s-[0-9a-f]{8}$/);
    expect(b!.id).toMatch(/^s-[0-9a-f]{8}$/);
    expect(a!.id).not.toBe(b!.id);
    expect(c!.id).toBe('8');
    expect(r.warnings.map((w) => [w.where.line, w.message])).toEqual([
      [2, expect.stringContaining('id "7" is used by more than one row')],
      [3, expect.stringContaining('id "7" is used by more than one row')],
    ]);
    expect(r.warnings[0]!.message).toContain(a!.id);
  });

  it('derives a new id when a given id is already taken by an existing statement', () => {
    const first = ingest({ 'a.csv': lines('ID,Statement,Category', 'S1,A,working') });
    const r = ingest({ 'b.csv': lines('ID,Statement,Category', 'S1,B,working') }, {}, first.added);
    expect(r.added[0]!.id).toMatch(/^s-[0-9a-f]{8}$/);
    expect(r.warnings[0]!.message).toContain('already taken');
  });

  // Found by fuzzing: a row whose id was taken got a derived id, and then its repeats (and the same
  // row ingested again) counted as distinct records, each with a longer id; the sixteenth crashed
  // ("no free id", exit 70).
  it('counts the repeats of a row whose id is taken as duplicates, in the file and when it is ingested again', () => {
    const first = ingest({ 'a.csv': lines('ID,Statement,Category', 'S1,A,working') });
    const b = lines('ID,Statement,Category', ...Array<string>(20).fill('S1,B,working'), 'S2,B,working');
    const r = ingest({ 'b.csv': b }, {}, first.added);
    expect(r.added.map((s) => s.id)).toEqual([expect.stringMatching(/^s-[0-9a-f]{8}$/), 'S2']);
    expect(r.duplicates).toHaveLength(19);
    expect(r.duplicates.every((d) => d.of === r.added[0]!.id)).toBe(true);
    const again = ingest({ 'b.csv': b }, {}, [...first.added, ...r.added]);
    expect(again.added).toEqual([]);
    expect(again.duplicates.map((d) => d.kind)).toEqual(Array(21).fill('again'));
  });

  it('gives each of many rows with the same words and taken ids an id of its own', () => {
    const first = ingest({ 'a.csv': lines('ID,Statement,Category', ...Array.from({ length: 20 }, (_, i) => `${i},Other ${i},working`)) });
    const r = ingest({ 'b.csv': lines('ID,Statement,Category', ...Array.from({ length: 20 }, (_, i) => `${i},Same words,working`)) }, {}, first.added);
    expect(r.added).toHaveLength(20);
    expect(new Set(r.added.map((s) => s.id)).size).toBe(20);
  });

  it('derives the same ids when the same file is ingested again from scratch', () => {
    const file = { 'a.csv': lines('Statement,Category', 'A,working', 'B,not working', 'C,future') };
    const ids = ingest(file).added.map((s) => s.id);
    expect(ids.every((id) => /^s-[0-9a-f]{8}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(3);
    expect(ingest(file).added.map((s) => s.id)).toEqual(ids);
  });

  it('derives an id from the statement itself, not from its line or the rows around it', () => {
    const alone = ingest({ 'a.csv': lines('Statement,Category', 'Buses are late,nw') }).added[0]!;
    const crowded = ingest({
      'a.csv': lines('Statement,Category', 'Other,working', '', 'More,future', 'Buses are late,Not working', 'Last,nw'),
    }).added.find((s) => s.text === 'Buses are late')!;
    expect(crowded.line).toBe(5);
    expect(crowded.id).toBe(alone.id);
  });

  it('derives different ids for the same words in different categories', () => {
    const r = ingest({ 'a.csv': lines('Statement,Category', 'Transport,working', 'Transport,not working') });
    expect(r.added).toHaveLength(2);
    expect(r.added[0]!.id).not.toBe(r.added[1]!.id);
  });
});

describe('ingestStatements: empty and duplicate statements', () => {
  it('rejects rows with empty or blank text', () => {
    const r = ingest({ 'a.csv': lines('ID,Statement,Category', 'S1,,working', 'S2,"   ",working', 'S3,Fine,working') });
    expect(texts(r)).toEqual(['Fine']);
    expect(r.rejected.map((x) => [x.id, x.line, x.reason])).toEqual([
      ['S1', 2, 'empty text'],
      ['S2', 3, 'empty text'],
    ]);
  });

  it('counts rows that differ only in white space as duplicates of the first, keeping its text as written', () => {
    const r = ingest({
      'a.csv': lines('Statement,Category', '"Staff  listen', 'to me ",working', ' Staff listen to me,working'),
    });
    expect(texts(r)).toEqual(['Staff  listen\nto me ']);
    expect(r.duplicates).toHaveLength(1);
    expect(r.duplicates[0]).toMatchObject({ line: 4, of: r.added[0]!.id, text: ' Staff listen to me' });
  });

  it('does not count the same words in different categories as duplicates', () => {
    const r = ingest({ 'a.csv': lines('Statement,Category', 'Transport,working', 'Transport,nw') });
    expect(r.added).toHaveLength(2);
    expect(r.duplicates).toEqual([]);
  });

  it("marks a row that repeats another row of the same file as a 'repeat'", () => {
    const r = ingest({ 'a.csv': lines('Statement,Category', 'Buses are late,nw', 'Buses are late,Not working') });
    expect(r.duplicates).toEqual([{ source: 'a.csv', line: 3, text: 'Buses are late', of: r.added[0]!.id, kind: 'repeat' }]);
  });

  it("marks a row that repeats a row of another file as a 'repeat'", () => {
    const r = ingest({
      'a.csv': lines('Statement,Category', 'Buses are late,nw'),
      'b.csv': lines('Statement,Category', 'Buses are late,nw'),
    });
    expect(r.duplicates).toEqual([{ source: 'b.csv', line: 2, text: 'Buses are late', of: r.added[0]!.id, kind: 'repeat' }]);
  });

  it("marks every row of a file ingested a second time as 'again', adding nothing", () => {
    const file = { 'a.csv': lines('Statement,Category', 'A,working', 'B,nw', 'Bad,???') };
    const first = ingest(file);
    const second = ingest(file, {}, first.added);
    expect(second.added).toEqual([]);
    expect(second.duplicates.map((d) => [d.line, d.of, d.kind])).toEqual([
      [2, first.added[0]!.id, 'again'],
      [3, first.added[1]!.id, 'again'],
    ]);
    expect(second.rejected).toEqual(first.rejected);
  });
});

describe('ingestStatements: warnings', () => {
  it('warns about a statement longer than the limit, and not about one exactly at it', () => {
    const r = ingest({ 'a.csv': lines('Statement,Category', `${'x'.repeat(20)},working`, `${'y'.repeat(21)},working`) }, {
      maxTextLength: 20,
    });
    expect(r.added).toHaveLength(2);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.where).toEqual({ file: 'in/a.csv', line: 3 });
    expect(r.warnings[0]!.message).toContain(r.added[1]!.id);
    expect(r.warnings[0]!.message).toContain('21 characters');
  });

  it('warns when one person has more than their top two statements in one category', () => {
    const r = ingest({
      'a.csv': lines(
        'Person ref,Statement,Category',
        'P1,A,working',
        'P1,B,working',
        'P1,C,working',
        'P1,D,nw',
        'P1,E,nw',
        'P2,F,working',
        'P2,G,working',
        ',H,working',
        ',I,working',
        ',J,working',
      ),
    });
    expect(r.added).toHaveLength(10);
    expect(r.warnings).toHaveLength(1);
    const [w] = r.warnings;
    expect(w!.where).toEqual({ file: 'in/a.csv', line: 2 });
    expect(w!.message).toContain('person P1 has 3');
    for (const s of r.added.slice(0, 3)) expect(w!.message).toContain(s.id);
  });

  it('counts statements already in the session towards the top two', () => {
    const first = ingest({ 'a.csv': lines('Person ref,Statement,Category', 'P1,A,working', 'P1,B,working') });
    expect(first.warnings).toEqual([]);
    const second = ingest({ 'b.csv': lines('Person ref,Statement,Category', 'P1,C,working') }, {}, first.added);
    expect(second.warnings).toHaveLength(1);
    expect(second.warnings[0]!.message).toContain('person P1 has 3');
  });
});

describe('ingestStatements: accounting across a mixed file', () => {
  it('puts every row in exactly one of added, duplicates and rejected', () => {
    const r = ingest({
      'a.csv': lines(
        'ID,Statement,Category,Who',
        'S1,Kind staff,working,Person', // added
        'S1,Kind  staff,working,Person', // duplicate (white space; same id)
        'S3,,working,Person', // rejected: empty
        'S4,Late buses,sometimes,Person', // rejected: category
        'S5,Late buses,nw,Martian', // rejected: perspective
        'S6,Late buses,nw,', // added
        '', // blank: not a row
        'S7,Stay home,future,Family', // added
      ),
    });
    expect(r.read).toBe(7);
    expect(r.added.map((s) => s.id)).toEqual(['S1', 'S6', 'S7']);
    expect(r.duplicates.map((d) => d.line)).toEqual([3]);
    expect(r.rejected.map((x) => x.id)).toEqual(['S3', 'S4', 'S5']);
    expect(r.files[0]).toMatchObject({ file: 'in/a.csv', read: 7, added: 3, duplicates: 1, rejected: 3, delimiter: ',' });
  });

  it('keeps rows whose own ids differ even when the words match, with a warning', () => {
    const r = ingest({ 'a.csv': lines('ID,Statement,Category', 'S1,Kind staff,working', 'S2,Kind  staff,working') });
    expect(r.added.map((s) => s.id)).toEqual(['S1', 'S2']);
    expect(r.duplicates).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toEqual(['statement S2 says exactly what S1 says; both are kept because their ids differ']);
  });
});

describe('wtfc ingest: a spreadsheet with a title above its table', () => {
  it('reads every statement, and says on which line the column names were', async () => {
    const { runInProcess, tempDir } = await import('./helpers.js');
    const cwd = tempDir({
      'forms.csv': lines('Working Together for Change – Feedback Forms', 'Northmere, March 2026', '', 'No.,Who,Category,Comment', '1,Person,Working,My PA is great', '2,Family,Not working,The bus is late', '3,Staff,Future,More respite please', ''),
    });
    expect((await runInProcess(['init', 's', '--quiet'], { cwd })).code).toBe(0);
    const r = await runInProcess(['ingest', 'forms.csv', '-C', 's'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('read 3, added 3, duplicates 0, rejected 0');
    expect(r.stderr).toContain('forms.csv: the column names are on line 4; 2 lines above them (a title or notes) passed over');
    const bad = await runInProcess(['ingest', '-', '-C', 's'], { cwd, stdin: lines('Feedback forms', 'Thank you', '') });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot find the row that names the columns');
    expect(bad.stderr).toContain('line 1: "Feedback forms"; line 2: "Thank you"');
  });
});

describe('wtfc ingest --value: what a label means', () => {
  it('ingests "Could be better" and "Grandson" once they are given a meaning, by flag or in wtfc.yaml, and names them until then', async () => {
    const { runInProcess, tempDir } = await import('./helpers.js');
    const { readFileSync, appendFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const cwd = tempDir({ 'forms.csv': lines('Statement,Category,Who', 'The bus is late,Could be better,Grandson', 'My PA is kind,Working,Person', 'No respite,Could be better,Family', '') });
    expect((await runInProcess(['init', 's', '--quiet'], { cwd })).code).toBe(0);
    const first = await runInProcess(['ingest', 'forms.csv', '-C', 's'], { cwd });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('read 3, added 1, duplicates 0, rejected 2');
    expect(first.stderr).toContain('category "Could be better" (2 rows): --value "Could be better=CATEGORY", one of working, not_working or future');
    expect(first.stderr).toContain('perspective "Grandson" (1 row): --value "Grandson=PERSPECTIVE"');
    const json = JSON.parse((await runInProcess(['ingest', 'forms.csv', '-C', 's', '--dry-run', '--json'], { cwd })).stdout) as { unknownValues: unknown[] };
    expect(json.unknownValues).toEqual([
      { field: 'category', value: 'Could be better', rows: 2 },
      { field: 'perspective', value: 'Grandson', rows: 1 },
    ]);
    // --strict still turns the set-aside rows into exit 1.
    expect((await runInProcess(['ingest', 'forms.csv', '-C', 's', '--strict', '--quiet'], { cwd })).code).toBe(1);

    const second = await runInProcess(['ingest', 'forms.csv', '-C', 's', '--value', 'Could be better=not_working', '--value', 'Grandson=family'], { cwd });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('read 3, added 2, duplicates 1, rejected 0');
    const statements = readFileSync(join(cwd, 's', 'statements.csv'), 'utf8');
    expect(statements).toContain('The bus is late,not_working,family');
    expect(statements).toContain('No respite,not_working,family');
    // The rows that are in now are no longer listed as turned away.
    expect(readFileSync(join(cwd, 's', 'rejected.csv'), 'utf8').trim().split('\n')).toHaveLength(1);

    // The same meanings, kept in wtfc.yaml for every ingest of the session.
    const other = tempDir({ 'forms.csv': readFileSync(join(cwd, 'forms.csv'), 'utf8') });
    expect((await runInProcess(['init', 's', '--quiet'], { cwd: other })).code).toBe(0);
    const settings = join(other, 's', 'wtfc.yaml');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace('  values: {}', '  values:\n    "Could be better": not_working\n    Grandson: family'));
    const kept = await runInProcess(['ingest', 'forms.csv', '-C', 's'], { cwd: other });
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain('read 3, added 3, duplicates 0, rejected 0');
    appendFileSync(settings, '');
  });

  it('refuses a --value without a meaning it knows, and a wtfc.yaml meaning it does not know, with the line', async () => {
    const { runInProcess, tempDir } = await import('./helpers.js');
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const cwd = tempDir({ 'forms.csv': lines('Statement,Category', 'The bus is late,Could be better', '') });
    expect((await runInProcess(['init', 's', '--quiet'], { cwd })).code).toBe(0);
    const bad = await runInProcess(['ingest', 'forms.csv', '-C', 's', '--value', 'Could be better=so-so'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--value Could be better=so-so: "so-so" is not a category (working, not_working, future) or a perspective (person, family, staff, other, unknown)');
    const noEq = await runInProcess(['ingest', 'forms.csv', '-C', 's', '--value', 'Could be better'], { cwd });
    expect(noEq.stderr).toContain('--value Could be better: expected "Label=meaning"');
    const settings = join(cwd, 's', 'wtfc.yaml');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace('  values: {}', '  values:\n    "Could be better": meh'));
    const yaml = await runInProcess(['ingest', 'forms.csv', '-C', 's'], { cwd });
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toMatch(/wtfc\.yaml:\d+:\d+: ingest\.values "Could be better": "meh" is not a category/);
    expect(readFileSync(join(cwd, 's', 'statements.csv'), 'utf8').trim().split('\n')).toHaveLength(1);
  });
});

describe('wtfc run, when every row is turned away', () => {
  it('says so, names the file with the reasons and the --value to add, and keeps the rows', async () => {
    const { runInProcess, tempDir } = await import('./helpers.js');
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const cwd = tempDir({ 'forms.csv': lines('Statement,Category', 'The bus is late,Could be better', 'No respite,Could be better', '') });
    const r = await runInProcess(['run', 'forms.csv', '--out', 's'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('none of the 2 rows could be used: 2 rejected, with the reasons, in s/rejected.csv');
    expect(r.stderr).toContain('--value "Could be better=…"');
    expect(r.stderr).not.toContain('add some with');
    expect(readFileSync(join(cwd, 's', 'rejected.csv'), 'utf8')).toContain('The bus is late');
  });
});
