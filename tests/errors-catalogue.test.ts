/**
 * docs/errors.md must list every error message wtfc can raise. This test reads src/ with the
 * TypeScript parser, finds each message where it is made, and checks that the catalogue has a line
 * holding the message's literal text in order, with anything between (the placeholders, written in
 * CAPITALS in the catalogue) free. A new message that is not catalogued fails here.
 *
 * Where messages are made:
 * - `new WtfcError(MESSAGE, …)`, `new ProblemsError(MESSAGE, …)`, `new PiiBlocked(MESSAGE, …)`;
 * - `inputError(MESSAGE, …)`;
 * - `{ where: …, message: MESSAGE }`: a problem in a file, or an ingest warning;
 * - `reject(MESSAGE)` in the ingest and `problem(LINE, MESSAGE, …)` in the vote import;
 * - `reason: MESSAGE`: a line of rejected.csv;
 * - the `'must be …'` texts of the settings checks (`const x: Check = …`).
 * A conditional (`a ? 'x' : 'y'`) gives both messages.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/errors.js';
import { repoRoot } from './helpers.js';

const catalogue = readFileSync(join(repoRoot, 'docs', 'errors.md'), 'utf8');
const catalogueLines = catalogue.split('\n');

/** Messages with too little literal text to look for, or none. Each says why it is left out. */
const exceptions: Record<string, string> = {
  'src/session/settings.ts: `${path} ${problem}`':
    "the setting's name and a check's text; the check texts ('must be …') are looked for on their own",
  "src/theming/edit.ts: `${abbreviate(foreign)} ${foreign.length === 1 ? 'is' : 'are'} not in ${id}`":
    'only "not in" is literal, too little to find; catalogued as `ID is not in THEME`',
  'src/session/plan-file.ts: `${owner} has no ${key}`':
    'only "has no" is literal, too little to find; catalogued as `OWNER has no KEY`',
  'src/commands/render.ts: err.message':
    "re-raises a template error (`template NAME: …`, made in src/render/templates.ts) with the user's file named",
  'src/commands/pii-guard.ts: this.message':
    '`PiiBlocked.after` keeps the message made by `new PiiBlocked(…)` in guardOutputs, which is looked for',
  'src/commands/ingest.ts: w.message':
    'passes on the ingest warnings made in src/core/ingest.ts, which are looked for',
  'src/commands/ingest.ts: r.reason':
    'passes on the reasons of rejected rows, made by reject() in src/core/ingest.ts and in src/session/statements-file.ts, which are looked for',
  'src/commands/batch.ts: problem':
    'the text comes from notAFile() in the same file (`cannot find FILE`, `FILE is a folder, not a file`, `FILE is not a file`); catalogued by hand',
  'src/errors.ts: message':
    'inputError() passes on the message its caller made, which is looked for there',
  'src/commands/model.ts: problem':
    'the reasons come from nameProblem() in src/model/names.ts (`it is empty`, `it is not an "I" statement`, …); catalogued by hand',
  'src/commands/votes.ts: problem.message':
    'a voter\'s dots from the wall are refused with the first problem readVoteFile in src/core/votes.ts finds, whose messages are looked for there',
  'src/core/votes.ts: reason':
    'the reasons come from theme() in the same file (`unknown theme "…"`, `theme … is parked, so it is not voted on`); both are catalogued by hand',
};

/** Exit codes described in the catalogue before they reach ExitCode (another branch adds them). */
const pendingExitCodes: Record<number, string> = {};

/** A message as found in src: its literal pieces, in order; the gaps between them are placeholders. */
interface Found {
  key: string;
  where: string;
  pieces: string[] | undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f))
    .sort();
}

/** The literal pieces of each message an expression can give; undefined when it is not literal. */
function variants(expr: ts.Expression): (string[] | undefined)[] {
  if (ts.isParenthesizedExpression(expr)) return variants(expr.expression);
  if (ts.isConditionalExpression(expr)) return [...variants(expr.whenTrue), ...variants(expr.whenFalse)];
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [[expr.text]];
  if (ts.isTemplateExpression(expr)) return [[expr.head.text, ...expr.templateSpans.map((s) => s.literal.text)]];
  return [undefined];
}

function findMessages(): Found[] {
  const found: Found[] = [];
  for (const path of sourceFiles(join(repoRoot, 'src'))) {
    const file = relative(repoRoot, path).split('\\').join('/');
    // errors.ts defines the error classes; every message is made elsewhere.
    // (errors.ts makes two: a system error's message and the refusal of a link.)
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const add = (expr: ts.Expression | undefined) => {
      if (!expr) return;
      const line = source.getLineAndCharacterOfPosition(expr.getStart()).line + 1;
      const text = expr.getText().replace(/\s+/g, ' ');
      for (const pieces of variants(expr)) found.push({ key: `${file}: ${text}`, where: `${file}:${line}`, pieces });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && ['WtfcError', 'ProblemsError', 'PiiBlocked'].includes(node.expression.text)) {
        add(node.arguments?.[0]);
      } else if (ts.isCallExpression(node) && (ts.isIdentifier(node.expression) || ts.isPropertyAccessExpression(node.expression))) {
        // reject(MESSAGE) or reject(ROW, MESSAGE): the message is the last argument. A method
        // (`r.problem(…)`, `this.problem(…)`) counts as the function of its name.
        const callee = ts.isIdentifier(node.expression) ? node.expression.text : node.expression.name.text;
        const index = { inputError: 0, reject: node.arguments.length - 1, problem: 1 }[callee];
        if (index !== undefined) add(node.arguments[index]);
      } else if (ts.isObjectLiteralExpression(node)) {
        const named = (name: string) =>
          node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name);
        const hasWhere = node.properties.some((p) => p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === 'where');
        if (hasWhere) add(named('message')?.initializer);
        add(named('reason')?.initializer);
      } else if (ts.isVariableDeclaration(node) && node.type && ts.isTypeReferenceNode(node.type) && node.type.getText() === 'Check' && node.initializer) {
        // The settings checks: each text they return, as shown after the setting's name.
        const texts = (n: ts.Node): void => {
          if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && n.text.startsWith('must')) add(n);
          else if (ts.isTemplateExpression(n) && n.head.text.startsWith('must')) add(n);
          else ts.forEachChild(n, texts);
        };
        texts(node.initializer);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/**
 * Messages that cannot be looked for: those that are not literal at all, and those with
 * placeholders and fewer than 8 letters of their own. A message with no placeholder is always
 * looked for, however short.
 */
function tooShort(pieces: string[] | undefined): boolean {
  return pieces === undefined || (pieces.length > 1 && pieces.join('').replace(/\s/g, '').length < 8);
}

/** Whether one line of the catalogue holds the pieces in order. */
function lineHolds(line: string, pieces: string[]): boolean {
  let at = 0;
  for (const piece of pieces) {
    if (piece === '') continue;
    const i = line.indexOf(piece, at);
    if (i < 0) return false;
    at = i + piece.length;
  }
  return true;
}

const found = findMessages();

describe('docs/errors.md', () => {
  it('finds the messages in src (the scan itself works)', () => {
    // A few messages of each kind, so a scan that silently stopped finding things fails here.
    const texts = found.map((f) => f.pieces?.join('…') ?? '');
    expect(texts).toContain('there are no themes yet');
    expect(texts).toContain('…: a quoted field is never closed');
    expect(texts).toContain('… has … problem(s)');
    expect(texts).toContain('unknown setting "…"');
    expect(texts).toContain('empty text');
    expect(texts).toContain('ranks no theme');
    expect(texts).toContain('duplicate of …');
    expect(texts).toContain('must be a whole number above 0');
    expect(texts).toContain('… personal detail(s) found in … text(s), and pii.policy is block: ……');
    expect(found.length).toBeGreaterThan(150);
  });

  it('lists every error message made in src', () => {
    const missing = found
      .filter((f) => !tooShort(f.pieces) && !catalogueLines.some((line) => lineHolds(line, f.pieces!)))
      .map((f) => `${f.where}: ${f.pieces!.join('…')}`);
    expect(missing, 'messages in src that docs/errors.md does not list (placeholders shown as …)').toEqual([]);
  });

  it('leaves out only the messages listed as exceptions, each with a reason', () => {
    const skipped = [...new Set(found.filter((f) => tooShort(f.pieces)).map((f) => f.key))].sort();
    expect(skipped).toEqual(Object.keys(exceptions).sort());
    for (const reason of Object.values(exceptions)) expect(reason.length).toBeGreaterThan(20);
  });

  it('describes every exit code', () => {
    const table = catalogue.slice(catalogue.indexOf('## Exit codes'), catalogue.indexOf('\n## ', catalogue.indexOf('## Exit codes') + 1));
    const described = new Set([...table.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1])));
    for (const [name, code] of Object.entries(ExitCode)) expect(described.has(code), `exit code ${code} (${name})`).toBe(true);
    for (const code of Object.keys(pendingExitCodes)) expect(described.has(Number(code)), `exit code ${code}`).toBe(true);
    expect([...described].sort((a, b) => a - b)).toEqual(
      [...new Set([...Object.values(ExitCode), ...Object.keys(pendingExitCodes).map(Number)])].sort((a, b) => a - b),
    );
  });

  it('gives each catalogued message an exit code that exists', () => {
    const known = new Set<number>([...Object.values(ExitCode), ...Object.keys(pendingExitCodes).map(Number)]);
    const rows = catalogueLines.filter((l) => l.startsWith('| `') || l.startsWith('| the help text'));
    expect(rows.length).toBeGreaterThan(150);
    for (const row of rows) {
      const cells = row.split('|');
      const exit = cells[cells.length - 3]!;
      const codes = [...exit.matchAll(/\d+/g)].map((m) => Number(m[0]));
      expect(codes.length, row).toBeGreaterThan(0);
      for (const code of codes) expect(known.has(code), `${row}\nexit ${code}`).toBe(true);
    }
  });
});
