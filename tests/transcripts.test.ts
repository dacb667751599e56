/**
 * Whole CLI runs saved as markdown transcripts in tests/__transcripts__/: the command line, the
 * exit code, stdout and stderr, and sometimes a session file afterwards. A change to any message a
 * facilitator sees shows up as a diff here. Temp paths, the package version and dates are scrubbed.
 *
 * Update after an intended change: npx vitest run tests/transcripts.test.ts -u
 */
import { readFileSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runInProcess, tempDir } from './helpers.js';

type Tree = Record<string, string | Uint8Array>;

interface Step {
  argv: string[];
  /** A file in the temp dir piped to standard input, shown as `< FILE`. */
  stdinFile?: string;
  /** Files (relative to the temp dir) to print after the step. */
  show?: string[];
}

interface Transcript {
  name: string;
  title: string;
  about: string;
  tree: Tree;
  steps: Step[];
}

const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

const example = (name: string) => readFileSync(join(repoRoot, 'examples', 'northmere', name));

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

const longStatement =
  'When Dad came home from hospital nobody had told the agency, so for the first three days there was no one at all, ' +
  'and when the carers did start they were different every visit, they did not know he needs his tablets crushed, ' +
  'they did not know he cannot manage the stairs, and every single time I had to take a morning off work to be there ' +
  'and explain it all again from the beginning, which I cannot keep doing because I will lose my job.';

const surveyCsv = [
  'Ref,Person,Who,Category,Statement',
  'S-01,P01,Person,Working,My PA knows how I like things done',
  'S-02,P01,Person,Working,The day centre staff are kind',
  'S-03,P01,Person,Working,The gardening club on Tuesdays keeps me going',
  'S-04,P02,Mum,Not working,',
  'S-05,P02,Mum,Sideways,The letters never arrive on time',
  'S-06,P03,Martian,Not working,Nobody answers the phone at the council',
  `S-07,P04,Family,Not working,"${longStatement}"`,
  'S-07,P05,Staff,Not working,We never have enough time on the rota',
  '',
].join('\n');

const extraCsv = ['text,category,person', 'My PA knows how I like things done,working,P09', ''].join('\n');

const unclosedQuote = ['id,text,category', '1,fine,working', '2,"never closed,working', '3,also fine,working', ''].join('\n');

const transcripts: Transcript[] = [
  {
    name: 'help',
    title: 'Help, version and a mistyped command',
    about: 'What a facilitator sees when they ask for help, or get a command wrong.',
    tree: {},
    steps: [{ argv: ['--help'] }, { argv: ['--version'] }, { argv: ['ingest', '--help'] }, { argv: ['run', '--help'] }, { argv: ['statu'] }],
  },
  {
    name: 'example-run',
    title: 'The bundled example, in one go',
    about: 'The Northmere example (a long UTF-8 CSV with BOM, and a wide Windows-1252 CSV), as `npm run example` runs it.',
    tree: {
      'examples/northmere/statements.csv': example('statements.csv'),
      'examples/northmere/wide-excel.csv': example('wide-excel.csv'),
    },
    steps: [
      { argv: ['run', 'examples/northmere/statements.csv', 'examples/northmere/wide-excel.csv', '--out', 'out/northmere'] },
      { argv: ['status', '-C', 'out/northmere'] },
    ],
  },
  {
    name: 'init-ingest-status',
    title: 'init, ingest, status',
    about: 'A session built step by step, from a spreadsheet with Excel-style headers and labels, then from standard input.',
    tree: { 'good.csv': goodCsv, 'future.csv': 'text\nA job at the garden centre\nMy own flat one day\n' },
    steps: [
      { argv: ['init', 'carers', '--name', 'Support for family carers', '--council', 'Northmere'], show: ['carers/wtfc.yaml'] },
      { argv: ['status', '-C', 'carers'] },
      { argv: ['ingest', 'good.csv', '-C', 'carers'], show: ['carers/statements.csv'] },
      { argv: ['ingest', '-', '--category', 'future', '-C', 'carers'], stdinFile: 'future.csv' },
      { argv: ['status', '-C', 'carers'] },
    ],
  },
  {
    name: 'ingest-problems',
    title: 'Ingest with rejected rows, warnings and duplicates',
    about:
      'Empty text, an unknown category, an unknown perspective, an id used twice, an over-long statement, ' +
      'a person with three "working" statements, and a statement repeated in a second file. ' +
      'First with --strict (nothing written), then without.',
    tree: { 'survey.csv': surveyCsv, 'extra.csv': extraCsv },
    steps: [
      { argv: ['init', 's', '--quiet'] },
      { argv: ['ingest', 'survey.csv', 'extra.csv', '-C', 's', '--strict'] },
      { argv: ['ingest', 'survey.csv', 'extra.csv', '-C', 's'], show: ['s/rejected.csv'] },
      { argv: ['ingest', 'survey.csv', 'extra.csv', '-C', 's'] },
    ],
  },
  {
    name: 'unclosed-quote',
    title: 'A CSV with an unclosed quote',
    about: 'The file is refused as a whole (exit 2), the message names the line and column, and the session is left as it was.',
    tree: { 'good.csv': goodCsv, 'bad.csv': unclosedQuote },
    steps: [
      { argv: ['init', 's', '--quiet'] },
      { argv: ['ingest', 'good.csv', '-C', 's', '--quiet'] },
      { argv: ['ingest', 'bad.csv', '-C', 's'] },
      { argv: ['status', '-C', 's'] },
    ],
  },
  {
    name: 'broken-settings',
    title: 'A hand-edited wtfc.yaml with mistakes',
    about: 'Every problem is reported at once, with its line and column.',
    tree: {
      's/wtfc.yaml': [
        'version: 1',
        'name: "Carers"',
        'date: 14/03/2026',
        'theme:',
        '  themes: lots',
        '  min_size: zero',
        '  colour: blue',
        '',
      ].join('\n'),
      's/statements.csv': 'id,text,category,perspective,person,council,source,line\n',
    },
    steps: [{ argv: ['status', '-C', 's'] }],
  },
];

// ---------------------------------------------------------------------------------------------

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** A fence longer than any run of backticks in the text, so the text cannot close it. */
function fenced(text: string, lang = 'text'): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text.replace(/\n$/, '')}\n${fence}`;
}

function stream(label: string, text: string): string {
  return text === '' ? `${label}: (empty)` : `${label}:\n\n${fenced(text)}`;
}

function scrub(text: string, dir: string): string {
  let out = text;
  for (const d of new Set([realpathSync(dir), dir])) out = out.split(d).join('<tmp>');
  const v = version.replace(/\./g, '\\.');
  return out.replace(new RegExp(`(?<![\\d.])${v}(?![\\d.])`, 'g'), '<version>').replace(/\b\d{4}-\d{2}-\d{2}\b/g, '<date>');
}

async function record(t: Transcript): Promise<string> {
  const dir = tempDir(t.tree);
  const parts = [`# ${t.title}`, t.about];
  for (const step of t.steps) {
    const stdin = step.stdinFile === undefined ? undefined : readFileSync(join(dir, step.stdinFile));
    const r = await runInProcess(step.argv, { cwd: dir, stdin });
    const command = ['wtfc', ...step.argv.map(shellQuote)].join(' ') + (step.stdinFile ? ` < ${step.stdinFile}` : '');
    parts.push(fenced(`$ ${command}`, 'console'), `exit code: ${r.code}`, stream('stdout', r.stdout), stream('stderr', r.stderr));
    for (const file of step.show ?? []) parts.push(`${file} afterwards:\n\n${fenced(readFileSync(join(dir, file), 'utf8'))}`);
  }
  const text = scrub(`${parts.join('\n\n')}\n`, dir);
  rmSync(dir, { recursive: true, force: true });
  return text;
}

describe('transcripts', () => {
  for (const t of transcripts) {
    it(t.name, async () => {
      await expect(await record(t)).toMatchFileSnapshot(`./__transcripts__/${t.name}.md`);
    });
  }
});
