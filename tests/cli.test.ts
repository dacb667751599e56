/**
 * The CLI case table. Every case runs in-process through `run(argv, fakeIo)`; the cases tagged
 * `spawn` also run the built binary (bin/wtfc.js → dist/), which catches what in-process runs
 * cannot: the shebang, ESM resolution, reading package.json and templates/ from dist/.
 * `npm test` builds first; run `npm run build` before running this file on its own.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ExitCode } from '../src/errors.js';
import { type CliResult, repoRoot, runBinary, runInProcess, snapshotTree, tempDir, testSecret } from './helpers.js';

type Tree = Record<string, string | Uint8Array>;
/** Parsed `--json` output: loosely typed on purpose, each case checks the fields it cares about. */
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type Match = string | RegExp;

interface Case {
  name: string;
  argv: string[];
  /** Files written into a fresh temporary directory, which is the cwd. */
  tree?: Tree;
  /** Commands run in-process first to set the scene; each must exit 0. */
  before?: string[][];
  stdin?: string;
  env?: Record<string, string>;
  code: number;
  /** Paths (files or directories) that exist afterwards. */
  files?: string[];
  /** Paths that do not exist afterwards. */
  absent?: string[];
  /** Every file present before the command is byte-identical afterwards, and none is added. */
  unchanged?: true;
  stdout?: Match[];
  stdoutNot?: Match[];
  stderr?: Match[];
  stderrNot?: Match[];
  /** Assertions on the parsed stdout (the case must pass --json). */
  json?: (data: Json, dir: string) => void;
  /** Any other assertions on the directory afterwards. */
  check?: (dir: string, r: CliResult) => void;
  /** Also run the built binary, and expect the same exit code (and the same stdout for --json). */
  spawn?: true;
}

const ansi = /\u001b\[/;
const helpPointer = /--help/;

// ---------------------------------------------------------------------------------------------
// Fixtures: small inline CSVs, each written to show one behaviour.

/** Long layout, Excel-style headers, every row good: 2 per category, 2 per perspective. */
const goodCsv = [
  'Ref,Person,Who,Category,Statement,Council',
  "G-01,P01,Person,What's working,My PA knows exactly how I like my tea,Northmere",
  'G-02,P01,Person,Not working,The bus to the day centre is always late,Northmere',
  'G-03,P02,Family carer,Working,The carers group on Thursdays is a lifeline,Northmere',
  'G-04,P02,Family carer,Important for the future,A proper break for me once a month,Northmere',
  "G-05,P03,Staff,What's not working,Paperwork takes time away from the people we support,Eastbrook",
  'G-06,P03,Staff,Future,More time to get to know people before we start,',
  '',
].join('\n');

/** One person with three "not working" statements: the top-two rule warns. */
const threeNotWorking = [
  'text,category,person',
  'The bus is late,not working,P1',
  'Nobody rings me back,not working,P1',
  'The letters are confusing,not working,P1',
  '',
].join('\n');

/** No category column, as a comments export often is. The `label` column means nothing to wtfc. */
const workingComments = [
  'id,text,label',
  'C-01,The day centre bus driver always has a chat with me,x',
  'C-02,My carer knows how I like my tea,y',
  'C-03,The day centre staff are kind and patient,x',
  'C-04,I enjoy the gardening club on Tuesdays,z',
  'C-05,My PA takes me swimming every week,x',
  'C-06,The social worker rang back the same day,y',
  'C-07,Reablement got me walking again after my fall,y',
  'C-08,The carers group is a lifeline for me,z',
  'C-09,I like the cooking class at the day centre,x',
  'C-10,My PA helps me go to the football,y',
  '',
].join('\n');

/** Line 3 opens a quoted field that never closes. */
const unclosedQuote = ['id,text,category', '1,fine,working', '2,"never closed,working', '3,also fine,working', ''].join('\n');

/**
 * CRLF line ends, and a quoted cell holding a CRLF line break (as a Windows editor writes it).
 * The unclosed quote is on line 5.
 */
const crlfMultiLine = 'text,category\r\n"two\r\nlines",working\r\nok,working\r\n"open,working\r\nlast,working\r\n';
const crlfMultiLineGood = 'text,category\r\n"two\r\nlines",working\r\nok,working\r\nthird,working\r\n';

/** Two different rows (lines 2 and 4) of one file say the same thing. */
const repeatedInFile = ['text,category,person', 'The bus is late,not working,P1', 'My PA is great,working,P1', 'The bus is late,not working,P1', ''].join('\n');

const example = (name: string) => readFileSync(join(repoRoot, 'examples', 'northmere', name));
const exampleTree = { 'statements.csv': example('statements.csv'), 'wide-excel.csv': example('wide-excel.csv') };

/** A session written by hand, as a facilitator might leave it after an edit. */
const brokenSettings: Tree = {
  'wtfc.yaml': 'name: "Carers"\ntheme:\n  min_size: zero\n',
  'statements.csv': 'id,text,category,perspective,person,council,source,line\n',
};

const readSession = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const statementsOf = (dir: string, session = '.') =>
  parseCsv(readSession(dir, join(session, 'statements.csv')), { columns: true }) as Record<string, string>[];

// ---------------------------------------------------------------------------------------------

const cases: Case[] = [
  // Help and usage
  {
    name: '--help lists the commands, examples and exit codes',
    argv: ['--help'],
    code: 0,
    stdout: ['Examples', 'wtfc run examples/northmere/statements.csv', 'Exit codes', /ingest \[options\] <file\.\.\.>/],
    stderr: [/^$/],
    spawn: true,
  },
  {
    name: 'ingest --help shows its options and examples',
    argv: ['ingest', '--help'],
    code: 0,
    stdout: ['Examples', '--category <category>', '--strict', 'wtfc ingest - --category working < statements.csv'],
    stdoutNot: ['--out <dir>'],
  },
  {
    name: '--version prints the package version',
    argv: ['--version'],
    code: 0,
    stdout: [`${(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version}\n`],
    spawn: true,
  },
  {
    name: 'an unknown command is a usage error that points to --help',
    argv: ['frobnicate'],
    code: 2,
    stdout: [/^$/],
    stderr: ["unknown command 'frobnicate'", helpPointer],
    spawn: true,
  },
  {
    name: 'a misspelt command suggests the right one',
    argv: ['statu'],
    code: 2,
    stderr: ['Did you mean status?', helpPointer],
  },
  {
    name: 'an unknown option is a usage error that points to --help',
    argv: ['ingest', '--frob', 'good.csv', '-C', 's'],
    tree: { 'good.csv': goodCsv },
    before: [['init', 's']],
    code: 2,
    unchanged: true,
    stderr: ["unknown option '--frob'", helpPointer],
  },

  // init
  {
    name: 'init DIR creates wtfc.yaml, statements.csv and out/',
    argv: ['init', 'carers', '--name', 'Support for family carers', '--council', 'Northmere', '--json'],
    code: 0,
    files: ['carers/wtfc.yaml', 'carers/statements.csv', 'carers/out'],
    json: (d) => {
      expect(d.dir).toBe('carers');
      expect(d.files).toEqual(expect.arrayContaining(['carers/wtfc.yaml', 'carers/statements.csv']));
    },
    check: (dir) => {
      const settings = parseYaml(readSession(dir, 'carers/wtfc.yaml')) as Json;
      expect(settings).toMatchObject({ name: 'Support for family carers', council: 'Northmere', version: 1 });
      expect(settings.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(readSession(dir, 'carers/statements.csv')).toBe('id,text,category,perspective,person,council,source,line\n');
    },
    spawn: true,
  },
  {
    name: 'init on an existing session refuses and changes nothing',
    argv: ['init', 'carers'],
    before: [['init', 'carers', '--council', 'Northmere'], ['ingest', 'good.csv', '-C', 'carers']],
    tree: { 'good.csv': goodCsv },
    code: 2,
    unchanged: true,
    stderr: ['carers is already a wtfc session'],
    stdout: [/^$/],
  },
  {
    name: 'init beside other files (such as the input CSVs) works and keeps them',
    argv: ['init', 'docs'],
    tree: { 'docs/minutes.txt': 'notes\n', 'docs/reviews.csv': 'text\nx\n' },
    code: 0,
    files: ['docs/wtfc.yaml', 'docs/statements.csv', 'docs/minutes.txt', 'docs/reviews.csv'],
  },
  {
    name: 'init refuses a folder whose statements.csv it would overwrite',
    argv: ['init', 'docs'],
    tree: { 'docs/statements.csv': 'text\nmine\n' },
    code: 2,
    unchanged: true,
    absent: ['docs/wtfc.yaml'],
    stderr: ['docs/statements.csv already exists'],
  },

  // ingest
  {
    name: 'ingest into a directory that is not a session says to run wtfc init',
    argv: ['ingest', 'good.csv'],
    tree: { 'good.csv': goodCsv },
    code: 2,
    unchanged: true,
    absent: ['statements.csv', 'wtfc.yaml'],
    stderr: ['is not a wtfc session', 'wtfc init'],
  },
  {
    name: 'the not-a-session hint is a command that can be pasted as it stands',
    argv: ['ingest', 'good.csv'],
    tree: { 'good.csv': goodCsv },
    code: 2,
    // For the current directory the hint should read `wtfc init`, with no stray space inside the quotes.
    stderr: ['`wtfc init`'],
    stderrNot: ['`wtfc init `'],
  },
  {
    name: 'ingest -C names the session in the not-a-session hint',
    argv: ['ingest', 'good.csv', '-C', 'carers'],
    tree: { 'good.csv': goodCsv },
    code: 2,
    stderr: ['`wtfc init carers`'],
  },
  {
    name: 'ingest a good file: read = added + duplicates + rejected',
    argv: ['ingest', 'good.csv', '--json', '-C', 's'],
    tree: { 'good.csv': goodCsv },
    before: [['init', 's']],
    code: 0,
    files: ['s/statements.csv'],
    absent: ['s/rejected.csv'],
    stderr: [/^$/],
    json: (d) => {
      for (const key of ['read', 'added', 'duplicates', 'rejected']) expect(d).toHaveProperty(key);
      expect(d).toMatchObject({ read: 6, added: 6, duplicates: 0, rejected: 0, written: true, total: 6 });
      expect(d.read).toBe(d.added + d.duplicates + d.rejected);
      expect(d.files).toEqual([expect.objectContaining({ file: 'good.csv', layout: 'long', delimiter: ',', added: 6 })]);
    },
    check: (dir) => {
      const rows = statementsOf(dir, 's');
      // Given ids are kept; category and perspective labels are normalised.
      expect(rows.map((r) => r.id)).toEqual(['G-01', 'G-02', 'G-03', 'G-04', 'G-05', 'G-06']);
      expect(rows.map((r) => r.category)).toEqual(['working', 'not_working', 'working', 'future', 'not_working', 'future']);
      expect(rows.map((r) => r.perspective)).toEqual(['person', 'person', 'family', 'family', 'staff', 'staff']);
      expect(rows.map((r) => r.line)).toEqual(['2', '3', '4', '5', '6', '7']);
      expect(rows[0]).toMatchObject({ source: 'good.csv', person: 'P01', council: 'Northmere' });
    },
    spawn: true,
  },
  {
    name: 'ingest reports rejected rows and lists them in rejected.csv',
    argv: ['ingest', 'mixed.csv', '--json', '-C', 's'],
    tree: {
      'mixed.csv': [
        'text,category,perspective',
        'The bus is late,not working,person',
        ',working,person',
        'The letters never arrive,sideways,family',
        'Nobody rings back,not working,martian',
        '',
      ].join('\n'),
    },
    before: [['init', 's']],
    code: 0,
    files: ['s/rejected.csv'],
    json: (d) => {
      expect(d).toMatchObject({ read: 4, added: 1, duplicates: 0, rejected: 3 });
      expect(d.rejections.map((x: Json) => x.where)).toEqual(['mixed.csv:3', 'mixed.csv:4', 'mixed.csv:5']);
      expect(d.rejections[0].reason).toBe('empty text');
      expect(d.rejections[1].reason).toContain('unknown category "sideways"');
      expect(d.rejections[2].reason).toContain('unknown perspective "martian"');
    },
    check: (dir) => {
      const rejected = parseCsv(readSession(dir, 's/rejected.csv'), { columns: true }) as Record<string, string>[];
      expect(rejected.map((r) => r.line)).toEqual(['3', '4', '5']);
      expect(rejected[1]).toMatchObject({ source: 'mixed.csv', text: 'The letters never arrive', category: 'sideways' });
    },
  },
  {
    name: 'ingesting the same file again adds nothing and writes nothing',
    argv: ['ingest', 'good.csv', '--json', '-C', 's'],
    tree: { 'good.csv': goodCsv },
    before: [['init', 's'], ['ingest', 'good.csv', '-C', 's']],
    code: 0,
    unchanged: true,
    json: (d) => {
      expect(d).toMatchObject({ read: 6, added: 0, duplicates: 6, rejected: 0, total: 6 });
    },
  },
  {
    name: 'a row that repeats the text of an earlier row in the same file is listed in rejected.csv',
    argv: ['ingest', 'dup.csv', '--json', '-C', 's'],
    tree: { 'dup.csv': repeatedInFile },
    before: [['init', 's']],
    code: 0,
    files: ['s/rejected.csv'],
    json: (d) => {
      expect(d).toMatchObject({ read: 3, added: 2, duplicates: 1, rejected: 0 });
      // rejected.csv's promise: a row that did not become a statement is listed, with why.
      expect(d.rejections).toEqual([expect.objectContaining({ where: 'dup.csv:4', reason: expect.stringMatching(/^duplicate of s-/) })]);
    },
  },
  {
    name: '--dry-run reports what would be added and writes nothing',
    argv: ['ingest', 'good.csv', '--dry-run', '--json', '-C', 's'],
    tree: { 'good.csv': goodCsv },
    before: [['init', 's']],
    code: 0,
    unchanged: true,
    json: (d) => {
      expect(d).toMatchObject({ read: 6, added: 6, written: false, total: 0 });
    },
  },
  {
    name: '--strict with a top-two warning exits 1 and writes nothing',
    argv: ['ingest', 'three.csv', '--strict', '-C', 's'],
    tree: { 'three.csv': threeNotWorking },
    before: [['init', 's']],
    code: 1,
    unchanged: true,
    stdout: ['--strict: 1 warning(s)', 'nothing was written'],
    stderr: ['warning: three.csv:2: person P1 has 3 "not_working" statements', "top 2"],
  },
  {
    name: '--strict --json gives the warning as data and exits 1',
    argv: ['ingest', 'three.csv', '--strict', '--json', '-C', 's'],
    tree: { 'three.csv': threeNotWorking },
    before: [['init', 's']],
    code: 1,
    unchanged: true,
    stderr: [/^$/],
    json: (d) => {
      expect(d).toMatchObject({ added: 3, written: false });
      expect(d.warnings).toEqual([expect.objectContaining({ where: 'three.csv:2', message: expect.stringContaining('person P1 has 3') })]);
    },
    spawn: true,
  },
  {
    name: 'without --strict the same warning is shown and the statements are added',
    argv: ['ingest', 'three.csv', '-C', 's'],
    tree: { 'three.csv': threeNotWorking },
    before: [['init', 's']],
    code: 0,
    stderr: ['person P1 has 3'],
    stdout: ['s/statements.csv now holds 3 statements.'],
  },
  {
    name: 'an unclosed quote exits 2, names file:line and leaves the session untouched',
    argv: ['ingest', 'bad.csv', '-C', 's'],
    tree: { 'good.csv': goodCsv, 'bad.csv': unclosedQuote },
    before: [['init', 's'], ['ingest', 'good.csv', '-C', 's']],
    code: 2,
    unchanged: true,
    stdout: [/^$/],
    stderr: ['bad.csv: a quoted field is never closed', 'bad.csv:3', 'hint:'],
    spawn: true,
  },
  {
    name: 'an unclosed quote after a cell with a CRLF line break names the right line',
    argv: ['ingest', 'crlf.csv', '-C', 's'],
    tree: { 'crlf.csv': crlfMultiLine },
    before: [['init', 's']],
    code: 2,
    unchanged: true,
    stderr: [/at crlf\.csv:5\b/],
  },
  {
    name: 'statements after a cell with a CRLF line break keep their real line numbers',
    argv: ['ingest', 'crlf.csv', '-C', 's'],
    tree: { 'crlf.csv': crlfMultiLineGood },
    before: [['init', 's']],
    code: 0,
    check: (dir) => {
      const rows = statementsOf(dir, 's');
      expect(rows.map((r) => [r.text, r.line])).toEqual([
        ['two\r\nlines', '2'],
        ['ok', '4'],
        ['third', '5'],
      ]);
    },
  },
  {
    name: 'a missing file exits 2 and names it',
    argv: ['ingest', 'nope.csv', '--json', '-C', 's'],
    before: [['init', 's']],
    code: 2,
    unchanged: true,
    // --json prints data only: an error leaves stdout empty.
    stdout: [/^$/],
    stderr: ['cannot find nope.csv'],
  },
  {
    name: 'a file without a category column needs --category',
    argv: ['ingest', 'comments.csv', '-C', 's'],
    tree: { 'comments.csv': workingComments },
    before: [['init', 's']],
    code: 2,
    unchanged: true,
    stderr: ['comments.csv has no category column', '--category'],
  },
  {
    name: 'an unknown --category value is refused',
    argv: ['ingest', 'comments.csv', '--category', 'good', '-C', 's'],
    tree: { 'comments.csv': workingComments },
    before: [['init', 's']],
    code: 2,
    unchanged: true,
    stderr: ['--category good: not a category', 'working, not_working or future'],
  },
  {
    name: 'ingest - reads standard input, with --category',
    argv: ['ingest', '-', '--category', 'future', '--json', '-C', 's'],
    stdin: 'text\nA job at the garden centre\nMy own flat one day\n',
    before: [['init', 's']],
    code: 0,
    json: (d) => {
      expect(d).toMatchObject({ read: 2, added: 2, rejected: 0 });
      expect(d.files[0].file).toBe('stdin');
    },
    check: (dir) => {
      expect(statementsOf(dir, 's').map((r) => [r.text, r.category, r.source])).toEqual([
        ['A job at the garden centre', 'future', 'stdin'],
        ['My own flat one day', 'future', 'stdin'],
      ]);
    },
    spawn: true,
  },

  // status
  {
    name: 'status --json after ingest counts per category, perspective and council, and says what is next',
    argv: ['status', '-C', 'carers', '--json'],
    tree: { 'good.csv': goodCsv },
    before: [['init', 'carers', '--council', 'Northmere'], ['ingest', 'good.csv', '-C', 'carers']],
    code: 0,
    unchanged: true,
    json: (d) => {
      expect(d.statements).toBe(6);
      expect(d.byCategory).toEqual({ working: 2, not_working: 2, future: 2 });
      expect(d.byPerspective).toMatchObject({ person: 2, family: 2, staff: 2, other: 0, unknown: 0 });
      // G-06 names no council, so the session's council applies.
      expect(d.byCouncil).toEqual({ Northmere: 5, Eastbrook: 1 });
      expect(d.steps.map((s: Json) => [s.step, s.done])).toEqual([
        ['init', true],
        ['ingest', true],
        ['screen', true],
        ['theme', false],
        ['review', false],
        ['prioritise', false],
        ['plan', false],
        ['render', false],
      ]);
      expect(d.next).toBe('wtfc theme -C carers');
    },
    spawn: true,
  },
  {
    name: 'status on a fresh session says to ingest next',
    argv: ['status', '--json', '-C', 's'],
    before: [['init', 's']],
    code: 0,
    json: (d) => {
      expect(d.statements).toBe(0);
      expect(d.next).toBe('wtfc ingest FILE... -C s');
    },
  },
  {
    name: 'a hand-broken wtfc.yaml makes status exit 2 and name the line',
    argv: ['status'],
    tree: brokenSettings,
    code: 2,
    unchanged: true,
    stderr: [/wtfc\.yaml:3\b/, 'theme.min_size must be a whole number above 0'],
  },
  {
    name: 'wtfc.yaml that is not valid YAML names the line',
    argv: ['status'],
    tree: { ...brokenSettings, 'wtfc.yaml': 'name: "Carers\ntheme:\n  min_size: 3\n' },
    code: 2,
    unchanged: true,
    stderr: [/wtfc\.yaml:\d+/, 'not valid YAML'],
  },

  // theme and render
  {
    name: 'theme writes themes.yaml with every statement placed once',
    argv: ['theme', '--themes', '2', '--json', '-C', 's'],
    tree: { 'comments.csv': workingComments },
    before: [['init', 's'], ['ingest', 'comments.csv', '--category', 'working', '-C', 's']],
    code: 0,
    files: ['s/themes.yaml'],
    json: (d) => {
      expect(d.file).toBe('s/themes.yaml');
      expect(d.categories.working).toMatchObject({ statements: 10, themes: 2 });
    },
    check: (dir) => {
      const themes = parseYaml(readSession(dir, 's/themes.yaml')) as Json;
      const placed = [...themes.working.themes.flatMap((t: Json) => t.statements), ...themes.working.unthemed].sort();
      expect(placed).toEqual(statementsOf(dir, 's').map((r) => r.id).sort());
    },
  },
  {
    name: 'export assignments prints every statement with its theme, as CSV with the exact header',
    argv: ['export', 'assignments', '-C', 's'],
    tree: { 'good.csv': goodCsv, 'comments.csv': workingComments },
    before: [
      ['init', 's'],
      ['ingest', 'good.csv', 'comments.csv', '--category', 'working', '-C', 's'],
      ['theme', '-C', 's', '--themes', '2'],
    ],
    code: 0,
    spawn: true,
    check: (dir, r) => {
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe('statement_id,category,theme_id,theme_name');
      const statements = readSession(dir, 's/statements.csv').trimEnd().split('\n').slice(1);
      expect(lines).toHaveLength(statements.length + 1);
      const themeIds = new Set(lines.slice(1).map((l) => l.split(',')[2]));
      expect([...themeIds].filter((t) => t?.startsWith('w-')).length).toBe(2);
    },
  },
  {
    name: 'export assignments --text adds each statement\'s words',
    argv: ['export', 'assignments', '--text', '-C', 's'],
    tree: { 'good.csv': goodCsv },
    before: [
      ['init', 's'],
      ['ingest', 'good.csv', '-C', 's'],
      ['theme', '-C', 's', '--themes', '1'],
    ],
    code: 0,
    check: (dir, r) => {
      const rows = parseCsv(r.stdout, { columns: true }) as Record<string, string>[];
      expect(Object.keys(rows[0]!)).toEqual(['statement_id', 'category', 'theme_id', 'theme_name', 'text']);
      const statements = parseCsv(readSession(dir, 's/statements.csv'), { columns: true }) as Record<string, string>[];
      expect(rows.map((x) => x.text)).toEqual(statements.map((x) => x.text));
    },
  },
  {
    name: 'export of something unknown exits 2 and names what can be exported',
    argv: ['export', 'nothing', '-C', 's'],
    before: [['init', 's']],
    code: 2,
    stderr: ['assignments'],
  },
  {
    name: 'theme then render writes out/report.md',
    argv: ['render', '-C', 's'],
    tree: { 'good.csv': goodCsv, 'comments.csv': workingComments },
    before: [
      ['init', 's', '--name', 'Carers in Northmere'],
      ['ingest', 'good.csv', 'comments.csv', '--category', 'working', '-C', 's'],
      ['theme', '-C', 's'],
    ],
    code: 0,
    files: ['s/out/report.md'],
    stdout: ['Wrote s/out/report.md'],
    check: (dir) => {
      const report = readSession(dir, 's/out/report.md');
      expect(report).toMatch(/^# Carers in Northmere/);
      const themes = parseYaml(readSession(dir, 's/themes.yaml')) as Json;
      for (const t of themes.not_working.themes) expect(report).toContain(t.name);
    },
  },
  {
    name: 'render before theme says to run wtfc theme',
    argv: ['render', '-C', 's'],
    tree: { 'good.csv': goodCsv },
    before: [['init', 's'], ['ingest', 'good.csv', '-C', 's']],
    code: 2,
    unchanged: true,
    absent: ['s/out/report.md'],
    stderr: ['there are no themes yet', 'wtfc theme'],
  },

  // run
  {
    name: 'run on the bundled example writes the report',
    argv: ['run', 'statements.csv', 'wide-excel.csv', '--out', 'out/northmere', '--json'],
    // The key the session will use, laid down first: a new session's key is random, and the
    // binary's runs are compared with these in-process ones, themes and all.
    tree: { ...exampleTree, 'out/northmere/wtfc.key': `${Buffer.from(testSecret).toString('hex')}\n` },
    code: 0,
    files: ['out/northmere/wtfc.yaml', 'out/northmere/statements.csv', 'out/northmere/themes.yaml', 'out/northmere/out/report.md'],
    stderr: [/^$/],
    json: (d) => {
      expect(d).toMatchObject({ session: 'out/northmere', created: true, failedStrict: false, report: 'out/northmere/out/report.md' });
      expect(d.ingest).toMatchObject({ read: 170, added: 170, duplicates: 0, rejected: 0 });
      const themed = d.theme.working.statements + d.theme.not_working.statements + d.theme.future.statements;
      expect(themed).toBe(170);
    },
    check: (dir) => {
      expect(statementsOf(dir, 'out/northmere')).toHaveLength(170);
      expect(readSession(dir, 'out/northmere/out/report.md')).toContain('## Priorities');
    },
    spawn: true,
  },
  {
    name: 'run --themes 3 --category working keeps given ids and makes exactly 3 working themes',
    argv: ['run', 'comments.csv', '--themes', '3', '--category', 'working', '--out', 'scratch'],
    tree: { 'comments.csv': workingComments },
    code: 0,
    files: ['scratch/out/report.md'],
    check: (dir) => {
      const ids = statementsOf(dir, 'scratch').map((r) => r.id);
      expect(ids).toEqual(['C-01', 'C-02', 'C-03', 'C-04', 'C-05', 'C-06', 'C-07', 'C-08', 'C-09', 'C-10']);
      const themes = parseYaml(readSession(dir, 'scratch/themes.yaml')) as Json;
      expect(themes.working.themes).toHaveLength(3);
      expect(themes.not_working.themes).toHaveLength(0);
      expect(themes.future.themes).toHaveLength(0);
      const placed = [...themes.working.themes.flatMap((t: Json) => t.statements), ...themes.working.unthemed].sort();
      expect(placed).toEqual(ids);
    },
  },
  {
    name: 'run again into the same --out adds to the session',
    argv: ['run', 'comments.csv', '--category', 'working', '--out', 'scratch', '--json'],
    tree: { 'comments.csv': workingComments },
    before: [['run', 'comments.csv', '--category', 'working', '--out', 'scratch']],
    code: 0,
    json: (d) => {
      expect(d).toMatchObject({ created: false, ingest: { added: 0, duplicates: 10 } });
    },
  },
  {
    name: 'run --out pointing at a folder with a statements.csv of its own exits 2 and touches nothing',
    argv: ['run', 'comments.csv', '--category', 'working', '--out', 'docs'],
    tree: { 'comments.csv': workingComments, 'docs/statements.csv': 'text\nmine\n' },
    code: 2,
    unchanged: true,
    absent: ['docs/wtfc.yaml'],
    stderr: ['docs/statements.csv already exists'],
  },
  {
    name: 'run --strict with a warning exits 1 and leaves no session behind',
    argv: ['run', 'three.csv', '--out', 'scratch', '--strict'],
    tree: { 'three.csv': threeNotWorking },
    code: 1,
    unchanged: true,
    absent: ['scratch'],
  },
  {
    name: 'run with a missing input file exits 2 and leaves no session behind',
    argv: ['run', 'nope.csv', '--out', 'scratch'],
    code: 2,
    unchanged: true,
    absent: ['scratch'],
    stderr: ['cannot find nope.csv'],
  },
  {
    name: 'run with a bad --themes exits 2 and writes nothing',
    argv: ['run', 'comments.csv', '--category', 'working', '--themes', '0', '--out', 'scratch'],
    tree: { 'comments.csv': workingComments },
    code: 2,
    unchanged: true,
    absent: ['scratch'],
    stderr: ['--themes 0'],
  },

  // --quiet
  {
    name: '--quiet prints nothing on stdout (init)',
    argv: ['init', 'carers', '--quiet'],
    code: 0,
    files: ['carers/wtfc.yaml'],
    stdout: [/^$/],
    stderr: [/^$/],
  },
  {
    name: '--quiet prints nothing on stdout (ingest with warnings)',
    argv: ['ingest', 'three.csv', '-q', '-C', 's'],
    tree: { 'three.csv': threeNotWorking },
    before: [['init', 's']],
    code: 0,
    files: ['s/statements.csv'],
    stdout: [/^$/],
    check: (dir) => expect(statementsOf(dir, 's')).toHaveLength(3),
  },

  // Colour
  {
    name: 'FORCE_COLOR=1 colours human output',
    argv: ['status', '-C', 's'],
    env: { FORCE_COLOR: '1' },
    tree: { 'good.csv': goodCsv },
    before: [['init', 's'], ['ingest', 'good.csv', '-C', 's']],
    code: 0,
    stdout: [ansi],
    spawn: true,
  },
  {
    name: 'NO_COLOR=1 (FORCE_COLOR unset) gives plain human output',
    argv: ['status', '-C', 's'],
    env: { NO_COLOR: '1' },
    tree: { 'good.csv': goodCsv },
    before: [['init', 's'], ['ingest', 'good.csv', '-C', 's']],
    code: 0,
    stdout: ['Next: wtfc theme'],
    stdoutNot: [ansi],
    spawn: true,
  },
  {
    name: 'NO_COLOR=1 wins over FORCE_COLOR=1',
    argv: ['ingest', 'three.csv', '-C', 's'],
    env: { NO_COLOR: '1', FORCE_COLOR: '1' },
    tree: { 'three.csv': threeNotWorking },
    before: [['init', 's']],
    code: 0,
    stdoutNot: [ansi],
    stderrNot: [ansi],
  },
  {
    name: '--no-color wins over FORCE_COLOR=1',
    argv: ['status', '--no-color', '-C', 's'],
    env: { FORCE_COLOR: '1' },
    before: [['init', 's']],
    code: 0,
    stdout: ['Next: wtfc ingest'],
    stdoutNot: [ansi],
  },
  {
    name: '--json is never coloured, even with FORCE_COLOR=1',
    argv: ['status', '--json', '-C', 's'],
    env: { FORCE_COLOR: '1' },
    tree: { 'good.csv': goodCsv },
    before: [['init', 's'], ['ingest', 'good.csv', '-C', 's']],
    code: 0,
    stdoutNot: [ansi],
    json: (d) => expect(d.statements).toBe(6),
    spawn: true,
  },
  {
    name: 'FORCE_COLOR=1 colours error messages',
    argv: ['ingest', 'nope.csv', '-C', 's'],
    env: { FORCE_COLOR: '1' },
    before: [['init', 's']],
    code: 2,
    stderr: [ansi, 'cannot find nope.csv'],
  },
  {
    name: 'NO_COLOR=1 keeps error messages plain',
    argv: ['ingest', 'nope.csv', '-C', 's'],
    env: { NO_COLOR: '1' },
    before: [['init', 's']],
    code: 2,
    stderr: ['wtfc: error: cannot find nope.csv'],
    stderrNot: [ansi],
  },
];

// ---------------------------------------------------------------------------------------------

interface Outcome {
  dir: string;
  before: Record<string, string>;
  r: CliResult;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

async function execute(c: Case, how: 'in-process' | 'binary'): Promise<Outcome> {
  const dir = tempDir(c.tree ?? {});
  made.push(dir);
  for (const step of c.before ?? []) {
    const r = await runInProcess(step, { cwd: dir });
    expect(r.code, `setting up with wtfc ${step.join(' ')}:\n${r.stderr}`).toBe(0);
  }
  const before = snapshotTree(dir);
  const options = { cwd: dir, stdin: c.stdin, env: c.env };
  const r = how === 'in-process' ? await runInProcess(c.argv, options) : runBinary(c.argv, options);
  return { dir, before, r };
}

function expectMatch(text: string, m: Match, label: string): void {
  if (typeof m === 'string') expect(text, label).toContain(m);
  else expect(text, label).toMatch(m);
}

function expectNoMatch(text: string, m: Match, label: string): void {
  if (typeof m === 'string') expect(text, label).not.toContain(m);
  else expect(text, label).not.toMatch(m);
}

function verify(c: Case, { dir, before, r }: Outcome): void {
  const shown = `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
  expect(r.code, shown).toBe(c.code);
  for (const m of c.stdout ?? []) expectMatch(r.stdout, m, `stdout\n${shown}`);
  for (const m of c.stdoutNot ?? []) expectNoMatch(r.stdout, m, `stdout\n${shown}`);
  for (const m of c.stderr ?? []) expectMatch(r.stderr, m, `stderr\n${shown}`);
  for (const m of c.stderrNot ?? []) expectNoMatch(r.stderr, m, `stderr\n${shown}`);
  if (c.json) {
    let data: Json;
    try {
      data = JSON.parse(r.stdout);
    } catch {
      expect.fail(`stdout should be JSON\n${shown}`);
    }
    c.json(data, dir);
  }
  for (const f of c.files ?? []) expect(existsSync(join(dir, f)), `${f} should exist`).toBe(true);
  for (const f of c.absent ?? []) expect(existsSync(join(dir, f)), `${f} should not exist`).toBe(false);
  if (c.unchanged) expect(snapshotTree(dir), 'the session files should be byte-identical').toEqual(before);
  c.check?.(dir, r);
}

/** Makes two runs in different temp dirs comparable: their paths, names and dates differ. */
function normalise(text: string, dir: string): string {
  let out = text;
  for (const d of new Set([dir, realpathSync(dir)])) out = out.split(d).join('<tmp>');
  // Statement ids are keyed with each session's random key: the binary's differ from the in-process runs' fixed one.
  return out
    .split(basename(dir))
    .join('<tmpname>')
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, '<date>')
    .replace(/\bs-[0-9a-f]{8,}(?:-\d+)?\b/g, 's-<id>');
}

describe('wtfc, in-process', () => {
  for (const c of cases) {
    it(c.name, async () => {
      if (c.json) expect(c.argv, 'a case with json assertions must pass --json').toContain('--json');
      verify(c, await execute(c, 'in-process'));
    });
  }
});

describe('wtfc, the built binary', () => {
  for (const c of cases.filter((x) => x.spawn)) {
    it(c.name, async () => {
      const binary = await execute(c, 'binary');
      verify(c, binary);
      const inProcess = await execute(c, 'in-process');
      expect(binary.r.code).toBe(inProcess.r.code);
      if (c.argv.includes('--json')) {
        expect(normalise(binary.r.stdout, binary.dir)).toBe(normalise(inProcess.r.stdout, inProcess.dir));
      }
    });
  }

  it('tags enough cases to cover every command the bin dispatches', () => {
    const spawned = new Set(cases.filter((x) => x.spawn).map((x) => x.argv.find((a) => !a.startsWith('-')) ?? x.argv[0]));
    for (const command of ['init', 'ingest', 'status', 'run']) expect(spawned).toContain(command);
  });
});

describe('a file the system refuses', () => {
  it('is named with the reason and a hint, exit 74, not an internal error', async () => {
    const dir = tempDir({ 'in.csv': 'text,category\nThe bus is late,not_working\nThe bus never comes,not_working\nThe bus is always late,not_working\n' });
    expect((await runInProcess(['run', 'in.csv', '--out', 's', '--quiet'], { cwd: dir })).code).toBe(0);
    rmSync(join(dir, 's', 'out', 'report.md'));
    mkdirSync(join(dir, 's', 'out', 'report.md'));
    const r = await runInProcess(['render', '-C', 's'], { cwd: dir });
    expect(r.code).toBe(ExitCode.io);
    expect(r.stderr).toContain('wtfc: error: cannot write s/out/report.md: it is a folder, not a file (EISDIR)');
    expect(r.stderr).toContain('hint: move the folder out of the way');
    expect(r.stderr).not.toContain('internal error');
  });

  it('names a session file that cannot be read, too', async () => {
    const dir = tempDir({ 'in.csv': 'text,category\nThe bus is late,not_working\n' });
    expect((await runInProcess(['init', 's', '--quiet'], { cwd: dir })).code).toBe(0);
    rmSync(join(dir, 's', 'statements.csv'));
    mkdirSync(join(dir, 's', 'statements.csv'));
    const r = await runInProcess(['status', '-C', 's'], { cwd: dir });
    expect(r.code).toBe(ExitCode.io);
    expect(r.stderr).toContain('wtfc: error: cannot read s/statements.csv: it is a folder, not a file (EISDIR)');
  });
});

describe('--encoding and --delimiter', () => {
  it('take the names Windows users know (cp1252, ansi, utf8), and are checked on every command that reads files', async () => {
    const dir = tempDir({ 'in.csv': Buffer.from('text,category\nCaf\xe9 staff are kind,working\n', 'latin1') });
    expect((await runInProcess(['init', 's', '--quiet'], { cwd: dir })).code).toBe(0);
    const r = await runInProcess(['ingest', 'in.csv', '--encoding', 'cp1252', '-C', 's', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 's', 'statements.csv'), 'utf8')).toContain('Café staff are kind');
    const bad = await runInProcess(['batch', 'in.csv', '--out', 'b', '--delimiter', 'x'], { cwd: dir });
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.stderr).toContain('--delimiter x: not supported');
    const badEncoding = await runInProcess(['batch', 'in.csv', '--out', 'b', '--encoding', 'ebcdic'], { cwd: dir });
    expect(badEncoding.code).toBe(ExitCode.usage);
    expect(badEncoding.stderr).toContain('--encoding ebcdic: not supported');
  });
});

describe('the exit-code contract', () => {
  it('the README’s table lists exactly the codes in ExitCode, and the help line names each', async () => {
    const { ExitCode } = await import('../src/errors.js');
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const table = readme.split('## Exit codes')[1]!.split('\n## ')[0]!;
    const documented = [...table.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    expect(documented.sort((a, b) => a - b)).toEqual(Object.values(ExitCode).sort((a, b) => a - b));
    const help = await runInProcess(['--help'], { cwd: tempDir() });
    const line = help.stdout.split('\n').find((l) => l.startsWith('Exit codes:'))!;
    for (const code of Object.values(ExitCode)) expect(line).toContain(` ${code} `);
  });
});

describe('wtfc status tells the truth', () => {
  it('marks the report out of date after a change, and "Next" follows where the room is', async () => {
    const cwd = tempDir();
    const example = join(repoRoot, 'examples', 'northmere');
    const step = async (...argv: string[]) => {
      const r = await runInProcess([...argv, '--quiet'], { cwd });
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
    };
    const status = async () => JSON.parse((await runInProcess(['status', '-C', 's', '--json'], { cwd })).stdout) as { next: string; steps: { step: string; done: boolean; detail: string }[] };
    await step('run', join(example, 'statements.csv'), '--out', 's', '--council', 'Northmere');
    let s = await status();
    expect(s.next).toBe('wtfc review -C s');
    expect(s.steps.find((x) => x.step === 'render')).toMatchObject({ done: true });

    // A change after the report: it is out of date, and says what changed.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await step('themes', 'rename', 'nw-01', 'I want to know who is coming', '-C', 's');
    s = await status();
    expect(s.steps.find((x) => x.step === 'render')).toMatchObject({ done: false, detail: 's/out/report.md is out of date: s/themes.yaml changed since' });
    expect(s.next).toBe('wtfc review -C s');

    // Prioritised and planned, with themes not all locked: the room has moved past review.
    await step('votes', 'import', join(example, 'votes.csv'), '-C', 's');
    await step('prioritise', '-C', 's');
    await step('plan', 'action', 'nw-01', '--what', 'Send rotas a week ahead', '--who', 'Home care lead', '--by', '2027-03-31', '--measure', 'Rotas out on time', '-C', 's');
    s = await status();
    expect(s.next).toBe('wtfc render -C s');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await step('render', '-C', 's');
    s = await status();
    expect(s.next).toBe('');
    const text = await runInProcess(['status', '-C', 's'], { cwd });
    expect(text.stdout).toContain('Nothing more is needed. Not done, if you want it: review.');
  });
});
