import { WtfcError } from '../errors.js';
import { count, terminalText } from '../core/text.js';
import { actionStatuses } from '../core/plan.js';
import { isDate } from '../session/plan-file.js';
import type { Context } from './context.js';
import { addAction, addCause, addSuccess, editPlanItem, loadPlan, removePlanItem, setStatus, undoPlan } from './plan.js';
import { type Prompts, inquirerPrompts } from './review.js';

type Step = { kind: 'theme'; id: string } | { kind: 'undo' } | { kind: 'quit' };
type Action = 'cause' | 'success' | 'action' | 'status' | 'change' | 'back';

export function planAlternative(dirFlag: string): string {
  const commands = ['show', 'cause THEME_ID "…" [--because CAUSE_ID]', 'success THEME_ID "I …"', 'action THEME_ID --what … --who … --by YYYY-MM-DD --measure …', 'status ACTION_ID done'];
  return `use the scriptable commands instead: ${commands.map((c) => `\`wtfc plan ${c}${dirFlag}\``).join(', ')}`;
}

/**
 * Walks the plan for each priority theme: its causes (as chains of "why?"), success statements and
 * actions. Every answer is saved before the next question, so Ctrl+C loses nothing already done.
 */
export async function walkPlan(ctx: Context, prompts?: Prompts): Promise<void> {
  const say = (line = '') => ctx.io.stdout.write(`${terminalText(line)}\n`);
  if (!prompts && (!ctx.io.stdin.isTTY || !ctx.io.stdout.isTTY)) {
    throw new WtfcError('wtfc plan needs a terminal to ask its questions', { hint: planAlternative(ctx.dirFlag) });
  }
  const ask = prompts ?? (await inquirerPrompts(ctx));
  const apply = <R extends { summary: string; note?: string }>(fn: () => R): R | undefined => {
    try {
      const r = fn();
      say(`Saved: ${r.summary}.${r.note ? ` (${r.note}.)` : ''}`);
      return r;
    } catch (err) {
      if (!(err instanceof WtfcError)) throw err;
      say(`Not done: ${err.message}.${err.hint ? ` ${err.hint}.` : ''}`);
      return undefined;
    }
  };
  for (;;) {
    const st = loadPlan(ctx);
    const ids = st.priorities.length > 0 ? st.priorities : st.plan.themes.map((t) => t.theme);
    if (ids.length === 0) {
      throw new WtfcError('there are no priorities to plan for yet', { hint: `choose them with \`wtfc prioritise${ctx.dirFlag}\`` });
    }
    say();
    const step = await ask.select<Step>({
      message: 'Which priority?',
      choices: [
        ...ids.map((id) => {
          const t = st.plan.themes.find((x) => x.theme === id);
          const counts = t ? `${count(t.causes.length, 'cause')}, ${count(t.success.length, 'success statement')}, ${count(t.actions.length, 'action')}` : 'not planned yet';
          return { name: `${id.padEnd(6)} ${st.themes.get(id)?.name ?? ''}  (${counts})`, value: { kind: 'theme', id } as Step };
        }),
        { name: 'Undo the last change to the plan', value: { kind: 'undo' } },
        { name: 'Quit (everything is saved)', value: { kind: 'quit' } },
      ],
    });
    if (step.kind === 'quit') return;
    if (step.kind === 'undo') {
      apply(() => undoPlan(ctx));
      continue;
    }
    const t = st.plan.themes.find((x) => x.theme === step.id);
    const theme = st.themes.get(step.id);
    say(`${step.id}  ${theme?.name ?? ''}`);
    // What people said, to ask "why?" about.
    const textOf = new Map(st.session.statements.map((x) => [x.id, x]));
    for (const id of theme?.statements ?? []) say(`  · ${textOf.get(id)?.text ?? id}${textOf.get(id) ? ` (${textOf.get(id)!.perspective})` : ''}`);
    for (const c of t?.causes ?? []) say(`  why? ${c.id}: ${c.text}${c.because ? `  (because of ${c.because})` : ''}`);
    for (const s of t?.success ?? []) say(`  success ${s.id}: ${s.text}`);
    for (const a of t?.actions ?? []) say(`  action ${a.id}: ${a.what} · ${a.who} · by ${a.by} · ${a.measure} · ${a.status}`);
    const action = await ask.select<Action>({
      message: `What next for ${step.id}?`,
      choices: [
        { name: 'Add a root cause (why?)', value: 'cause' },
        { name: 'Add a success statement ("I …")', value: 'success' },
        { name: 'Add an action', value: 'action' },
        ...(t && t.actions.length > 0 ? [{ name: 'Change an action’s status', value: 'status' as Action }] : []),
        ...(t && t.causes.length + t.success.length + t.actions.length > 0 ? [{ name: 'Correct or remove a cause, success statement or action', value: 'change' as Action }] : []),
        { name: 'Back', value: 'back' },
      ],
    });
    if (action === 'cause') {
      let text = await ask.input({ message: 'Why? (the cause)' });
      const because =
        t && t.causes.length > 0 && text.trim() !== ''
          ? await ask.select<string>({ message: 'Is it the reason for an earlier cause?', choices: [{ name: 'No, a first "why?"', value: '' }, ...t.causes.map((c) => ({ name: `${c.id}: ${c.text}`, value: c.id }))] })
          : '';
      // Down the chain: each answer is asked "why?" in turn, until an empty answer ends it.
      let parent: string | undefined = because || undefined;
      while (text.trim() !== '') {
        const change = apply(() => addCause(ctx, step.id, text, parent));
        if (!change) break;
        parent = change.theme.causes.at(-1)!.id;
        text = await ask.input({ message: `Why does that happen? (${parent}; Enter to stop)` });
      }
    } else if (action === 'success') {
      // Checked as it is typed, so a name that does not start with "I" is not lost.
      const text = await ask.input({ message: 'What would good look like? ("I …")', validate: (v) => /^\s*I\b|^\s*I['’]/.test(v) || 'start it with "I", e.g. "I know who is coming and when"' });
      apply(() => addSuccess(ctx, step.id, text));
    } else if (action === 'action') {
      const what = await ask.input({ message: 'What will be done?' });
      const who = await ask.input({ message: 'Who will do it?' });
      // Checked here, so a mistyped date does not lose the other answers.
      const by = await ask.input({ message: 'By when? (YYYY-MM-DD)', validate: (v) => isDate(v.trim()) || 'a real date written YYYY-MM-DD, such as 2027-03-31' });
      const measure = await ask.input({ message: 'How will we know?' });
      apply(() => addAction(ctx, step.id, { what, who, by, measure }));
    } else if (action === 'change') {
      const items = [
        ...t!.causes.map((c) => ({ name: `why? ${c.id}: ${c.text}`, value: c.id })),
        ...t!.success.map((x) => ({ name: `success ${x.id}: ${x.text}`, value: x.id })),
        ...t!.actions.map((a) => ({ name: `action ${a.id}: ${a.what} · ${a.who} · by ${a.by} · ${a.measure}`, value: a.id })),
      ];
      const id = await ask.select<string>({ message: 'Which one?', choices: items });
      const how = await ask.select<'edit' | 'remove' | 'back'>({ message: `${id}:`, choices: [{ name: 'Correct it', value: 'edit' }, { name: 'Remove it', value: 'remove' }, { name: 'Back', value: 'back' }] });
      if (how === 'remove') apply(() => removePlanItem(ctx, id));
      else if (how === 'edit') {
        const action = t!.actions.find((a) => a.id === id);
        if (action) {
          // Each field offers what it says now: Enter keeps it.
          const what = await ask.input({ message: 'What will be done?', default: action.what });
          const who = await ask.input({ message: 'Who will do it?', default: action.who });
          const by = await ask.input({ message: 'By when? (YYYY-MM-DD)', default: action.by, validate: (v) => isDate(v.trim()) || 'a real date written YYYY-MM-DD, such as 2027-03-31' });
          const measure = await ask.input({ message: 'How will we know?', default: action.measure });
          apply(() => editPlanItem(ctx, id, undefined, { what, who, by, measure }));
        } else {
          const current = [...t!.causes, ...t!.success].find((x) => x.id === id)!;
          const isSuccess = t!.success.some((x) => x.id === id);
          const text = await ask.input({
            message: 'The corrected text',
            default: current.text,
            ...(isSuccess ? { validate: (v: string) => /^\s*I\b|^\s*I['’]/.test(v) || 'start it with "I", e.g. "I know who is coming and when"' } : {}),
          });
          apply(() => editPlanItem(ctx, id, text, {}));
        }
      }
    } else if (action === 'status') {
      const id = await ask.select<string>({ message: 'Which action?', choices: t!.actions.map((a) => ({ name: `${a.id}: ${a.what} (${a.status})`, value: a.id })) });
      const status = await ask.select<string>({ message: 'Its status', choices: actionStatuses.map((x) => ({ name: x, value: x })) });
      apply(() => setStatus(ctx, id, status));
    }
  }
}
