/**
 * A property of the one rule for personal details: random sessions with details planted in their
 * statements, theme names and plan, and random sequences of redact, undo, re-theme and render.
 * At every render under mask, no output shows a detail the screen has found. Once every finding is
 * redacted, no planted detail is left in any file of the session: not in the statements, the
 * themes, any state of their history, the plan, the ranking, rejected rows or the outputs.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, slow, tempDir } from './helpers.js';

// Details the screen finds by their shape or their context, whatever the screen's finer rules.
const people = ['Julie Okafor', 'Nkechi Obi', 'Tomasz Nowak', 'Priya Shah', 'Brenda Kelly', 'Aled Jones'];
const phones = ['07700 900123', '07700 900456', '0113 496 0000', '+44 7700 900789'];
const emails = ['julie.okafor@example.org', 'p.shah@example.com', 'tomasz@example.net'];
const nhs = ['943 476 5919', '401 023 2137'];

const neutral = [
  'The carers change every week and nobody tells me',
  'A different carer comes every week and I explain again',
  'The rota changes and no one tells me who is coming',
  'The taxi to the day centre is late three times a week',
  'The minibus did not come and I missed my lunch club',
  'Paying my PA through the payroll service is confusing',
  'The direct payment forms come back wrong every time',
  'Nobody listens to me at my review',
  'The social worker does not ring me back',
  'I waited months for an assessment of my needs',
];

const plantedIn = (template: number, person: string, phone: string, email: string, number: string) =>
  [
    `My carer ${person} is always late and rushes me`,
    `Ring me on ${phone} when the rota changes`,
    `Email ${email} about my care please`,
    `My NHS number is ${number} and they still lost my file`,
    `My social worker ${person} never rings back`,
  ][template]!;

type Op =
  | { kind: 'rename'; theme: number; person: number }
  | { kind: 'plan'; theme: number; person: number; phone: number }
  | { kind: 'redact'; pick: number }
  | { kind: 'undo' }
  | { kind: 'retheme'; statement: number; person: number }
  | { kind: 'render' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), theme: fc.nat(5), person: fc.nat(people.length - 1) }),
  fc.record({ kind: fc.constant('plan' as const), theme: fc.nat(5), person: fc.nat(people.length - 1), phone: fc.nat(phones.length - 1) }),
  fc.record({ kind: fc.constant('redact' as const), pick: fc.nat(50) }),
  fc.constant({ kind: 'undo' as const }),
  fc.record({ kind: fc.constant('retheme' as const), statement: fc.nat(4), person: fc.nat(people.length - 1) }),
  fc.constant({ kind: 'render' as const }),
);

const sessionArb = fc.record({
  planted: fc.array(fc.tuple(fc.nat(4), fc.nat(people.length - 1), fc.nat(phones.length - 1), fc.nat(emails.length - 1), fc.nat(nhs.length - 1)), { minLength: 1, maxLength: 5 }),
  ops: fc.array(opArb, { minLength: 2, maxLength: 8 }),
});

/** Every file under a folder, as text. */
function allText(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allText(path) : [{ path, text: readFileSync(path, 'utf8') }];
  });
}

/** The words of a detail that must not survive its redaction: the whole, and each part of a name. */
const wordsOf = (detail: string) => [detail, ...(people.includes(detail) ? detail.split(' ') : [])];

interface Finding {
  statement: string;
  span: string;
}

describe('personal details under random sessions and edits', slow, () => {
  it('are never shown under mask, and leave every file once every finding is redacted', async () => {
    await fc.assert(
      fc.asyncProperty(sessionArb, async ({ planted, ops }) => {
        const rows = [...neutral.map((t) => `"${t}",not_working,person`), ...planted.map(([t, p, ph, e, n]) => `"${plantedIn(t, people[p]!, phones[ph]!, emails[e]!, nhs[n]!)}",not_working,family`)];
        const dir = tempDir({ 'in.csv': `text,category,perspective\n${rows.join('\n')}\n` });
        const cli = (...argv: string[]) => runInProcess([...argv, '-C', 's'], { cwd: dir });
        const ok = async (...argv: string[]) => {
          const r = await cli(...argv);
          expect(r.code, `wtfc ${argv.join(' ')}: ${r.stderr}`).toBe(0);
          return r;
        };
        await runInProcess(['init', 's', '--quiet'], { cwd: dir });
        await ok('ingest', 'in.csv', '--quiet');
        await ok('theme', '--themes', '3', '--quiet');
        const typed = new Set<string>(planted.flatMap(([t, p, ph, e, n]) => [[people[p]!], [phones[ph]!], [emails[e]!], [nhs[n]!], [people[p]!]][t]!));
        const findings = async () => (JSON.parse((await cli('pii', '--json')).stdout) as { findings: Finding[] }).findings;
        const themeIds = async () => {
          const list = JSON.parse((await cli('themes', 'list', '--json')).stdout) as { categories: { not_working: { themes: { id: string }[] } } };
          return list.categories.not_working.themes.map((t) => t.id);
        };

        for (const op of ops) {
          const ids = await themeIds();
          const theme = ids[('theme' in op ? op.theme : 0) % Math.max(1, ids.length)];
          if (op.kind === 'rename' && theme) {
            typed.add(people[op.person]!);
            await ok('themes', 'rename', theme, `I want my carer ${people[op.person]} to stay`, '--quiet');
          } else if (op.kind === 'plan' && theme) {
            typed.add(people[op.person]!).add(phones[op.phone]!);
            await ok('plan', 'cause', theme, `My carer ${people[op.person]} is on too many calls`, '--quiet');
            await ok('plan', 'action', theme, '--what', `Call ${phones[op.phone]} weekly`, '--who', 'The team leader', '--by', '2027-03-31', '--measure', 'Fewer missed calls', '--quiet');
          } else if (op.kind === 'redact') {
            const found = await findings();
            if (found.length > 0) await ok('pii', 'redact', found[op.pick % found.length]!.statement);
          } else if (op.kind === 'undo') {
            await cli('themes', 'undo', '--quiet');
          } else if (op.kind === 'retheme') {
            const text = plantedIn(op.statement, people[op.person]!, phones[0]!, emails[0]!, nhs[0]!);
            typed.add([people[op.person]!, phones[0]!, emails[0]!, nhs[0]!, people[op.person]!][op.statement]!);
            writeFileSync(join(dir, 'more.csv'), `text,category,perspective\n"${text}, again",not_working,staff\n`);
            await ok('ingest', 'more.csv', '--quiet');
            await ok('theme', '--quiet');
          } else if (op.kind === 'render') {
            await ok('render', '--pii', 'mask', '--quiet');
            const shown = (await findings()).map((f) => f.span);
            for (const { path, text } of allText(join(dir, 's', 'out'))) for (const span of shown) expect(text, `${path} shows "${span}"`).not.toContain(span);
          }
        }

        // Redact every finding, then nothing planted may be left anywhere in the session.
        for (let guard = 0; guard < 50; guard++) {
          const found = await findings();
          if (found.length === 0) break;
          await ok('pii', 'redact', found[0]!.statement);
        }
        expect(await findings()).toEqual([]);
        await ok('prioritise', '--quiet');
        await ok('render', '--quiet');
        const left = allText(join(dir, 's')).flatMap(({ path, text }) => [...typed].flatMap(wordsOf).filter((w) => text.includes(w)).map((w) => `${path.slice(dir.length + 1)}: ${w}`));
        expect(left).toEqual([]);
      }),
      { numRuns: 40, seed: 20261204 },
    );
  }, 600_000);
});
