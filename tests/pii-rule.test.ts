/**
 * One rule for personal details: once the screen finds one, it is never printed in any output
 * under mask or block, wherever it was typed; and a redacted detail leaves every copy the session
 * keeps. The cases are the reproductions of the security probe (issue 14, findings 1, 2 and 6),
 * each of which printed or kept the detail before.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/errors.js';
import { runInProcess, tempDir } from './helpers.js';

const statements = [
  'text,category,perspective',
  'My carer Julie is always late and rushes me,not_working,person',
  'Julie never has time to sit and talk,not_working,family',
  'The carers change every week and nobody tells me,not_working,person',
  'A different carer comes every week and I explain again,not_working,person',
  'The rota changes and no one tells me who is coming,not_working,person',
  'Nobody tells me when the carer will be late,not_working,person',
  'Paying my PA through the payroll service is confusing,not_working,family',
  'The direct payment forms come back wrong every time,not_working,person',
  'The direct payment money arrives late every month,not_working,person',
].join('\n');

/** A session in DIR/s, themed, with a `cli` bound to it. */
async function session(extra: Record<string, string> = {}) {
  const dir = tempDir({ 'in.csv': `${statements}\n`, ...extra });
  const cli = (...argv: string[]) => runInProcess([...argv, '-C', 's'], { cwd: dir });
  expect((await runInProcess(['init', 's', '--name', 'Support at home'], { cwd: dir })).code).toBe(0);
  expect((await cli('ingest', 'in.csv', '--quiet')).code).toBe(0);
  expect((await cli('theme', '--themes', '3', '--quiet')).code).toBe(0);
  return { dir, s: join(dir, 's'), cli };
}

/** Every file under a folder, as text, by path. */
function allFiles(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(out, allFiles(path, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = readFileSync(path, 'utf8');
  }
  return out;
}

/** The files under `dir` that hold `pattern`. */
const holding = (dir: string, pattern: RegExp) =>
  Object.entries(allFiles(dir))
    .filter(([, text]) => pattern.test(text))
    .map(([name]) => name);

const idOf = (s: string, words: string) => readFileSync(join(s, 'statements.csv'), 'utf8').split('\n').find((l) => l.includes(words))!.split(',')[0]!;

async function themeHolding(cli: (...argv: string[]) => Promise<{ stdout: string }>, statementId: string): Promise<string> {
  const listing = JSON.parse((await cli('themes', 'list', '--json')).stdout) as { categories: { not_working: { themes: { id: string; statements: string[] }[] } } };
  return listing.categories.not_working.themes.find((t) => t.statements.includes(statementId))!.id;
}

describe('redaction is final', () => {
  it('undo after a redaction cannot bring the name back: every state in the history was redacted too', async () => {
    const { s, cli } = await session();
    const julie = idOf(s, 'My carer Julie');
    const theme = await themeHolding(cli, julie);
    expect((await cli('themes', 'rename', theme, 'I want Julie to have time for me', '--quiet')).code).toBe(0);
    expect((await cli('prioritise', '--quiet')).code).toBe(0);
    expect(holding(s, /julie/i)).toEqual(expect.arrayContaining(['statements.csv', 'themes.yaml', 'history.jsonl', 'priorities.yaml']));

    const redact = await cli('pii', 'redact', julie);
    expect(redact.code, redact.stderr).toBe(0);
    expect(holding(s, /julie/i)).toEqual([]);

    // Back through the redaction and the rename: neither state holds the name any more.
    for (let i = 0; i < 2; i++) expect((await cli('themes', 'undo', '--quiet')).code).toBe(0);
    expect(holding(s, /julie/i)).toEqual([]);
    const render = await cli('render', '--quiet');
    expect(render.code, render.stderr).toBe(0);
    expect(holding(s, /julie/i)).toEqual([]);
  });

  it('the reminders in themes.yaml, rejected.csv and the stale outputs leave with it', async () => {
    const rejectedRow = 'Julie Smith at 14 Acacia Avenue LS6 2QD never came back,Could be better,person';
    const { dir, s, cli } = await session({ 'more.csv': `text,category,perspective\n${rejectedRow}\n` });
    expect((await cli('ingest', 'more.csv', '--quiet')).code).toBe(0);
    expect(readFileSync(join(s, 'rejected.csv'), 'utf8')).toContain('14 Acacia Avenue');
    const listed = JSON.parse((await cli('pii', '--json')).stdout) as { findings: { statement: string; place: string; type: string }[] };
    expect(listed.findings.filter((f) => f.place === 'rejected').map((f) => [f.statement, f.type])).toEqual(
      expect.arrayContaining([['rejected:1', 'address'], ['rejected:1', 'postcode']]),
    );
    expect((await cli('render', '--pii', 'warn', '--quiet')).code).toBe(0);
    expect(holding(join(s, 'out'), /Julie/).length).toBeGreaterThan(0);

    const redacted = await cli('pii', 'redact', 'rejected:1');
    expect(redacted.code, redacted.stderr).toBe(0);
    expect(readFileSync(join(s, 'rejected.csv'), 'utf8')).not.toMatch(/Acacia|LS6|Julie/);
    // Julie was mentioned in the statements too: they, the reminders and the outputs are swept.
    expect(holding(s, /Julie|Acacia|LS6 2QD/)).toEqual([]);
    expect(redacted.stdout).toContain('Removed outputs that printed it: s/out/');
    void dir;
  });

  it('export masks a personal detail in a theme name under block and mask, and never refuses', async () => {
    const { s, cli } = await session();
    const theme = await themeHolding(cli, idOf(s, 'My carer Julie'));
    expect((await cli('themes', 'rename', theme, 'I want Julie to have time for me', '--quiet')).code).toBe(0);
    for (const policy of ['block', 'mask']) {
      const file = join(s, 'wtfc.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/policy: \w+/, `policy: ${policy}`));
      const r = await cli('export', 'assignments');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('I want [name] to have time for me');
      expect(r.stdout).not.toMatch(/julie/i);
    }
  });
});

describe('every typed text is screened', () => {
  const planned = async () => {
    const x = await session();
    const theme = await themeHolding(x.cli, idOf(x.s, 'rota changes'));
    for (const argv of [
      ['plan', 'cause', theme, 'Julie is on too many calls'],
      ['plan', 'action', theme, '--what', 'Talk to Mrs Okonkwo about the rota', '--who', "Julie's manager", '--by', '2027-03-31', '--measure', 'Call 07700 900123 weekly'],
    ]) {
      const r = await x.cli(...argv, '--quiet');
      expect(r.code, r.stderr).toBe(0);
    }
    return { ...x, theme };
  };

  it('the plan: wtfc pii lists its findings by entry and field, block refuses, mask prints placeholders in every output', async () => {
    const { s, cli } = await planned();
    const listed = JSON.parse((await cli('pii', '--json')).stdout) as { findings: { statement: string; field?: string; type: string; span: string }[] };
    const inPlan = listed.findings.filter((f) => f.statement.startsWith('plan:')).map((f) => [f.statement, f.field, f.type, f.span]);
    expect(inPlan).toEqual(
      expect.arrayContaining([
        ['plan:c1', 'text', 'name', 'Julie'],
        ['plan:a1', 'what', 'name', 'Mrs Okonkwo'],
        ['plan:a1', 'who', 'name', 'Julie'],
        ['plan:a1', 'measure', 'phone', '07700 900123'],
      ]),
    );
    const blocked = await cli('render');
    expect(blocked.code).toBe(ExitCode.usage);
    expect(blocked.stderr).toContain('plan:a1 (phone)');
    expect(blocked.stderr).not.toMatch(/Okonkwo|900123/);

    const masked = await cli('render', '--pii', 'mask', '--quiet');
    expect(masked.code, masked.stderr).toBe(0);
    expect(holding(join(s, 'out'), /Julie|Okonkwo|900123/)).toEqual([]);
    expect(readFileSync(join(s, 'out', 'plan.md'), 'utf8')).toContain('Call \\[phone\\] weekly');
  });

  it('redact plan:a1 takes the details out of plan.yaml, and a name from everywhere it is mentioned', async () => {
    const { s, cli } = await planned();
    const r = await cli('pii', 'redact', 'plan:a1');
    expect(r.code, r.stderr).toBe(0);
    const plan = readFileSync(join(s, 'plan.yaml'), 'utf8');
    expect(plan).not.toMatch(/Okonkwo|900123|Julie/);
    expect(plan).toContain('Talk to [name] about the rota');
    // "Julie" was a finding in the action's who: it leaves the statements and the cause as well.
    expect(holding(s, /Julie/)).toEqual([]);
  });

  it('the session\'s name: flagged as wtfc.yaml, masked in outputs, and redacted with the comments kept', async () => {
    const { s, cli } = await session();
    const file = join(s, 'wtfc.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: "Support at home"', 'name: "Review for Mrs Okonkwo"'));
    const listed = JSON.parse((await cli('pii', '--json')).stdout) as { findings: { statement: string; field?: string; span: string }[] };
    expect(listed.findings).toEqual(expect.arrayContaining([expect.objectContaining({ statement: 'wtfc.yaml', field: 'name', span: 'Mrs Okonkwo' })]));
    expect((await cli('render', '--pii', 'mask', '--quiet')).code).toBe(0);
    expect(holding(join(s, 'out'), /Okonkwo/)).toEqual([]);
    expect((await cli('pii', 'redact', 'wtfc.yaml')).code).toBe(0);
    const settings = readFileSync(file, 'utf8');
    expect(settings).toContain('Review for [name]');
    expect(settings).toContain('# the session title on reports and handouts');
    expect(holding(s, /Okonkwo/)).toEqual([]);
  });
});
