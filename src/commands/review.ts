import { WtfcError } from '../errors.js';
import { categories, type Category, categoryTitles, type Theme } from '../core/model.js';
import { count, terminalText } from '../core/text.js';
import type { ThemeEditor, Edited } from '../theming/edit.js';
import type { Context } from './context.js';
import { parseCategory } from './flags.js';
import { loadThemesState } from './themes-store.js';
import { editThemes, notYetThemed, redoThemes, undoThemes } from './themes.js';

interface Choice<T> {
  name: string;
  value: T;
}

/** The four prompts the review needs: @inquirer/prompts by default, scripted answers in tests. */
export interface Prompts {
  select<T>(config: { message: string; choices: Choice<T>[]; pageSize?: number; default?: T }): Promise<T>;
  checkbox<T>(config: { message: string; choices: Choice<T>[]; pageSize?: number }): Promise<T[]>;
  input(config: { message: string; default?: string; validate?: (value: string) => boolean | string }): Promise<string>;
}

type Step = { kind: 'theme'; id: string } | { kind: 'unthemed' } | { kind: 'category' } | { kind: 'undo' } | { kind: 'redo' } | { kind: 'quit' };
type Action = 'rename' | 'merge' | 'split-engine' | 'split-hand' | 'move' | 'park' | 'unpark' | 'lock' | 'unlock' | 'back';

export function scriptedAlternative(dirFlag: string): string {
  const commands = ['list', 'show ID', 'rename ID "I …"', 'merge ID ID', 'split ID', 'move SID --to ID', 'park|lock ID', 'undo', 'redo'];
  return `use the scriptable commands instead: ${commands.map((c) => `\`wtfc themes ${c}${dirFlag}\``).join(', ')}`;
}

/**
 * The interactive review. Every action goes through the same edits as `wtfc themes`, and each is
 * saved before the next question, so quitting or Ctrl+C at any prompt loses nothing already done.
 */
export async function reviewThemes(ctx: Context, options: { category?: string }, prompts?: Prompts): Promise<void> {
  const say = (line = '') => ctx.io.stdout.write(`${terminalText(line)}\n`);
  if (!prompts && (!ctx.io.stdin.isTTY || !ctx.io.stdout.isTTY)) {
    throw new WtfcError('wtfc review needs a terminal to ask its questions', { hint: scriptedAlternative(ctx.dirFlag) });
  }
  const ask = prompts ?? (await inquirerPrompts(ctx));
  let category: Category = options.category ? parseCategory(options.category) : firstWithThemes(ctx);
  const apply = (fn: (e: ThemeEditor) => Edited) => {
    try {
      const r = editThemes(ctx, fn);
      say(`Saved: ${r.change.summary}.`);
      return r;
    } catch (err) {
      if (!(err instanceof WtfcError)) throw err;
      say(`Not done: ${err.message}.${err.hint ? ` ${err.hint}.` : ''}`);
      return undefined;
    }
  };
  // The list opens where the facilitator left it, not at the top.
  let last = '';
  const keyOf = (step: Step) => (step.kind === 'theme' ? `theme:${step.id}` : step.kind);

  for (;;) {
    const state = loadThemesState(ctx);
    const { set, session } = state;
    const c = set.categories[category];
    // Statements added since the last `wtfc theme` are offered with the unthemed ones.
    const waiting = [...c.unthemed, ...notYetThemed(state, category)];
    const text = new Map(session.statements.map((s) => [s.id, s]));
    say();
    const choices: Choice<Step>[] = [
      ...c.themes.map((t) => ({ name: themeChoice(t), value: { kind: 'theme', id: t.id } as Step })),
      { name: `Unthemed (${waiting.length})`, value: { kind: 'unthemed' } },
      { name: 'Another category', value: { kind: 'category' } },
      { name: 'Undo the last change', value: { kind: 'undo' } },
      { name: 'Redo what was undone', value: { kind: 'redo' } },
      { name: 'Quit (everything is saved)', value: { kind: 'quit' } },
    ];
    const step = await ask.select<Step>({
      message: `${categoryTitles[category]}: ${count(c.themes.length, 'theme')}, ${c.unthemed.length} unthemed. Pick a theme`,
      // Every choice in view: undo, quit and the odd ones out are never below the fold.
      pageSize: choices.length,
      choices,
      ...(choices.some((ch) => keyOf(ch.value) === last) ? { default: choices.find((ch) => keyOf(ch.value) === last)!.value } : {}),
    });
    last = keyOf(step);
    if (step.kind === 'quit') return;
    if (step.kind === 'category') {
      category = await ask.select<Category>({
        message: 'Which category?',
        choices: categories.map((x) => ({ name: `${categoryTitles[x]} (${count(set.categories[x].themes.length, 'theme')})`, value: x })),
      });
      continue;
    }
    if (step.kind === 'undo' || step.kind === 'redo') {
      try {
        say(`Saved: ${(step.kind === 'undo' ? undoThemes : redoThemes)(ctx).change.summary}.`);
      } catch (err) {
        if (!(err instanceof WtfcError)) throw err;
        say(`Not done: ${err.message}.`);
      }
      continue;
    }
    const others = c.themes.filter((t) => step.kind === 'unthemed' || t.id !== step.id);
    const statementChoices = (ids: readonly string[]) =>
      ids.map((id) => ({ name: `${id}  (${text.get(id)!.perspective}) ${text.get(id)!.text}`, value: id }));
    if (step.kind === 'unthemed') {
      for (const id of waiting) say(`  ${id}  (${text.get(id)!.perspective}) ${text.get(id)!.text}`);
      if (waiting.length === 0 || others.length === 0) continue;
      const chosen = await ask.checkbox<string>({ message: 'Move which statements to a theme? (none to go back)', choices: statementChoices(waiting), pageSize: 15 });
      if (chosen.length === 0) continue;
      const to = await ask.select<string>({ message: 'Move them to', choices: others.map((t) => ({ name: themeChoice(t), value: t.id })) });
      apply((e) => e.move(chosen, to));
      continue;
    }

    const theme = c.themes.find((t) => t.id === step.id)!;
    say(`${theme.id}  ${theme.name}`);
    if (theme.draft !== theme.name) say(`  draft: ${theme.draft}`);
    say(`  ${count(theme.size, 'statement')} · ${perspectiveCounts(theme)} · keywords: ${theme.label}`);
    for (const id of theme.statements) say(`  ${id}  (${text.get(id)!.perspective}) ${text.get(id)!.text}`);
    // A locked theme is offered only what may be done to it: unlock it, park or unpark it.
    const edits: { name: string; value: Action }[] = theme.locked
      ? []
      : [
          { name: 'Rename it', value: 'rename' },
          { name: 'Merge other themes into it', value: 'merge' },
          { name: 'Split it: let the engine propose sub-themes', value: 'split-engine' },
          { name: 'Split it: pick statements for a new theme', value: 'split-hand' },
          { name: 'Move some of its statements', value: 'move' },
        ];
    if (theme.locked) say('  locked as reviewed: unlock it to rename, merge, split or move its statements');
    const action = await ask.select<Action>({
      message: `What should happen to ${theme.id}?`,
      choices: [
        ...edits,
        theme.parked ? { name: 'Unpark it', value: 'unpark' } : { name: 'Park it (keep it, leave it out of prioritising)', value: 'park' },
        theme.locked ? { name: 'Unlock it', value: 'unlock' } : { name: 'Lock it as reviewed', value: 'lock' },
        { name: 'Back to the list', value: 'back' },
      ],
    });
    switch (action) {
      case 'back':
        break;
      case 'rename': {
        // Enter keeps the name it has: a facilitator's name is never swapped back for the draft.
        const name = await ask.input({ message: 'New name, as an "I" statement', default: theme.name });
        if (name.trim() === theme.name) say('The name is as it was.');
        else apply((e) => e.rename(theme.id, name));
        break;
      }
      case 'merge': {
        const ids = await ask.checkbox<string>({ message: `Merge which themes into ${theme.id}? (none to go back)`, choices: others.map((t) => ({ name: themeChoice(t), value: t.id })), pageSize: 15 });
        if (ids.length === 0) break;
        // What the merged theme will hold, so it can be named for all of it.
        for (const id of ids) {
          const from = c.themes.find((t) => t.id === id)!;
          say(`  from ${from.id} (${from.name}):`);
          for (const sid of from.statements) say(`    ${text.get(sid)!.text}`);
        }
        const name = await ask.input({ message: 'Name for the merged theme, as an "I" statement', default: theme.name });
        apply((e) => e.merge([theme.id, ...ids], name.trim() === theme.name ? undefined : name));
        break;
      }
      case 'split-engine': {
        const k = await ask.input({ message: 'How many sub-themes?', default: '2' });
        if (!/^\s*\d+\s*$/.test(k)) {
          say('Not done: give the number of sub-themes as a whole number of 2 or more.');
          break;
        }
        const done = apply((e) => e.splitInto(theme.id, Number(k)));
        if (!done) break;
        // Shown before it is kept: which statements went where.
        for (const part of done.themes) {
          say(`  ${part.id} (${part.name}):`);
          for (const sid of part.statements) say(`    ${text.get(sid)!.text}`);
        }
        const keep = await ask.select<boolean>({ message: 'Keep this split?', choices: [{ name: 'Yes, keep it', value: true }, { name: 'No, put it back as it was', value: false }] });
        if (!keep) say(`Saved: ${undoThemes(ctx).change.summary}.`);
        break;
      }
      case 'split-hand': {
        const ids = await ask.checkbox<string>({ message: 'Which statements go to the new theme? (none to go back)', choices: statementChoices(theme.statements), pageSize: 15 });
        if (ids.length > 0) apply((e) => e.splitStatements(theme.id, ids));
        break;
      }
      case 'move': {
        const ids = await ask.checkbox<string>({ message: 'Move which statements? (none to go back)', choices: statementChoices(theme.statements), pageSize: 15 });
        if (ids.length === 0) break;
        const to = await ask.select<string>({
          message: 'Move them to',
          choices: [...others.map((t) => ({ name: themeChoice(t), value: t.id })), { name: 'Unthemed (the odd ones out)', value: 'unthemed' }],
        });
        apply((e) => e.move(ids, to));
        break;
      }
      default:
        apply((e) => e.flag(theme.id, action));
    }
  }
}

function themeChoice(t: Theme): string {
  const flags = [t.locked ? 'locked' : '', t.parked ? 'parked' : '', t.edited ? 'edited' : ''].filter(Boolean).join(', ');
  return `${t.id.padEnd(6)} ${String(t.size).padStart(3)}  ${t.name}${flags ? `  [${flags}]` : ''}`;
}

function perspectiveCounts(t: Theme): string {
  return Object.entries(t.perspectives)
    .map(([p, n]) => `${p} ${n}`)
    .join(', ');
}

function firstWithThemes(ctx: Context): Category {
  const { set } = loadThemesState(ctx);
  return categories.find((c) => set.categories[c].themes.length > 0) ?? 'not_working';
}

/** The real prompts, reading and writing the command's own streams. */
export async function inquirerPrompts(ctx: Context): Promise<Prompts> {
  const inquirer = await import('@inquirer/prompts');
  const context = { input: ctx.io.stdin as NodeJS.ReadableStream, output: ctx.io.stdout as NodeJS.WritableStream };
  // Theme names and statements are shown as typed, made safe for the terminal.
  const safe = <T extends { message: string; choices?: { name: string }[] }>(config: T): T => ({
    ...config,
    message: terminalText(config.message),
    ...(config.choices ? { choices: config.choices.map((ch) => ({ ...ch, name: terminalText(ch.name) })) } : {}),
  });
  return {
    select: (config) => inquirer.select(safe(config), context),
    checkbox: (config) => inquirer.checkbox(safe(config), context),
    input: (config) => inquirer.input(safe(config), context),
  };
}
