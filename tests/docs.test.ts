/**
 * The README and the reference pages held to the code: every command the README shows runs as
 * written and prints what the README says it prints, and every option a command's --help lists is
 * documented on that command's page.
 */
import { commandSpecs } from '../src/cli/commands.js';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runInProcess, tempDir } from './helpers.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** Splits a command line as a shell would: on spaces, keeping "quoted words" together. */
function words(line: string): string[] {
  const out: string[] = [];
  let word = '';
  let quoted = false;
  let any = false;
  for (const ch of line) {
    if (ch === '"') {
      quoted = !quoted;
      any = true;
    } else if (ch === ' ' && !quoted) {
      if (any || word !== '') out.push(word);
      word = '';
      any = false;
    } else {
      word += ch;
    }
  }
  if (any || word !== '') out.push(word);
  return out;
}

/** Each `$ wtfc …` line in the README's console blocks, with the output lines shown under it. */
function readmeCommands(): { line: string; shown: string[] }[] {
  const commands: { line: string; shown: string[] }[] = [];
  for (const block of readme.matchAll(/```console\n([\s\S]*?)```/g)) {
    for (const line of block[1]!.split('\n')) {
      if (line.startsWith('$ ')) commands.push({ line: line.slice(2), shown: [] });
      else if (line.trim() !== '' && line.trim() !== '…') commands.at(-1)!.shown.push(line.trimEnd());
    }
  }
  return commands;
}

describe('the README', () => {
  it('has a short front door: at most about 250 lines, with the two Quick start commands', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(260);
    expect(readme).toContain('```sh\nnpm ci && npm run example\nnpm test\n```');
    const scripts = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.example).toContain('--out northmere ');
    expect(readFileSync(join(repoRoot, '.ci', 'run'), 'utf8')).toContain('npm test');
  });

  it('every command in its worked session runs as written, and prints what the README shows', async () => {
    const cwd = tempDir();
    cpSync(join(repoRoot, 'examples'), join(cwd, 'examples'), { recursive: true });
    const commands = readmeCommands();
    expect(commands.length).toBeGreaterThan(10);
    for (const { line, shown } of commands) {
      const argv = words(line);
      expect(argv[0], line).toBe('wtfc');
      const r = await runInProcess(argv.slice(1), { cwd });
      expect(r.code, `${line}\n${r.stderr}`).toBe(0);
      const printed = new Set(`${r.stdout}${r.stderr}`.split('\n').map((l) => l.trimEnd()));
      for (const l of shown) expect(printed.has(l), `${line}\nshows a line it does not print:\n${l}`).toBe(true);
    }
  }, 120_000);

  it('links only to pages that exist', () => {
    for (const page of ['README.md', ...['facilitator-guide', 'ingest', 'themes', 'voting', 'plan', 'pii', 'outputs', 'batch', 'run-and-status', 'session-files', 'engine', 'local-model', 'errors', 'worked-example', 'development', 'serve', 'architecture'].map((p) => `docs/${p}.md`)]) {
      const text = readFileSync(join(repoRoot, page), 'utf8');
      for (const m of text.matchAll(/\]\(([^)#:]+\.md)(?:#[^)]*)?\)/g)) {
        const target = join(repoRoot, page, '..', m[1]!);
        expect(() => readFileSync(target), `${page} links to ${m[1]}`).not.toThrow();
      }
    }
  });
});

/** Each command, and the page that documents it. */
const pages: [string[], string][] = [
  [['init'], 'docs/ingest.md'],
  [['ingest'], 'docs/ingest.md'],
  [['theme'], 'docs/themes.md'],
  [['review'], 'docs/themes.md'],
  ...['list', 'show', 'rename', 'merge', 'split', 'move', 'park', 'unpark', 'lock', 'unlock', 'undo', 'redo'].map((s): [string[], string] => [['themes', s], 'docs/themes.md']),
  [['votes', 'import'], 'docs/voting.md'],
  [['prioritise'], 'docs/voting.md'],
  ...['show', 'cause', 'success', 'action', 'status', 'edit', 'remove', 'undo'].map((s): [string[], string] => [['plan', s], 'docs/plan.md']),
  [['plan'], 'docs/plan.md'],
  [['pii'], 'docs/pii.md'],
  ...['ignore', 'unignore', 'redact'].map((s): [string[], string] => [['pii', s], 'docs/pii.md']),
  [['render'], 'docs/outputs.md'],
  [['batch'], 'docs/batch.md'],
  [['compare'], 'docs/batch.md'],
  [['export'], 'docs/batch.md'],
  [['run'], 'docs/run-and-status.md'],
  [['status'], 'docs/run-and-status.md'],
  [['serve'], 'docs/serve.md'],
];

/** The options every command takes, documented once, on the run-and-status page. */
const everywhere = ['--dir', '--json', '--quiet', '--no-color', '--help'];

describe('the reference pages', () => {
  it.each(pages)('%j: every option its --help lists is on its page', async (command, page) => {
    const help = await runInProcess([...command, '--help'], { cwd: tempDir() });
    expect(help.code).toBe(0);
    const options = help.stdout.split('Options:')[1]!.split(/\n\S/)[0]!;
    const flags = [...options.matchAll(/(?:^|\s|,)(--[a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((f) => !everywhere.includes(f));
    const text = readFileSync(join(repoRoot, page), 'utf8');
    for (const flag of flags) expect(text, `${command.join(' ')} ${flag} is not in ${page}`).toContain(flag);
  });

  it('every command and subcommand has its page here', () => {
    const all = commandSpecs.flatMap((c) => [[c.name], ...(c.commands ?? []).map((s) => [c.name, s.name])]);
    const paged = new Set(pages.map(([command]) => command.join(' ')));
    // A parent whose page is its subcommands' (themes, votes) need not be listed itself.
    const missing = all.filter((c) => !paged.has(c.join(' ')) && !(c.length === 1 && all.some((x) => x.length === 2 && x[0] === c[0])));
    expect(missing).toEqual([]);
  });

  it('the options every command takes are documented', () => {
    const text = readFileSync(join(repoRoot, 'docs', 'run-and-status.md'), 'utf8');
    for (const flag of ['--dir', '--json', '--quiet', '--no-color']) expect(text).toContain(flag);
  });
});
