import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Category, Perspective, Statement, Theme, ThemeSet } from '../src/core/model.js';
import { priorityChoice } from '../src/commands/prioritise.js';
import { prioritiesFrom } from '../src/core/prioritise.js';
import { ExitCode } from '../src/errors.js';
import { count } from '../src/core/text.js';
import { num } from '../src/render/charts.js';
import { escapeMarkdown } from '../src/render/markdown.js';
import { type ReportModel, buildReportModel, oneDecimal, plainDate } from '../src/render/report-model.js';
import { plural, renderTemplate } from '../src/render/templates.js';
import { defaultSettings } from '../src/session/settings.js';
import { repoRoot, thrown } from './helpers.js';

const REPORT = 'report.md.liquid';
const reportTemplate = readFileSync(join(repoRoot, 'templates', REPORT), 'utf8');


/**
 * The pipes that end a GFM table cell: those not escaped by a backslash. A backslash escapes the
 * character after it (CommonMark 2.4), so `\\|` is an escaped backslash then a real pipe.
 */
function cellPipes(row: string): number {
  let n = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\') i++;
    else if (row[i] === '|') n++;
  }
  return n;
}

/** CommonMark's reading of backslash escapes: a backslash before ASCII punctuation is dropped. */
function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

// ---------------------------------------------------------------------------------------------

describe('escapeMarkdown', () => {
  const cases: [string, string, string][] = [
    ['HTML', '<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['a table pipe', 'a | b', 'a \\| b'],
    ['emphasis with *', '*so* **very**', '\\*so\\* \\*\\*very\\*\\*'],
    ['emphasis with _', '_so_ __very__', '\\_so\\_ \\_\\_very\\_\\_'],
    ['a heading at line start', '# Heading', '\\# Heading'],
    ['a # mid-line', 'room #4', 'room \\#4'],
    ['backticks', 'use `rm` and ```code```', 'use \\`rm\\` and \\`\\`\\`code\\`\\`\\`'],
    ['a link', '[link](x)', '\\[link\\](x)'],
    ['an image', '![img](x)', '\\!\\[img\\](x)'],
    ['a leading -', '- not a list', '\\- not a list'],
    ['a leading +', '+ not a list', '\\+ not a list'],
    ['a leading 1.', '1. not a list', '1\\. not a list'],
    ['a leading 12)', '12) not a list', '12\\) not a list'],
    ['a leading =', '= not a heading underline', '\\= not a heading underline'],
    ['a lone -', '-', '\\-'],
    ['strikethrough', '~~gone~~', '\\~\\~gone\\~\\~'],
    ['a backslash', 'C:\\Users', 'C:\\\\Users'],
    ['LF, CRLF and CR line breaks', 'one\ntwo\r\nthree\rfour', 'one two three four'],
    ['a line break before a heading', 'fine\n# Heading\n- item', 'fine \\# Heading - item'],
    ['plain text', "It's fine, really: 100% (mostly).", "It's fine, really: 100% (mostly)."],
    ['a hyphen and number mid-text', 'a - b 1. c', 'a - b 1. c'],
    ['a number with a decimal point', '11.61', '11.61'],
    ['a number with a sign', '-5 degrees, +2 more', '-5 degrees, +2 more'],
    ['a date', '2027-03-31', '2027-03-31'],
  ];
  for (const [name, input, expected] of cases) {
    it(`makes ${name} literal`, () => {
      expect(escapeMarkdown(input)).toBe(expected);
    });
  }

  it('makes character references literal', () => {
    for (const text of ['fish &amp; chips', '&#169; 2026', '&#x3C;script&#x3E;', '&lt;b&gt;']) {
      const escaped = escapeMarkdown(text);
      // An entity or numeric reference is `&`, then `#`, hex or word characters, then `;`, unbroken.
      expect(escaped, escaped).not.toMatch(/(?<!\\)&#?\w+;/);
      expect(unescapeMarkdown(escaped)).toBe(text);
    }
  });

  it('makes a line of dashes or equals signs literal (a rule or a heading underline at line start)', () => {
    for (const text of ['---', '- - -', '--', '===', '==', '=', '-']) {
      const escaped = escapeMarkdown(text);
      expect(escaped, JSON.stringify(text)).not.toMatch(/^ {0,3}(?:-+|=+|(?:-[ \t]*){3,})[ \t]*$/);
      expect(unescapeMarkdown(escaped)).toBe(text);
    }
  });

  it('turns null, undefined and numbers into text', () => {
    expect(escapeMarkdown(undefined)).toBe('');
    expect(escapeMarkdown(null)).toBe('');
    expect(escapeMarkdown(3)).toBe('3');
  });

  it('keeps a statement with pipes inside its table cell', () => {
    for (const text of ['| a | b |', 'a|b', '\\|', '\\\\|', 'x \\', '||||']) {
      const row = `| ${escapeMarkdown(text)} | 2 |`;
      expect(cellPipes(row), row).toBe(3);
    }
  });

  it('never adds a table column, never breaks a line, and loses nothing (property)', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom('|', '\\', '\n', '\r', '`', '*', '_', '#', '<', '>', '[', ']', '(', ')', '-', '+', '1.', '&amp;', ' ', '!', '~'),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      ),
      maxLength: 30,
    });
    fc.assert(
      fc.property(text, (t) => {
        const escaped = escapeMarkdown(t);
        expect(escaped).not.toMatch(/[\r\n]/);
        expect(cellPipes(`| ${escaped} | x |`)).toBe(3);
        // Read back as CommonMark would, the escaped text is the original, line breaks as spaces,
        // less any leading white space (which would otherwise start a code block).
        expect(unescapeMarkdown(escaped)).toBe(t.replace(/\r\n|\r|\n/g, ' ').replace(/^\s+/, ''));
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// A small session: two walls with themes, one with only odd ones out.

function statement(id: string, category: Category, perspective: Perspective, person: string, text: string): Statement {
  return { id, text, category, perspective, person, council: 'Northmere', source: 'in.csv', line: 2 };
}

function theme(id: string, category: Category, name: string, label: string, members: string[], all: readonly Statement[]): Theme {
  const perspectives: Theme['perspectives'] = {};
  for (const m of members) {
    const p = all.find((s) => s.id === m)!.perspective;
    perspectives[p] = (perspectives[p] ?? 0) + 1;
  }
  return { id, category, name, draft: name, label, statements: members, representative: members.slice(0, 2), size: members.length, perspectives, cohesion: 0.4, locked: false, parked: false, edited: false };
}

function modelOf(statements: Statement[], themes: Record<Category, { themes: [string, string, string, string[]][]; unthemed: string[] }>, top = 2): ReportModel {
  const set: ThemeSet = {
    engine: { name: 'tfidf-spherical-kmeans', version: 1, seed: 7, themes: 'auto', minSize: 2 },
    categories: {
      working: { themes: [], unthemed: [] },
      not_working: { themes: [], unthemed: [] },
      future: { themes: [], unthemed: [] },
    },
  };
  for (const c of ['working', 'not_working', 'future'] as const) {
    set.categories[c] = {
      themes: themes[c].themes.map(([id, name, label, members]) => theme(id, c, name, label, members, statements)),
      unthemed: themes[c].unthemed,
    };
  }
  const base = defaultSettings({ name: 'Northmere spring session', council: 'Northmere', date: '2026-03-14' });
  const settings = { ...base, prioritise: { ...base.prioritise, top } };
  const priorities = prioritiesFrom({ weights: settings.prioritise.weights, statements, set, votes: [], ballots: [] }, priorityChoice(settings, {}));
  return buildReportModel({ settings, statements, themes: set, priorities });
}

const sessionStatements = [
  statement('w1', 'working', 'person', 'P1', 'My PA knows how I like my tea'),
  statement('w2', 'working', 'family', 'P2', 'Her PA is patient with her'),
  statement('n1', 'not_working', 'person', 'P1', 'The bus is always late'),
  statement('n2', 'not_working', 'staff', '', 'Transport never comes on time'),
  statement('n3', 'not_working', 'person', 'P3', 'I wait hours for the taxi'),
  statement('n4', 'not_working', 'family', 'P2', 'Nobody explains the bill'),
  statement('n5', 'not_working', 'family', 'P4', 'My contribution went up'),
  statement('n6', 'not_working', 'staff', 'P5', 'Rotas change every day'),
  statement('n7', 'not_working', 'person', 'P6', 'Different carers every week'),
  statement('n8', 'not_working', 'other', '', 'The forms are too long'),
  statement('f1', 'future', 'person', 'P1', 'A job at the garden centre'),
];

const sessionThemes: Parameters<typeof modelOf>[1] = {
    working: { themes: [['w-1', 'I have a PA who knows me', 'pa, tea', ['w1', 'w2']]], unthemed: [] },
    not_working: {
      themes: [
        ['nw-2', 'I understand what I pay', 'bill, contribution', ['n4', 'n5']],
        ['nw-1', 'I can get where I need to go', 'bus, taxi', ['n1', 'n2', 'n3']],
        ['nw-3', 'I know who is coming', 'carers, rotas', ['n6', 'n7']],
      ],
      unthemed: ['n8'],
    },
    future: { themes: [], unthemed: ['f1'] },
  };

const sessionModel = () => modelOf(sessionStatements, sessionThemes);

describe('renderTemplate with the report template', () => {
  const report = renderTemplate(REPORT, { [REPORT]: reportTemplate }, sessionModel());

  it('starts with the session name, council and date', () => {
    expect(report.startsWith('# Northmere spring session\n\nWorking Together for Change · Northmere · 14 March 2026\n')).toBe(true);
    // Two statements say nobody's: a count of people would be a guess, so there is none.
    expect(report).toContain('11 statements, sorted into 4 draft themes, with 2 that fit no theme.');
  });

  it('counts statements by who said them and by wall', () => {
    expect(report).toContain(
      [
        '| person | 1 | 3 | 1 | 5 |',
        '| family | 1 | 2 | 0 | 3 |',
        '| staff | 0 | 2 | 0 | 2 |',
        '| other | 0 | 1 | 0 | 1 |',
        '| **All** | **2** | **8** | **1** | **11** |',
      ].join('\n'),
    );
  });

  it('renders the priority table, ranked, with the tie at the cut marked', () => {
    expect(report).toContain("## Priorities: What's not working");
    expect(report).toContain('**A tie straddles the cut**, so more than 2 themes are marked');
    expect(report).toContain(
      [
        '| Rank | Theme | Statements | People | By perspective | Goes forward |',
        '| ---: | --- | ---: | ---: | --- | :---: |',
        '| 1 | I can get where I need to go (nw-1) | 3 | 3 | person 2, staff 1 | yes |',
        '| 2= | I understand what I pay (nw-2) | 2 | 2 | family 2 | yes |',
        '| 2= | I know who is coming (nw-3) | 2 | 2 | person 1, staff 1 | yes |',
      ].join('\n'),
    );
  });

  it("renders each wall's themes with their statements, and the odd ones out", () => {
    expect(report).toContain(
      [
        "## What's working",
        '',
        '2 statements, 1 theme.',
        '',
        '### I have a PA who knows me (w-1)',
        '',
        '2 statements (person 1, family 1) · keywords: pa, tea',
        '',
        '- My PA knows how I like my tea *(person, w1)*',
        '- Her PA is patient with her *(family, w2)*',
      ].join('\n'),
    );
    expect(report).toContain('8 statements, 3 themes, 1 odd one out (13%).');
    expect(report).toContain('### I can get where I need to go (nw-1)\n\n3 statements (person 2, staff 1) · keywords: bus, taxi');
    expect(report).toContain('- I wait hours for the taxi *(person, n3)*');
    expect(report).toContain('- The forms are too long *(other, n8)*');
    expect(report).toContain(
      "## What's important for the future\n\n1 statement, 0 themes, 1 odd one out (100%).\n\n### Odd ones out\n",
    );
    expect(report).toContain('- A job at the garden centre *(person, f1)*');
    // Every statement appears exactly once.
    for (const s of sessionStatements) expect(report.split(`, ${s.id})*`).length - 1, s.id).toBe(1);
  });

  it('says how the themes were made', () => {
    expect(report).toContain('tfidf-spherical-kmeans engine (version 1, seed 7, themes: auto, smallest theme: 2)');
  });

  it('says so when a wall has no statements', () => {
    const r = renderTemplate(
      REPORT,
      { [REPORT]: reportTemplate },
      modelOf(sessionStatements.filter((s) => s.category !== 'future'), {
        working: { themes: [['w-1', 'I have a PA who knows me', 'pa', ['w1', 'w2']]], unthemed: [] },
        not_working: { themes: [], unthemed: ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8'] },
        future: { themes: [], unthemed: [] },
      }),
    );
    expect(r).toContain("## What's important for the future\n\nNo statements in this category yet.");
    expect(r).toContain('There are no themes here yet to prioritise.');
  });
});

describe('renderTemplate: determinism', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('renders the same model to identical bytes, whatever the clock says', () => {
    vi.useFakeTimers({ now: new Date('2026-03-14T10:00:00Z') });
    const first = renderTemplate(REPORT, { [REPORT]: reportTemplate }, sessionModel());
    vi.setSystemTime(new Date('2031-07-01T23:59:59Z'));
    const second = renderTemplate(REPORT, { [REPORT]: reportTemplate }, sessionModel());
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(first).not.toContain('2031');
  });
});

describe('renderTemplate: template mistakes', () => {
  const model = sessionModel();

  it('fails on an undefined variable, naming the template and its line', () => {
    const e = thrown(() => renderTemplate('mine.liquid', { 'mine.liquid': '# {{ session.name }}\n\nBy {{ session.facilitator }}\n' }, model));
    expect(e.exitCode).toBe(ExitCode.usage);
    expect(e.message).toContain('mine.liquid');
    expect(e.message).toContain('session.facilitator');
    expect(e.where).toMatchObject({ file: 'mine.liquid', line: 3 });
  });

  it('fails on an undefined variable inside a tag', () => {
    const e = thrown(() => renderTemplate('t.liquid', { 't.liquid': 'a\nb\n{% if nothing %}x{% endif %}' }, model));
    expect(e.message).toContain('nothing');
    expect(e.where).toMatchObject({ file: 't.liquid', line: 3 });
  });

  it('fails on an unknown filter, naming the template and its line', () => {
    const e = thrown(() => renderTemplate('t.liquid', { 't.liquid': 'one\ntwo\n{{ session.name | shout }}' }, model));
    expect(e.message).toContain('t.liquid');
    expect(e.message).toContain('shout');
    expect(e.where).toMatchObject({ file: 't.liquid', line: 3 });
  });

  it('fails on a template name it does not have', () => {
    const e = thrown(() => renderTemplate('missing.liquid', { [REPORT]: reportTemplate }, model));
    expect(e.message).toContain('missing.liquid');
  });

  it('does not reach through to inherited properties', () => {
    const e = thrown(() => renderTemplate('t.liquid', { 't.liquid': '{{ session.constructor }}' }, model));
    expect(e.message).toContain('session.constructor');
  });
  // A template is text from the session folder; it must not become a way to read other files or run code.
  const secret = join(repoRoot, 'package.json');
  const reaches = [
    `{% include '${secret}' %}`,
    "{% include '../package.json' %}",
    "{% render '../../../../../../etc/passwd' %}",
    `{% layout '${secret}' %}x`,
    "{% include '/etc/passwd' %}",
  ];
  for (const template of reaches) {
    it(`cannot read a file from disk: ${template}`, () => {
      const e = thrown(() => renderTemplate('t.liquid', { 't.liquid': template }, model));
      expect(e.message).toMatch(/^template t\.liquid: /);
      expect(e.message).not.toContain('"name"');
      expect(e.message).not.toContain('root:');
    });
  }

  const code = [
    '{{ session.constructor.constructor }}',
    "{{ session.name | append: 'x' | constructor }}",
    '{{ session.__proto__ }}',
    '{% assign f = session.constructor %}{{ f }}',
  ];
  for (const template of code) {
    it(`cannot reach a constructor or prototype: ${template}`, () => {
      expect(() => renderTemplate('t.liquid', { 't.liquid': template }, model)).toThrow(/^template t\.liquid: /);
    });
  }

  it('includes another template only from the in-memory set', () => {
    const out = renderTemplate('t.liquid', { 't.liquid': "a{% include 'part.liquid' %}c", 'part.liquid': 'b' }, model);
    expect(out).toBe('abc');
  });
});

describe('report: user text is literal, never markup', () => {
  const hostile = [
    statement('x1', 'not_working', 'person', 'P1', '<script>alert(1)</script>'),
    statement('x2', 'not_working', 'person', 'P2', '| a | b |'),
    statement('x3', 'not_working', 'family', 'P3', '**bold**'),
    statement('x4', 'not_working', 'staff', 'P4', '# heading'),
    statement('x5', 'not_working', 'person', 'P5', 'run `rm -rf /` now'),
    statement('x6', 'not_working', 'person', 'P6', '[link](http://x)'),
    statement('x7', 'not_working', 'other', '', 'first line\n## second line\n- third'),
    statement('x8', 'future', 'person', 'P1', '<img src=x onerror=alert(1)>'),
  ];
  const model = modelOf(hostile, {
    working: { themes: [], unthemed: [] },
    not_working: {
      themes: [
        ['nw-1', '**Loud** | <b>theme</b>', 'a | b', ['x1', 'x2', 'x3', 'x4']],
        ['nw-2', '# [Click](http://x)', '`code`', ['x5', 'x6']],
      ],
      unthemed: ['x7'],
    },
    future: { themes: [], unthemed: ['x8'] },
  });
  const report = renderTemplate(REPORT, { [REPORT]: reportTemplate }, model);
  const reportLines = report.split('\n');

  it('every other output leaves no raw HTML, code or link either, and keeps its tables whole', () => {
    for (const name of ['plan', 'cards', 'ballot', 'feedback']) {
      const file = `${name}.md.liquid`;
      const out = renderTemplate(file, { [file]: readFileSync(join(repoRoot, 'templates', file), 'utf8') }, model);
      expect(out, name).not.toMatch(/(?<!\\)</);
      expect(out, name).not.toMatch(/(?<!\\)`/);
      expect(out, name).not.toMatch(/(?<!\\)\[/);
      for (const line of out.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))) {
        const cells = line.split(/(?<!\\)\|/).length;
        expect(cells, `${name}: ${line}`).toBe(out.split('\n').find((l) => l.startsWith('| ---'))!.split('|').length);
      }
    }
    const cards = renderTemplate('cards.md.liquid', { 'cards.md.liquid': readFileSync(join(repoRoot, 'templates', 'cards.md.liquid'), 'utf8') }, model);
    expect(cards).toContain('### \\*\\*Loud\\*\\* \\| \\<b\\>theme\\</b\\>');
    expect(cards).toContain('- \\<script\\>alert(1)\\</script\\>');
  });

  it('the HTML made from it shows the markup as text and runs nothing', async () => {
    const { htmlPage } = await import('../src/render/html.js');
    const html = htmlPage(report, 'report', 'Hostile <b>title</b>');
    const body = html.slice(html.indexOf('<body'));
    expect(body).not.toMatch(/<script|<img|<b>|<a |href=/);
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(body.replace(/<span class="nb">([^<]*)<\/span>/g, '$1')).toContain('run `rm -rf /` now');
    expect(html).toContain('<title>Hostile &lt;b&gt;title&lt;/b&gt;</title>');
    // The priorities table keeps its columns: the pipes in statements stay inside their cells.
    const rows = body.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
    for (const row of rows.filter((r) => r.includes('nw-'))) expect((row.match(/<td/g) ?? []).length).toBe(6);
  });

  it('escapes each statement where it is listed', () => {
    expect(report).toContain('- \\<script\\>alert(1)\\</script\\> *(person, x1)*');
    expect(report).toContain('- \\| a \\| b \\| *(person, x2)*');
    expect(report).toContain('- \\*\\*bold\\*\\* *(family, x3)*');
    expect(report).toContain('- \\# heading *(staff, x4)*');
    expect(report).toContain('- run \\`rm -rf /\\` now *(person, x5)*');
    expect(report).toContain('- \\[link\\](http://x) *(person, x6)*');
    expect(report).toContain('- first line \\#\\# second line - third *(other, x7)*');
    expect(report).toContain('- \\<img src=x onerror=alert(1)\\> *(person, x8)*');
  });

  it('escapes theme names and keywords', () => {
    expect(report).toContain('### \\*\\*Loud\\*\\* \\| \\<b\\>theme\\</b\\> (nw-1)');
    expect(report).toContain('keywords: a \\| b');
    expect(report).toContain('### \\# \\[Click\\](http://x) (nw-2)');
    expect(report).toContain('keywords: \\`code\\`');
  });

  it('leaves no raw HTML, emphasis, code or link anywhere', () => {
    expect(report).not.toMatch(/(?<!\\)</);
    expect(report).not.toMatch(/(?<!\\)`/);
    expect(report).not.toMatch(/(?<!\\)\[/);
    expect(report).not.toContain('**bold**');
    expect(report).not.toContain('**Loud**');
  });

  it('keeps every statement on its own list line', () => {
    const items = reportLines.filter((l) => l.startsWith('- '));
    expect(items).toHaveLength(hostile.length);
    for (const l of items) expect(l).toMatch(/ \*\((person|family|staff|other), x\d\)\*$/);
  });

  it('adds no heading of its own', () => {
    const headings = reportLines.filter((l) => /^#/.test(l));
    expect(headings).toEqual([
      '# Northmere spring session',
      '## At a glance',
      "## Priorities: What's not working",
      "## What's working",
      "## What's not working",
      '### \\*\\*Loud\\*\\* \\| \\<b\\>theme\\</b\\> (nw-1)',
      '### \\# \\[Click\\](http://x) (nw-2)',
      '### Odd ones out',
      "## What's important for the future",
      '### Odd ones out',
      '## The plan',
      '## How this report was made',
    ]);
  });

  it('keeps every table row at its number of columns', () => {
    const priorityRows = reportLines.filter((l) => /^\| \d+=? \|/.test(l));
    expect(priorityRows).toHaveLength(2);
    for (const row of priorityRows) expect(cellPipes(row), row).toBe(7);
    expect(priorityRows[0]).toBe('| 1 | \\*\\*Loud\\*\\* \\| \\<b\\>theme\\</b\\> (nw-1) | 4 | 4 | person 2, family 1, staff 1 | yes |');
  });
});

describe('plain text for readers', () => {
  it('says "from N people" only when every statement says whose it is', () => {
    const known = sessionStatements.map((st) => ({ ...st, person: st.person || `Q-${st.id}` }));
    const model = modelOf(known, sessionThemes);
    expect(model.totals.peopleKnown).toBe(true);
    expect(model.totals.people).toBe(8);
    expect(renderTemplate(REPORT, { [REPORT]: reportTemplate }, model)).toContain('11 statements from 8 people, sorted into');
    expect(sessionModel().totals.peopleKnown).toBe(false);
  });

  it('counts with the right plural, irregular ones too', () => {
    expect(plural(1, 'theme')).toBe('1 theme');
    expect(plural(0, 'theme')).toBe('0 themes');
    expect(plural(2, 'odd one out', 'odd ones out')).toBe('2 odd ones out');
    expect(plural(1, 'person', 'people')).toBe('1 person');
    expect(count(1, 'cause')).toBe('1 cause');
    expect(count(3, 'cause')).toBe('3 causes');
  });

  it('writes dates for readers as "31 March 2027", and keeps ISO dates in the data', () => {
    expect(plainDate('2027-03-31')).toBe('31 March 2027');
    expect(plainDate('2026-01-01')).toBe('1 January 2026');
    const model = sessionModel();
    expect(model.session.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(model.session.dateText).toBe(plainDate(model.session.date));
  });

  it('shows whole dots as whole numbers and weighted scores to one decimal', () => {
    expect(oneDecimal(11.6061)).toBe(11.6);
    expect(oneDecimal(12)).toBe(12);
    expect(num(11.6061)).toBe('11.6');
    expect(num(5)).toBe('5');
    expect(escapeMarkdown(String(oneDecimal(11.61)))).toBe('11.6');
  });
});

describe('small things the review found', () => {
  it('a statement that starts with spaces is not turned into a code block', () => {
    expect(escapeMarkdown('    four spaces in')).toBe('four spaces in');
  });

  it('chart labels wrap between words, and a cut one is cut between characters and ends with …', async () => {
    const { stackedBarChart, wrapLabel } = await import('../src/render/charts.js');
    const svg = stackedBarChart('t', [{ label: `nw-03 ${'😀'.repeat(200)}`, values: { a: 1 } }], [{ key: 'a', label: 'a', colour: '#000' }], 'x');
    expect(svg).not.toContain('\uFFFD');
    expect(svg).toMatch(/>😀+…<\/tspan>/u);
    expect(wrapLabel('I want respite to work for me and my family', 34)).toEqual(['I want respite to work for me and', 'my family']);
    expect(wrapLabel('one two three four five six seven eight', 9, 2)).toEqual(['one two', 'three…']);
    expect(wrapLabel('short')).toEqual(['short']);
  });
});
