/**
 * The wall page of `wtfc serve`. It runs in the browser, imports nothing, and builds the page with
 * DOM calls only: every statement and name goes in as text, never as HTML. Each change is a request
 * to the server, which makes it as the command line does and sends back the whole wall.
 */
interface WallStatement {
  id: string;
  text: string;
  perspective: string;
}
interface WallTheme {
  id: string;
  name: string;
  size: number;
  perspectives: Record<string, number>;
  locked: boolean;
  parked: boolean;
  statements: WallStatement[];
}
interface WallCategory {
  key: string;
  title: string;
  plainTitle: string;
  symbol: string;
  themes: WallTheme[];
  unthemed: WallStatement[];
}
interface Wall {
  session: { name: string; council: string };
  version: string;
  voting: { category: string; title: string; dots: number; themes: { id: string; name: string }[]; voters: number };
  categories: WallCategory[];
}
interface Priorities {
  method: string;
  categoryTitle: string;
  computes: string;
  n: number;
  notes: string[];
  ranking: { rank: number; tied: boolean; themeId: string; themeName: string; score: number; inTop: boolean }[];
}

interface PlanTheme {
  theme: string;
  name: string;
  priority: boolean;
  causes: { id: string; text: string; because?: string }[];
  success: { id: string; text: string }[];
  actions: { id: string; what: string; who: string; by: string; measure: string; status: string }[];
}
interface PlanView {
  themes: PlanTheme[];
  notes: string[];
}

/** What is typed into the plan's fields, by field, kept while the page is drawn anew. */
const drafts = new Map<string, string>();
let plan: PlanView | undefined;

/**
 * Dots placed on the wall itself, one participant at a time: who they are, then a dot at a time on
 * the cards, up to the allowance, then Done.
 */
let onWall: { perspective?: string; dots: Record<string, number> } | undefined;

/** The ballot being typed in, kept while the wall is drawn anew. */
const ballot: { voter: string; perspective: string; dots: Record<string, string> } = { voter: '', perspective: 'person', dots: {} };
let ranked: Priorities | undefined;

const token = new URLSearchParams(location.search).get('token') ?? '';
const root = document.getElementById('wall')!;
let wall: Wall | undefined;
/** What had the keyboard's focus, so it can have it again after the wall is drawn anew. */
let focusKey: string | undefined;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(child);
  return node;
}

async function api<T = Wall>(path: string, body?: unknown): Promise<T | undefined> {
  const response = await fetch(`${path}?token=${encodeURIComponent(token)}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const data = (await response.json()) as T & { error?: string; hint?: string };
  if (!response.ok) {
    say(`${data.error ?? 'That did not work'}${data.hint ? ` (${data.hint})` : ''}`);
    return undefined;
  }
  return data;
}

/** The last thing said, kept when the page is drawn anew (a change from the terminal redraws it). */
let said = '';

function say(message: string): void {
  said = message;
  const status = document.getElementById('status');
  if (status) status.textContent = message;
}

async function change(action: string, body: Record<string, unknown>, done: string): Promise<void> {
  const next = await api(`/api/themes/${action}`, body);
  if (next) {
    draw(next);
    say(done);
    await refreshPriorities();
  }
}

function perspectivesText(p: Record<string, number>): string {
  return Object.entries(p)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

/**
 * A statement: a card that can be dragged, and (a form control cannot be dragged) a button to the
 * keyboard and to assistive technology, which Enter or Space opens the move list of.
 */
function statementItem(s: WallStatement, category: WallCategory): HTMLLIElement {
  const card = el('div', { className: 'statement', draggable: true, tabIndex: 0, title: 'Drag to a theme, or press Enter to move' }, s.text);
  card.setAttribute('role', 'button');
  card.dataset.focus = `s:${s.id}`;
  card.addEventListener('dragstart', (e) => e.dataTransfer?.setData('text/plain', s.id));
  card.addEventListener('click', () => moveChooser(card, s, category));
  card.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      moveChooser(card, s, category);
    }
  });
  return el('li', {}, card, el('span', { className: 'who' }, ` (${s.perspective})`));
}

/** The keyboard's way to move a statement: a list of where it can go. */
function moveChooser(anchor: HTMLElement, s: WallStatement, category: WallCategory): void {
  const select = el('select', { className: 'chooser' });
  select.setAttribute('aria-label', 'Move this statement to');
  select.append(el('option', { value: '' }, 'Move to…'));
  for (const t of category.themes) select.append(el('option', { value: t.id }, t.name));
  select.append(el('option', { value: 'unthemed' }, 'Odd ones out'));
  const go = () => {
    if (select.value !== '') void change('move', { ids: [s.id], to: select.value }, 'Moved.');
    else select.remove();
  };
  select.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') go();
    if (e.key === 'Escape') {
      select.remove();
      anchor.focus();
    }
  });
  select.addEventListener('change', go);
  anchor.after(select);
  select.focus();
}

function dropTarget(node: HTMLElement, to: string): void {
  node.addEventListener('dragover', (e) => {
    e.preventDefault();
    node.classList.add('over');
  });
  node.addEventListener('dragleave', () => node.classList.remove('over'));
  node.addEventListener('drop', (e) => {
    e.preventDefault();
    node.classList.remove('over');
    const id = e.dataTransfer?.getData('text/plain');
    if (id) void change('move', { ids: [id], to }, 'Moved.');
  });
}

function themeCard(t: WallTheme, category: WallCategory): HTMLElement {
  const name = el('h3', { className: 'name' }, t.name);
  const rename = el('button', { type: 'button', className: 'action' }, 'Rename');
  rename.dataset.focus = `rename:${t.id}`;
  rename.addEventListener('click', () => {
    const input = el('input', { type: 'text', value: t.name, className: 'rename' });
    input.setAttribute('aria-label', `New name for ${t.name}`);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') void change('rename', { id: t.id, name: input.value }, 'Renamed.');
      if (e.key === 'Escape') draw(wall!);
    });
    name.replaceChildren(input);
    input.focus();
    input.select();
  });
  const flag = (on: boolean, yes: string, no: string) => {
    const b = el('button', { type: 'button', className: 'action' }, on ? `Un${yes.toLowerCase()}` : yes);
    b.dataset.focus = `${yes}:${t.id}`;
    b.addEventListener('click', () => void change(on ? no : yes.toLowerCase(), { id: t.id }, 'Saved.'));
    return b;
  };
  const merge = el('select', { className: 'merge' });
  merge.setAttribute('aria-label', `Merge ${t.name} into`);
  merge.append(el('option', { value: '' }, 'Merge into…'));
  for (const other of category.themes) if (other.id !== t.id) merge.append(el('option', { value: other.id }, other.name));
  merge.addEventListener('change', () => {
    if (merge.value !== '') void change('merge', { ids: [merge.value, t.id] }, 'Merged.');
  });
  const card = el(
    'section',
    { className: `theme${t.parked ? ' parked' : ''}${t.locked ? ' locked' : ''}` },
    name,
    el('p', { className: 'meta' }, `${t.size} statement${t.size === 1 ? '' : 's'} · ${perspectivesText(t.perspectives)}${t.locked ? ' · locked' : ''}${t.parked ? ' · parked' : ''}`),
    el('div', { className: 'actions' }, rename, flag(t.parked, 'Park', 'unpark'), flag(t.locked, 'Lock', 'unlock'), merge),
    ...dotButton(t, category),
    el('ul', { className: 'statements' }, ...t.statements.map((s) => statementItem(s, category))),
  );
  card.setAttribute('aria-label', t.name);
  dropTarget(card, t.id);
  return card;
}

/** The facilitator types each participant's dots from their paper ballot, or a participant places their own. */
function votingPanel(v: Wall['voting']): HTMLElement {
  const field = (label: string, control: HTMLElement) => el('label', { className: 'field' }, `${label} `, control);
  const voter = el('input', { type: 'text', value: ballot.voter, autocomplete: 'off' });
  voter.dataset.focus = 'voter';
  voter.addEventListener('input', () => (ballot.voter = voter.value));
  const who = el('select', {});
  who.dataset.focus = 'perspective';
  for (const p of ['person', 'family', 'staff', 'other']) who.append(el('option', { value: p, selected: p === ballot.perspective }, p));
  who.addEventListener('change', () => (ballot.perspective = who.value));
  const rows = v.themes.map((t) => {
    const n = el('input', { type: 'number', min: '0', max: String(v.dots), value: ballot.dots[t.id] ?? '', inputMode: 'numeric' });
    n.dataset.focus = `dots:${t.id}`;
    n.addEventListener('input', () => (ballot.dots[t.id] = n.value));
    return el('li', {}, field(t.name, n));
  });
  const save = el('button', { type: 'button', className: 'action' }, 'Save these dots');
  save.dataset.focus = 'save-dots';
  save.addEventListener('click', () => void saveDots());
  const panel = el(
    'section',
    { className: 'votes' },
    el('h2', {}, `Dots: ${v.title}`),
    wallVoting(v),
    el('p', {}, `Each voter has ${v.dots} dots. Type one voter's dots, then save.`),
    field('Voter', voter),
    field('Who they are', who),
    el('ul', { className: 'dots' }, ...rows),
    save,
  );
  panel.setAttribute('aria-label', 'Dots');
  return panel;
}

/** The controls of placing dots on the wall: start, who you are, how many are left, done. */
function wallVoting(v: Wall['voting']): HTMLElement {
  const box = el('div', { className: 'on-wall' });
  if (!onWall) {
    const start = el('button', { type: 'button', className: 'action' }, 'Place dots on the wall');
    start.dataset.focus = 'wall-start';
    start.addEventListener('click', () => {
      onWall = { dots: {} };
      focusKey = 'wall-who:person';
      draw(wall!);
    });
    box.append(start);
    return box;
  }
  if (!onWall.perspective) {
    box.append(el('p', {}, 'Who are you?'));
    for (const p of ['person', 'family', 'staff', 'other']) {
      const label = { person: 'I draw on support', family: 'I am family or a carer', staff: 'I am staff', other: 'Someone else' }[p]!;
      const b = el('button', { type: 'button', className: 'action' }, label);
      b.dataset.focus = `wall-who:${p}`;
      b.addEventListener('click', () => {
        onWall!.perspective = p;
        focusKey = undefined;
        draw(wall!);
      });
      box.append(b);
    }
    return box;
  }
  const placed = Object.values(onWall.dots).reduce((a, b) => a + b, 0);
  const done = el('button', { type: 'button', className: 'action' }, 'Done: save my dots');
  done.dataset.focus = 'wall-done';
  done.addEventListener('click', async () => {
    const r = await api<{ saved: { voter: string; dots: number }; priorities: Priorities }>('/api/votes', { voter: `Wall voter ${v.voters + 1}`, perspective: onWall!.perspective, dots: onWall!.dots });
    if (!r) return;
    onWall = undefined;
    ranked = r.priorities;
    const next = await api('/api/state');
    if (next) draw(next);
    say(`Saved ${r.saved.dots} dot${r.saved.dots === 1 ? '' : 's'} from ${r.saved.voter}. Thank you.`);
  });
  const cancel = el('button', { type: 'button', className: 'action' }, 'Cancel');
  cancel.addEventListener('click', () => {
    onWall = undefined;
    draw(wall!);
  });
  box.append(el('p', { className: 'left', role: 'status' }, `${v.dots - placed} of ${v.dots} dots left: press "+ dot" on the themes that matter most to you.`), done, cancel);
  return box;
}

/** "+ dot" on a card while a participant places dots on the wall. */
function dotButton(t: WallTheme, category: WallCategory): HTMLElement[] {
  if (!onWall?.perspective || !wall || category.key !== wall.voting.category || t.parked) return [];
  const mine = onWall.dots[t.id] ?? 0;
  const placed = Object.values(onWall.dots).reduce((a, b) => a + b, 0);
  const add = el('button', { type: 'button', className: 'dot', disabled: placed >= wall.voting.dots }, '+ dot');
  add.setAttribute('aria-label', `Add a dot to ${t.name}`);
  add.dataset.focus = `dot:${t.id}`;
  add.addEventListener('click', () => {
    onWall!.dots[t.id] = mine + 1;
    draw(wall!);
  });
  return [el('p', { className: 'my-dots' }, add, ` ${'●'.repeat(mine)}`)];
}

async function saveDots(): Promise<void> {
  const dots = Object.fromEntries(Object.entries(ballot.dots).filter(([, n]) => n.trim() !== '').map(([id, n]) => [id, Number(n)]));
  const r = await api<{ saved: { voter: string; dots: number }; priorities: Priorities }>('/api/votes', { voter: ballot.voter, perspective: ballot.perspective, dots });
  if (!r) return;
  ballot.voter = '';
  ballot.dots = {};
  ranked = r.priorities;
  focusKey = 'voter';
  draw(wall!);
  say(`Saved ${r.saved.dots} dot${r.saved.dots === 1 ? '' : 's'} from ${r.saved.voter}.`);
}

function prioritiesPanel(p: Priorities | undefined): HTMLElement {
  const panel = el('section', { className: 'priorities' }, el('h2', {}, p ? `Priorities: ${p.categoryTitle}, by ${p.method}` : 'Priorities'));
  panel.setAttribute('aria-label', 'Priorities');
  if (!p) return panel;
  const list = el('ol', {});
  for (const r of p.ranking) {
    const item = el('li', { className: r.inTop ? 'top' : '' }, `${r.rank}${r.tied ? '=' : ''}. ${r.themeName}: ${Math.round(r.score * 10) / 10}`);
    item.dataset.theme = r.themeId;
    list.append(item);
  }
  panel.append(el('p', {}, p.computes), list, ...p.notes.map((n) => el('p', { className: 'note' }, n)));
  return panel;
}

async function refreshPriorities(): Promise<void> {
  const p = await api<Priorities>('/api/priorities');
  if (p) {
    ranked = p;
    document.querySelector('section.priorities')?.replaceWith(prioritiesPanel(p));
  }
}

/** A text field whose typing survives the page being drawn anew. */
function draftInput(key: string, label: string, type = 'text'): HTMLInputElement {
  const input = el('input', { type, value: drafts.get(key) ?? '', placeholder: label, title: label });
  input.dataset.focus = key;
  input.setAttribute('aria-label', label);
  input.addEventListener('input', () => drafts.set(key, input.value));
  return input;
}

async function planChange(step: string, body: Record<string, unknown>, clear: string[], done: string): Promise<void> {
  const next = await api<PlanView>(`/api/plan/${step}`, body);
  if (!next) return;
  plan = next;
  for (const key of clear) drafts.delete(key);
  draw(wall!);
  say(done);
}

/** The plan for each priority: the "why?" chain, what success looks like, and the actions. */
function planPanel(p: PlanView | undefined): HTMLElement {
  const undo = el('button', { type: 'button', className: 'action' }, 'Undo the last plan change');
  undo.addEventListener('click', () => void planChange('undo', {}, [], 'Undone.'));
  const panel = el('section', { className: 'plan' }, el('h2', {}, 'The plan'), undo);
  panel.setAttribute('aria-label', 'The plan');
  if (!p || p.themes.length === 0) {
    panel.append(el('p', {}, 'Record the priorities with `wtfc prioritise` at the terminal, and they are planned here.'));
    return panel;
  }
  for (const t of p.themes) panel.append(planTheme(t));
  for (const n of p.notes) panel.append(el('p', { className: 'note' }, n));
  return panel;
}

function planTheme(t: PlanTheme): HTMLElement {
  const key = (field: string) => `plan:${t.theme}:${field}`;
  const chain = (parent: string | undefined): HTMLUListElement =>
    el('ul', { className: 'why' }, ...t.causes.filter((c) => c.because === parent).map((c) => el('li', {}, `Why? ${c.text}`, ...(t.causes.some((x) => x.because === c.id) ? [chain(c.id)] : []))));
  const because = el('select', {});
  because.setAttribute('aria-label', 'Because of');
  because.append(el('option', { value: '' }, 'a first "why?"'));
  for (const c of t.causes) because.append(el('option', { value: c.id }, `explains: ${c.text}`));
  const cause = draftInput(key('cause'), `Why? (${t.name})`);
  cause.placeholder = 'Why does this happen?';
  const addCause = el('button', { type: 'button', className: 'action' }, 'Add the cause');
  addCause.addEventListener('click', () => void planChange('cause', { theme: t.theme, text: cause.value, because: because.value }, [key('cause')], 'Cause added.'));
  const success = draftInput(key('success'), `What success looks like (${t.name})`);
  success.placeholder = 'What success looks like: "I …"';
  const addSuccess = el('button', { type: 'button', className: 'action' }, 'Add the success statement');
  addSuccess.addEventListener('click', () => void planChange('success', { theme: t.theme, text: success.value }, [key('success')], 'Success statement added.'));
  const fields = (['what', 'who', 'by', 'measure'] as const).map((f) =>
    draftInput(key(f), { what: 'What will be done', who: 'Who will do it', by: 'By when', measure: 'How we will know' }[f], f === 'by' ? 'date' : 'text'),
  );
  const addAction = el('button', { type: 'button', className: 'action' }, 'Add the action');
  addAction.addEventListener('click', () => {
    const [what, who, by, measure] = fields.map((f) => f.value);
    void planChange('action', { theme: t.theme, what, who, by, measure }, (['what', 'who', 'by', 'measure'] as const).map(key), 'Action added.');
  });
  const actions = t.actions.map((a) => {
    const status = el('select', {});
    status.setAttribute('aria-label', `Status of ${a.what}`);
    for (const s of ['not-started', 'in-progress', 'done']) status.append(el('option', { value: s, selected: s === a.status }, s));
    status.addEventListener('change', () => void planChange('status', { id: a.id, status: status.value }, [], 'Status saved.'));
    return el('li', {}, `${a.what} · ${a.who} · by ${a.by} · how we'll know: ${a.measure} `, status);
  });
  const section = el(
    'section',
    { className: 'plan-theme' },
    el('h3', {}, t.name + (t.priority ? '' : ' (not a recorded priority)')),
    chain(undefined),
    el('div', { className: 'add' }, cause, because, addCause),
    el('ul', { className: 'success' }, ...t.success.map((x) => el('li', {}, x.text))),
    el('div', { className: 'add' }, success, addSuccess),
    el('ul', { className: 'actions-list' }, ...actions),
    el('div', { className: 'add' }, ...fields, addAction),
  );
  section.setAttribute('aria-label', `Plan: ${t.name}`);
  return section;
}

interface Outputs {
  outputs: { file: string; title: string }[];
  notes?: string[];
}
let printable: Outputs | undefined;

/** Links to the report and handouts, to print from the browser, and a way to render them again. */
function printPanel(o: Outputs | undefined): HTMLElement {
  const again = el('button', { type: 'button', className: 'action' }, 'Render the handouts again');
  again.dataset.focus = 'render';
  again.addEventListener('click', async () => {
    say('Rendering…');
    const next = await api<Outputs>('/api/render', {});
    if (!next) return;
    printable = next;
    document.querySelector('section.print')?.replaceWith(printPanel(next));
    say(['Rendered.', ...(next.notes ?? [])].join(' '));
  });
  const links = (o?.outputs ?? []).map((x) => el('li', {}, el('a', { href: `/out/${x.file}?token=${encodeURIComponent(token)}`, target: '_blank', rel: 'noopener noreferrer' }, x.title)));
  const panel = el('section', { className: 'print' }, el('h2', {}, 'Print'), again, links.length > 0 ? el('ul', {}, ...links) : el('p', {}, 'Nothing rendered yet.'));
  panel.setAttribute('aria-label', 'Print');
  return panel;
}

async function refreshPlan(): Promise<void> {
  const p = await api<PlanView>('/api/plan');
  if (p) {
    plan = p;
    document.querySelector('section.plan')?.replaceWith(planPanel(p));
  }
}

function draw(next: Wall): void {
  wall = next;
  const active = document.activeElement as HTMLElement | null;
  focusKey = active?.dataset.focus ?? focusKey;
  const undo = el('button', { type: 'button', className: 'action' }, 'Undo');
  undo.dataset.focus = 'undo';
  undo.addEventListener('click', () => void change('undo', {}, 'Undone.'));
  const header = el('header', {}, el('h1', {}, next.session.name || 'The wall'), undo, el('p', { id: 'status', role: 'status' }, said));
  const columns = next.categories.map((c) => {
    const pile = el('section', { className: 'theme pile' }, el('h3', { className: 'name' }, 'Odd ones out'), el('ul', { className: 'statements' }, ...c.unthemed.map((s) => statementItem(s, c))));
    pile.setAttribute('aria-label', `${c.title}: odd ones out`);
    dropTarget(pile, 'unthemed');
    const column = el('section', { className: `column ${c.key}` }, el('h2', {}, `${c.symbol} ${c.plainTitle}`), ...c.themes.map((t) => themeCard(t, c)), pile);
    column.setAttribute('aria-label', c.title);
    return column;
  });
  root.replaceChildren(header, el('div', { className: 'columns' }, ...columns), el('div', { className: 'room' }, votingPanel(next.voting), prioritiesPanel(ranked), planPanel(plan), printPanel(printable)));
  const again = focusKey ? root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focusKey)}"]`) : null;
  again?.focus();
}

document.addEventListener('keydown', (e) => {
  const inField = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
  if (!inField && (e.ctrlKey || e.metaKey) && e.key === 'z') {
    e.preventDefault();
    void change('undo', {}, 'Undone.');
  }
});

/** A change made at the terminal shows here without a reload. */
async function watch(): Promise<void> {
  const v = await fetch(`/api/version?token=${encodeURIComponent(token)}`).then((r) => r.json() as Promise<{ version?: string }>).catch(() => ({ version: undefined }));
  const editing = document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLSelectElement;
  if (v.version && wall && v.version !== wall.version && !editing) {
    const next = await api('/api/state');
    if (next) draw(next);
    await refreshPriorities();
    await refreshPlan();
  }
  setTimeout(() => void watch(), 1000);
}

void api('/api/state').then(async (w) => {
  if (w) draw(w);
  await refreshPriorities();
  await refreshPlan();
  printable = await api<Outputs>('/api/outputs');
  document.querySelector('section.print')?.replaceWith(printPanel(printable));
  void watch();
});
