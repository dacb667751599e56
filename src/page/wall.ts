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
  methods: string[];
  recorded?: { method?: string; themes: string[] };
  tieAtCut: boolean;
  tiedAtCut: string[];
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
const ballot: { voter: string; perspective: string; people: string; dots: Record<string, string> } = { voter: '', perspective: 'person', people: '', dots: {} };
let ranked: Priorities | undefined;
/** The method the room has chosen on the page; until then, the one `wtfc prioritise` would choose. */
let method: string | undefined;
/** The tied themes chosen to go forward when a tie straddles the cut. */
const included = new Set<string>();

/** A ranked ballot being typed in: theme ids by place, '' for a place not chosen yet. */
const rankBallot: { voter: string; perspective: string; ranking: string[] } = { voter: '', perspective: 'person', ranking: [] };
/** Which way the room votes on the page: dots, or ranked ballots. */
let ballotKind: 'dots' | 'ranked' = 'dots';

interface SplitProposal {
  id: string;
  into: number;
  parts: { id: string; name: string; statements: WallStatement[] }[];
}
/** A theme being split: the engine's proposal first, or the statements picked by hand. */
let splitting: { id: string; into: number; proposal?: SplitProposal; picked: Set<string> } | undefined;

/** The plan entry being corrected in place, by id. */
let editingPlan: string | undefined;

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
  const response = await fetch(`${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
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
  const split = el('button', { type: 'button', className: 'action' }, 'Split…');
  split.dataset.focus = `split:${t.id}`;
  split.addEventListener('click', () => void proposeSplit(t.id, 2));
  const canSplit = !t.locked && t.size >= 2;
  const card = el(
    'section',
    { className: `theme${t.parked ? ' parked' : ''}${t.locked ? ' locked' : ''}` },
    name,
    el('p', { className: 'meta' }, `${t.size} statement${t.size === 1 ? '' : 's'} · ${perspectivesText(t.perspectives)}${t.locked ? ' · locked' : ''}${t.parked ? ' · parked' : ''}`),
    el('div', { className: 'actions' }, rename, flag(t.parked, 'Park', 'unpark'), flag(t.locked, 'Lock', 'unlock'), ...(canSplit ? [split] : []), merge),
    ...(splitting?.id === t.id ? [splitPanel(t, splitting)] : []),
    ...dotButton(t, category),
    el('ul', { className: 'statements' }, ...t.statements.map((s) => statementItem(s, category))),
  );
  card.setAttribute('aria-label', t.name);
  dropTarget(card, t.id);
  return card;
}

/** Asks the engine how it would split a theme into `into` parts, and shows that first. */
async function proposeSplit(id: string, into: number): Promise<void> {
  const proposal = await api<SplitProposal>(`/api/themes/split?id=${encodeURIComponent(id)}&into=${into}`);
  if (!proposal) return;
  splitting = { id, into, proposal, picked: splitting?.id === id ? splitting.picked : new Set() };
  focusKey = 'split-go';
  draw(wall!);
}

/**
 * Splitting a theme: the engine's proposal (its parts, each with the name it would get and its
 * statements), to accept as it is or with more parts; or statements picked by hand to take out.
 */
function splitPanel(t: WallTheme, sp: NonNullable<typeof splitting>): HTMLElement {
  const done = () => {
    splitting = undefined;
  };
  const into = el('select', {});
  into.setAttribute('aria-label', 'How many parts');
  into.dataset.focus = 'split-into';
  for (let k = 2; k <= Math.min(6, t.size); k++) into.append(el('option', { value: String(k), selected: k === sp.into }, `${k} parts`));
  into.addEventListener('change', () => void proposeSplit(t.id, Number(into.value)));
  const go = el('button', { type: 'button', className: 'action' }, 'Split like this');
  go.dataset.focus = 'split-go';
  go.addEventListener('click', () => {
    done();
    void change('split', { id: t.id, into: sp.into }, 'Split.');
  });
  const parts = (sp.proposal?.parts ?? []).map((part) =>
    el('li', {}, el('strong', {}, part.name), el('ul', {}, ...part.statements.map((s) => el('li', {}, s.text)))),
  );
  const picks = t.statements.map((s) => {
    const box = el('input', { type: 'checkbox', checked: sp.picked.has(s.id) });
    box.dataset.focus = `pick:${s.id}`;
    box.addEventListener('change', () => (box.checked ? sp.picked.add(s.id) : sp.picked.delete(s.id)));
    return el('li', {}, el('label', {}, box, ` ${s.text}`));
  });
  const take = el('button', { type: 'button', className: 'action' }, 'Take the ticked statements out into a new theme');
  take.addEventListener('click', () => {
    const ids = [...sp.picked];
    done();
    void change('split', { id: t.id, statements: ids }, 'Split.');
  });
  const cancel = el('button', { type: 'button', className: 'action' }, 'Cancel');
  cancel.addEventListener('click', () => {
    done();
    focusKey = `split:${t.id}`;
    draw(wall!);
  });
  const panel = el(
    'div',
    { className: 'split' },
    el('p', {}, 'The engine would split it like this:'),
    into,
    el('ol', { className: 'parts' }, ...parts),
    go,
    el('p', {}, 'Or tick the statements to take out:'),
    el('ul', { className: 'picks' }, ...picks),
    take,
    cancel,
  );
  panel.setAttribute('role', 'group');
  panel.setAttribute('aria-label', `Split ${t.name}`);
  return panel;
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
  const people = el('input', { type: 'number', min: '1', value: ballot.people, inputMode: 'numeric', placeholder: '1' });
  people.dataset.focus = 'people';
  people.addEventListener('input', () => (ballot.people = people.value));
  const rows = v.themes.map((t) => {
    const n = el('input', { type: 'number', min: '0', value: ballot.dots[t.id] ?? '', inputMode: 'numeric' });
    n.dataset.focus = `dots:${t.id}`;
    n.addEventListener('input', () => (ballot.dots[t.id] = n.value));
    return el('li', {}, field(t.name, n));
  });
  const save = el('button', { type: 'button', className: 'action' }, 'Save these dots');
  save.dataset.focus = 'save-dots';
  save.addEventListener('click', () => void saveDots());
  const kind = el('select', {});
  kind.dataset.focus = 'ballot-kind';
  kind.append(el('option', { value: 'dots', selected: ballotKind === 'dots' }, 'dots'), el('option', { value: 'ranked', selected: ballotKind === 'ranked' }, 'ranked ballots'));
  kind.addEventListener('change', () => {
    ballotKind = kind.value === 'ranked' ? 'ranked' : 'dots';
    draw(wall!);
  });
  const typed =
    ballotKind === 'dots'
      ? [
          el('p', {}, `Each voter has ${v.dots} dots. Type one voter's dots, or a table's tally with how many people placed it, then save.`),
          field('Voter', voter),
          field('Who they are', who),
          field('How many people (for a tally)', people),
          el('ul', { className: 'dots' }, ...rows),
          save,
        ]
      : rankedForm(v);
  const panel = el('section', { className: 'votes' }, el('h2', {}, `Votes: ${v.title}`), wallVoting(v), field('The paper ballots are', kind), ...typed);
  panel.setAttribute('aria-label', 'Votes');
  return panel;
}

/** A ranked ballot typed from paper: the voter, who they are, then their choices best first. */
function rankedForm(v: Wall['voting']): HTMLElement[] {
  const field = (label: string, control: HTMLElement) => el('label', { className: 'field' }, `${label} `, control);
  const voter = el('input', { type: 'text', value: rankBallot.voter, autocomplete: 'off' });
  voter.dataset.focus = 'rank-voter';
  voter.addEventListener('input', () => (rankBallot.voter = voter.value));
  const who = el('select', {});
  for (const p of ['person', 'family', 'staff', 'other']) who.append(el('option', { value: p, selected: p === rankBallot.perspective }, p));
  who.addEventListener('change', () => (rankBallot.perspective = who.value));
  const places = Math.min(v.themes.length, Math.max(3, rankBallot.ranking.length));
  const choices = Array.from({ length: places }, (_, i) => {
    const pick = el('select', {});
    pick.dataset.focus = `rank:${i}`;
    pick.append(el('option', { value: '' }, '(none)'));
    for (const t of v.themes) pick.append(el('option', { value: t.id, selected: rankBallot.ranking[i] === t.id }, t.name));
    pick.addEventListener('change', () => (rankBallot.ranking[i] = pick.value));
    return el('li', {}, field(ordinal(i + 1), pick));
  });
  const more = el('button', { type: 'button', className: 'action', disabled: places >= v.themes.length }, 'Another choice');
  more.addEventListener('click', () => {
    rankBallot.ranking.length = places + 1;
    rankBallot.ranking[places] = '';
    focusKey = `rank:${places}`;
    draw(wall!);
  });
  const save = el('button', { type: 'button', className: 'action' }, 'Save this ballot');
  save.dataset.focus = 'save-ballot';
  save.addEventListener('click', () => void saveBallot());
  return [el('p', {}, "Type one voter's choices, best first, then save."), field('Voter', voter), field('Who they are', who), el('ol', { className: 'dots' }, ...choices), more, save];
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix} choice`;
}

async function saveBallot(): Promise<void> {
  const r = await api<{ saved: { voter: string; ranked: number } }>('/api/ballots', { voter: rankBallot.voter, perspective: rankBallot.perspective, ranking: rankBallot.ranking.filter((id) => id !== '') });
  if (!r) return;
  rankBallot.voter = '';
  rankBallot.ranking = [];
  focusKey = 'rank-voter';
  await refreshPriorities();
  draw(wall!);
  say(`Saved the ballot of ${r.saved.voter} (${r.saved.ranked} choice${r.saved.ranked === 1 ? '' : 's'}).`);
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
    const r = await api<{ saved: { voter: string; dots: number } }>('/api/votes', { voter: `Wall voter ${v.voters + 1}`, perspective: onWall!.perspective, dots: onWall!.dots });
    if (!r) return;
    onWall = undefined;
    await refreshPriorities();
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
  const people = ballot.people.trim() === '' ? {} : { people: Number(ballot.people) };
  const r = await api<{ saved: { voter: string; people: number; dots: number } }>('/api/votes', { voter: ballot.voter, perspective: ballot.perspective, dots, ...people });
  if (!r) return;
  ballot.voter = '';
  ballot.people = '';
  ballot.dots = {};
  focusKey = 'voter';
  await refreshPriorities();
  draw(wall!);
  say(`Saved ${r.saved.dots} dot${r.saved.dots === 1 ? '' : 's'} from ${r.saved.voter}${r.saved.people > 1 ? ` (${r.saved.people} people)` : ''}.`);
}

function prioritiesPanel(p: Priorities | undefined): HTMLElement {
  const panel = el('section', { className: 'priorities' }, el('h2', {}, p ? `Priorities: ${p.categoryTitle}, by ${p.method}` : 'Priorities'));
  panel.setAttribute('aria-label', 'Priorities');
  if (!p) return panel;
  const choose = el('select', {});
  choose.dataset.focus = 'method';
  for (const m of p.methods) choose.append(el('option', { value: m, selected: m === p.method }, m));
  choose.addEventListener('change', () => {
    method = choose.value;
    void refreshPriorities();
  });
  const list = el('ol', {});
  for (const r of p.ranking) {
    const item = el('li', { className: r.inTop ? 'top' : '' }, `${r.rank}${r.tied ? '=' : ''}. ${r.themeName}: ${Math.round(r.score * 10) / 10}`);
    item.dataset.theme = r.themeId;
    list.append(item);
  }
  // A tie across the cut: the room chooses which of the tied themes go forward, as --include does.
  const tied = p.tieAtCut
    ? [
        el('p', {}, 'A tie crosses the cut. Tick the tied themes that go forward (none ticked: all of them do):'),
        el(
          'ul',
          { className: 'tied' },
          ...p.tiedAtCut.map((id) => {
            const box = el('input', { type: 'checkbox', checked: included.has(id) });
            box.addEventListener('change', () => (box.checked ? included.add(id) : included.delete(id)));
            return el('li', {}, el('label', {}, box, ` ${p.ranking.find((r) => r.themeId === id)?.themeName ?? id}`));
          }),
        ),
      ]
    : [];
  const record = el('button', { type: 'button', className: 'action' }, 'Record these priorities for the plan');
  record.dataset.focus = 'record';
  record.addEventListener('click', () => void recordPriorities(p));
  const recorded = p.recorded
    ? el('p', { className: 'note' }, `Recorded for the plan: ${p.recorded.themes.map((id) => p.ranking.find((r) => r.themeId === id)?.themeName ?? id).join('; ')}.`)
    : el('p', { className: 'note' }, 'No priorities recorded yet.');
  panel.append(el('label', { className: 'field' }, 'Method ', choose), el('p', {}, p.computes), list, ...p.notes.map((n) => el('p', { className: 'note' }, n)), ...tied, record, recorded);
  return panel;
}

/** `wtfc prioritise` from the page: the ranking shown, recorded in priorities.yaml for the plan. */
async function recordPriorities(p: Priorities): Promise<void> {
  const include = p.tieAtCut ? [...included].filter((id) => p.tiedAtCut.includes(id)) : [];
  const r = await api<{ priorities: Priorities; plan: PlanView }>('/api/prioritise', { method: p.method, ...(include.length > 0 ? { include } : {}) });
  if (!r) return;
  ranked = r.priorities;
  plan = r.plan;
  included.clear();
  focusKey = 'record';
  draw(wall!);
  say(`Recorded: ${r.priorities.recorded?.themes.length ?? 0} theme(s) go forward to the plan.`);
}

async function refreshPriorities(): Promise<void> {
  const p = await api<Priorities>(method === undefined ? '/api/priorities' : `/api/priorities?method=${encodeURIComponent(method)}`);
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

async function planChange(step: string, body: Record<string, unknown>, clear: string[], done: string): Promise<boolean> {
  const next = await api<PlanView>(`/api/plan/${step}`, body);
  if (!next) return false;
  plan = next;
  for (const key of clear) drafts.delete(key);
  draw(wall!);
  say(done);
  return true;
}

/** The plan for each priority: the "why?" chain, what success looks like, and the actions. */
function planPanel(p: PlanView | undefined): HTMLElement {
  const undo = el('button', { type: 'button', className: 'action' }, 'Undo the last plan change');
  undo.addEventListener('click', () => void planChange('undo', {}, [], 'Undone.'));
  const panel = el('section', { className: 'plan' }, el('h2', {}, 'The plan'), undo);
  panel.setAttribute('aria-label', 'The plan');
  if (!p || p.themes.length === 0) {
    panel.append(el('p', {}, 'Record the priorities (above, or with `wtfc prioritise` at the terminal), and they are planned here.'));
    return panel;
  }
  for (const t of p.themes) panel.append(planTheme(t));
  for (const n of p.notes) panel.append(el('p', { className: 'note' }, n));
  return panel;
}

function planTheme(t: PlanTheme): HTMLElement {
  const key = (field: string) => `plan:${t.theme}:${field}`;
  const chain = (parent: string | undefined): HTMLUListElement =>
    el(
      'ul',
      { className: 'why' },
      ...t.causes.filter((c) => c.because === parent).map((c) => el('li', {}, ...entry(c.id, `Why? ${c.text}`, { text: c.text }), ...(t.causes.some((x) => x.because === c.id) ? [chain(c.id)] : []))),
    );
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
    return el('li', {}, ...entry(a.id, `${a.what} · ${a.who} · by ${a.by} · how we'll know: ${a.measure} `, { what: a.what, who: a.who, by: a.by, measure: a.measure }), status);
  });
  const section = el(
    'section',
    { className: 'plan-theme' },
    el('h3', {}, t.name + (t.priority ? '' : ' (not a recorded priority)')),
    chain(undefined),
    el('div', { className: 'add' }, cause, because, addCause),
    el('ul', { className: 'success' }, ...t.success.map((x) => el('li', {}, ...entry(x.id, x.text, { text: x.text })))),
    el('div', { className: 'add' }, success, addSuccess),
    el('ul', { className: 'actions-list' }, ...actions),
    el('div', { className: 'add' }, ...fields, addAction),
  );
  section.setAttribute('aria-label', `Plan: ${t.name}`);
  return section;
}

/**
 * A cause, success statement or action as the plan shows it, with Edit and Remove; or, while it is
 * being corrected, its fields to change and Save (`wtfc plan edit`) or Cancel.
 */
function entry(id: string, shown: string, fields: Record<string, string>): (HTMLElement | string)[] {
  const labels: Record<string, string> = { text: 'New text', what: 'What will be done', who: 'Who will do it', by: 'By when', measure: 'How we will know' };
  if (editingPlan !== id) {
    const edit = el('button', { type: 'button', className: 'action small' }, 'Edit');
    edit.dataset.focus = `edit:${id}`;
    edit.setAttribute('aria-label', `Edit ${id}`);
    edit.addEventListener('click', () => {
      editingPlan = id;
      for (const [k, v] of Object.entries(fields)) drafts.set(`edit:${id}:${k}`, v);
      focusKey = `edit:${id}:${Object.keys(fields)[0]}`;
      draw(wall!);
    });
    const remove = el('button', { type: 'button', className: 'action small' }, 'Remove');
    remove.dataset.focus = `remove:${id}`;
    remove.setAttribute('aria-label', `Remove ${id}`);
    remove.addEventListener('click', () => void planChange('remove', { id }, [], `Removed ${id}. "Undo the last plan change" brings it back.`));
    return [shown, ' ', edit, ' ', remove];
  }
  const keys = Object.keys(fields).map((k) => `edit:${id}:${k}`);
  const inputs = Object.keys(fields).map((k) => draftInput(`edit:${id}:${k}`, labels[k]!, k === 'by' ? 'date' : 'text'));
  const save = el('button', { type: 'button', className: 'action small' }, 'Save');
  save.addEventListener('click', () => {
    const body = Object.fromEntries(Object.keys(fields).map((k, i) => [k, inputs[i]!.value]));
    editingPlan = undefined;
    void planChange('edit', { id, ...body }, keys, `Changed ${id}.`).then((ok) => {
      // A refused change keeps the fields open, with what was typed.
      if (!ok) {
        editingPlan = id;
        draw(wall!);
      }
    });
  });
  const cancel = el('button', { type: 'button', className: 'action small' }, 'Cancel');
  cancel.addEventListener('click', () => {
    editingPlan = undefined;
    for (const k of keys) drafts.delete(k);
    focusKey = `edit:${id}`;
    draw(wall!);
  });
  for (const input of inputs) input.addEventListener('keydown', (e) => e.key === 'Enter' && save.click());
  return [el('span', { className: 'add' }, ...inputs, save, cancel)];
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
  const redo = el('button', { type: 'button', className: 'action' }, 'Redo');
  redo.dataset.focus = 'redo';
  redo.addEventListener('click', () => void change('redo', {}, 'Redone.'));
  const header = el('header', {}, el('h1', {}, next.session.name || 'The wall'), undo, redo, el('p', { id: 'status', role: 'status' }, said));
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
  if (inField || !(e.ctrlKey || e.metaKey)) return;
  const key = e.key.toLowerCase();
  if (key === 'z' && !e.shiftKey) {
    e.preventDefault();
    void change('undo', {}, 'Undone.');
  } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
    e.preventDefault();
    void change('redo', {}, 'Redone.');
  }
});

/**
 * A change made at the terminal shows here without a reload: the wall, the priorities and the plan
 * are fetched, then drawn at once, and only while nothing is being typed or chosen. (Checked again
 * once they have come: a field given the keyboard while they were fetched would otherwise be drawn
 * anew under the typing, showing what it held before.)
 */
async function watch(): Promise<void> {
  const v = await fetch(`/api/version?token=${encodeURIComponent(token)}`).then((r) => r.json() as Promise<{ version?: string }>).catch(() => ({ version: undefined }));
  if (v.version && wall && v.version !== wall.version && !editing()) {
    const next = await api('/api/state');
    const priorities = await api<Priorities>(method === undefined ? '/api/priorities' : `/api/priorities?method=${encodeURIComponent(method)}`);
    const nextPlan = await api<PlanView>('/api/plan');
    if (next && !editing()) {
      if (priorities) ranked = priorities;
      if (nextPlan) plan = nextPlan;
      draw(next);
    }
  }
  setTimeout(() => void watch(), 1000);
}

/** Whether a text field or a list has the keyboard. */
function editing(): boolean {
  return document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLSelectElement;
}

void api('/api/state').then(async (w) => {
  if (w) draw(w);
  await refreshPriorities();
  await refreshPlan();
  printable = await api<Outputs>('/api/outputs');
  document.querySelector('section.print')?.replaceWith(printPanel(printable));
  void watch();
});
