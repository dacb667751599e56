import { Option } from 'commander';
import { checkExportKind, exportKinds } from '../commands/export-kinds.js';
import type { Context } from '../commands/context.js';
import type { Io } from '../io.js';
import { categoryOption, delimiterOption, encodingOption, formatOption, methodOption, piiOption, renderTargetHelp } from './options.js';
import {
  type Printer,
  printBatch,
  printComparison,
  printEdit,
  printIngest,
  printInit,
  printPiiChange,
  printPiiReport,
  printPlan,
  printPlanChange,
  printPriorities,
  printRender,
  printRun,
  printStatus,
  printTheme,
  printThemeDetail,
  printThemeList,
  printVotesImport,
} from './print.js';
import { WtfcError } from '../errors.js';

/**
 * Every command as a spec: its arguments, options, help and examples, whether it writes the
 * session, the work it does (which returns a model) and how that model is printed. `cli/main.ts`
 * registers them in a loop, and is the one place that holds the session's lock, prints, and turns
 * errors into exit codes. Each command's own module is loaded only when it runs, so `--help` and
 * `--version` load none of them.
 */
export interface CommandSpec {
  name: string;
  alias?: string;
  summary?: string;
  description: string;
  /** commander's syntax (`<file...>`, `[what]`), what it is, and a default. */
  arguments?: { syntax: string; description?: string; default?: string }[];
  options?: Option[];
  examples?: string[];
  /**
   * The command writes the session, so it runs holding the session's lock. `session` names the
   * folder when it is not -C (init's argument, run's --out); `readOnly` tells a run that writes
   * nothing (ingest --dry-run).
   */
  writes?: { session?: (call: Call) => string | undefined; readOnly?: (call: Call) => boolean };
  /** The work. It returns what `print` shows; an interactive command returns nothing. */
  action?: (call: Call) => Promise<unknown>;
  print?: (p: Printer, model: never, call: Call) => void;
  /** The model means exit 1 (problems): --strict with problems, a failed council. */
  failed?: (model: never, call: Call) => boolean;
  commands?: CommandSpec[];
}

/** One invocation of a command, as its spec sees it. */
export interface Call {
  /** The command's arguments, in order. */
  args: unknown[];
  /** Its options (the shared ones too). */
  opts: unknown;
  io: Io;
  /** The session it works on: -C, or `dir` when given. */
  context(dir?: string): Context;
  printer(): Printer;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
const option = (flags: string, description: string) => new Option(flags, description);
const repeatable = (flags: string, description: string) => new Option(flags, description).argParser(collect);
const writes: NonNullable<CommandSpec['writes']> = {};
type Opts<T> = T & { dir?: string };

/** The options that set a local model server for one run, in place of `model` in wtfc.yaml. */
const modelOptions = () => [
  option('--model-endpoint <url>', 'a local model server (OpenAI-compatible, e.g. http://127.0.0.1:11434/v1) for this run; see docs/local-model.md'),
  option('--embeddings-model <name>', 'the server\'s model for grouping by meaning, e.g. nomic-embed-text'),
  option('--chat-model <name>', 'the server\'s model for writing theme names, e.g. llama3.1:8b'),
  option('--allow-remote', 'allow a model server that is not this machine (the statements are sent to it)'),
  option('--offline', 'use no model server this run, whatever wtfc.yaml says'),
];

const themesCommands = () => import('../commands/themes.js');
const planCommands = () => import('../commands/plan.js');
const piiCommands = () => import('../commands/pii.js');

/** A scripted theme edit: saved at once, printed as the change it made. */
const themeEdit = (
  name: string,
  description: string,
  rest: Pick<CommandSpec, 'arguments' | 'options'>,
  edit: (call: Call) => Parameters<Awaited<ReturnType<typeof themesCommands>>['editThemes']>[1],
): CommandSpec => ({
  name,
  description,
  ...rest,
  writes,
  action: async (call) => (await themesCommands()).editThemes(call.context(), edit(call)),
  print: printEdit,
});

const themeFlags = [
  ['park', 'Park a theme: kept, but left out of prioritising.'],
  ['unpark', 'Bring a parked theme back into prioritising.'],
  ['lock', 'Lock a theme as reviewed: re-theming and edits leave it exactly as it is.'],
  ['unlock', 'Unlock a theme so it can be edited again.'],
] as const;

const piiRef = { syntax: '<ref>', description: 'what holds the finding, as `wtfc pii` shows it: a statement’s id, theme:ID, plan:ID, rejected:N or wtfc.yaml' };
const piiSpan = { syntax: '[span]', description: 'the finding’s text, exactly as `wtfc pii` shows it' };

/** A way of resolving a finding: `wtfc pii ignore`, `unignore` or `redact`. */
const piiResolution = (name: string, description: string, resolve: 'ignorePii' | 'unignorePii' | 'redactPii'): CommandSpec => ({
  name,
  description,
  arguments: [piiRef, piiSpan],
  writes,
  action: async (call) => {
    const [ref, span] = call.args as [string, string | undefined];
    return (await piiCommands())[resolve](call.context(), ref, span);
  },
  print: printPiiChange,
});

const actionFields = [
  option('--what <text>', 'what will be done'),
  option('--who <text>', 'who will do it'),
  option('--by <date>', 'by when, YYYY-MM-DD'),
  option('--measure <text>', 'how we will know'),
];

export const commandSpecs: CommandSpec[] = [
  {
    name: 'init',
    summary: 'create a session directory',
    description: 'Create a session: wtfc.yaml (every setting written out, with comments), an empty statements.csv, and out/.',
    arguments: [{ syntax: '[dir]', description: 'where to create it (default: the current directory, or -C)' }],
    options: [option('--name <name>', 'session title for reports'), option('--council <name>', 'council for statements whose rows name none')],
    examples: ['wtfc init carers-2026 --name "Support for family carers" --council Northmere'],
    writes: { session: (call) => (call.args as [string | undefined])[0] },
    action: async (call) => {
      const { initSession } = await import('../commands/init.js');
      return initSession(call.context((call.args as [string | undefined])[0]), call.opts as Opts<{ name?: string; council?: string }>);
    },
    print: printInit,
  },
  {
    name: 'ingest',
    summary: 'add statements from CSV files',
    description:
      'Read statements from CSV files (long: one statement a row; wide: one person a row, a column per category) ' +
      'in UTF-8, UTF-16 or Windows-1252, comma, semicolon or tab separated. Every row becomes a statement, ' +
      'a duplicate, or a listed rejection in rejected.csv.',
    arguments: [{ syntax: '<file...>', description: 'CSV files; - reads standard input' }],
    options: [
      repeatable('--map <field=Header>', 'use this column for a field (id, text, category, perspective, person, council, working, not_working, future); repeatable'),
      repeatable('--value <Label=meaning>', 'what a category or perspective label in your file means, e.g. "Could be better=not_working" or "Grandson=family"; repeatable'),
      categoryOption('category for files without a category column: '),
      option('--council <name>', 'council for rows that name none'),
      encodingOption(),
      delimiterOption(),
      option('--strict', 'any warning or rejected row fails the command (exit 1) and nothing is written'),
      option('--dry-run', 'report what would happen, write nothing'),
    ],
    examples: [
      'wtfc ingest reviews.csv',
      'wtfc ingest "Carers survey.csv" --map text="What they said" --map perspective="Who"',
      'wtfc ingest future.csv --category future --council Eastbrook',
      'wtfc ingest - --category working < statements.csv',
      'wtfc ingest reviews.csv --strict --dry-run --json',
    ],
    writes: { readOnly: (call) => Boolean((call.opts as { dryRun?: boolean }).dryRun) },
    action: async (call) => {
      const { ingestFiles } = await import('../commands/ingest.js');
      return ingestFiles(call.context(), (call.args as [string[]])[0], call.opts as Parameters<typeof ingestFiles>[2]);
    },
    print: printIngest,
    failed: (summary: { failedStrict: boolean }) => summary.failedStrict,
  },
  {
    name: 'status',
    summary: 'show where the session stands',
    description: 'Counts per category, perspective and council; which steps are done; what to run next.',
    examples: ['wtfc status', 'wtfc status -C carers-2026 --json'],
    action: async (call) => (await import('../commands/status.js')).sessionStatus(call.context()),
    print: printStatus,
  },
  {
    name: 'theme',
    summary: 'propose themes for each category',
    description:
      'Group each category’s statements into draft themes with "I" statement names, and write themes.yaml. ' +
      'Once a facilitator has locked, edited or parked a theme, only new statements are themed and that work is kept.',
    options: [
      option('--themes <k>', 'themes per category: a number, or auto'),
      option('--min-size <n>', 'auto mode: smaller groups are left unthemed'),
      option('--seed <n>', 'seed for the engine (a fixed default keeps runs repeatable)'),
      option('--fresh', 'start over, replacing locked and edited themes (asks first; undo can bring them back)'),
      option('--yes', 'with --fresh: do not ask'),
      ...modelOptions(),
    ],
    examples: ['wtfc theme', 'wtfc theme --themes 8 --json', 'wtfc theme --fresh --yes', 'wtfc theme --model-endpoint http://127.0.0.1:11434/v1 --chat-model llama3.1:8b'],
    writes,
    action: async (call) => {
      const { themeSession } = await import('../commands/theme.js');
      return themeSession(call.context(), call.opts as Parameters<typeof themeSession>[1]);
    },
    print: printTheme,
  },
  {
    name: 'review',
    summary: 'walk through the themes interactively',
    description: 'Review themes at the keyboard: read, rename, merge, split, move, park, lock and undo. Every action is saved at once.',
    options: [categoryOption('start with this category: ')],
    examples: ['wtfc review', 'wtfc review --category not_working -C carers-2026'],
    writes,
    action: async (call) => (await import('../commands/review.js')).reviewThemes(call.context(), call.opts as { category?: string }),
  },
  {
    name: 'themes',
    summary: 'list, show and edit themes by script',
    description: 'Scriptable theme edits. Each change is saved at once, recorded in history.jsonl, and can be undone.',
    examples: [
      'wtfc themes list --category not_working',
      'wtfc themes rename nw-03 "I want the same carers who know me"',
      'wtfc themes merge nw-03 nw-07 --name "I want carers who turn up on time"',
      'wtfc themes move s-1a2b3c4d s-5e6f7a8b --to unthemed',
      'wtfc themes lock nw-03',
      'wtfc themes undo',
      'wtfc themes redo',
    ],
    commands: [
      {
        name: 'list',
        description: 'List the themes of every category (or one), with sizes, flags and names.',
        options: [categoryOption()],
        action: async (call) => (await themesCommands()).listThemes(call.context(), (call.opts as { category?: string }).category),
        print: printThemeList,
      },
      {
        name: 'show',
        description: 'Show one theme: its name, draft, flags, and every statement with its perspective.',
        arguments: [{ syntax: '<theme_id>' }],
        action: async (call) => (await themesCommands()).showTheme(call.context(), (call.args as [string])[0]),
        print: printThemeDetail,
      },
      themeEdit('rename', 'Give a theme a new name, written as an "I" statement.', { arguments: [{ syntax: '<theme_id>' }, { syntax: '<name>', description: 'the new name, quoted' }] }, (call) => {
        const [id, name] = call.args as [string, string];
        return (e) => e.rename(id, name);
      }),
      themeEdit(
        'merge',
        'Merge two or more themes of one category into the first.',
        { arguments: [{ syntax: '<theme_ids...>' }], options: [option('--name <name>', 'a name for the merged theme (default: the first theme’s name)')] },
        (call) => {
          const [ids] = call.args as [string[]];
          return (e) => e.merge(ids, (call.opts as { name?: string }).name);
        },
      ),
      themeEdit(
        'split',
        'Split a theme: into K sub-themes proposed by the engine, or by taking the given statements out into a new theme.',
        {
          arguments: [{ syntax: '<theme_id>' }],
          options: [option('--into <k>', 'how many sub-themes the engine should propose (default 2)'), option('--statements <ids>', 'comma-separated statement ids to take out into a new theme')],
        },
        (call) => {
          const [id] = call.args as [string];
          const opts = call.opts as { into?: string; statements?: string };
          if (opts.into !== undefined && opts.statements !== undefined) throw new WtfcError('use --into or --statements, not both');
          const ids = opts.statements?.split(',').map((x) => x.trim()).filter(Boolean);
          const into = opts.into ?? '2';
          if (!/^\d+$/.test(into.trim()) || Number(into) < 2) throw new WtfcError(`--into ${JSON.stringify(into)}: expected a whole number of 2 or more`);
          return (e) => (ids ? e.splitStatements(id, ids) : e.splitInto(id, Number(into)));
        },
      ),
      themeEdit(
        'move',
        'Move statements to a theme, or to unthemed.',
        { arguments: [{ syntax: '<statement_ids...>' }], options: [option('--to <theme_id>', 'a theme id, or unthemed').makeOptionMandatory()] },
        (call) => {
          const [ids] = call.args as [string[]];
          return (e) => e.move(ids, (call.opts as { to: string }).to);
        },
      ),
      ...themeFlags.map(([name, description]) =>
        themeEdit(name, description, { arguments: [{ syntax: '<theme_id>' }] }, (call) => {
          const [id] = call.args as [string];
          return (e) => e.flag(id, name);
        }),
      ),
      {
        name: 'undo',
        description: 'Step back from the last change to the themes (repeat to step further back).',
        writes,
        action: async (call) => (await themesCommands()).undoThemes(call.context()),
        print: printEdit,
      },
      {
        name: 'redo',
        description: 'Make again the change that undo last stepped back from (repeat for each undo, until another change is made).',
        writes,
        action: async (call) => (await themesCommands()).redoThemes(call.context()),
        print: printEdit,
      },
    ],
  },
  {
    name: 'votes',
    summary: 'import dot votes and ranked ballots',
    description: 'Import the room’s votes: dot-vote tallies (long or wide) and ranked ballots.',
    commands: [
      {
        name: 'import',
        description:
          'Import vote files. Long: voter,perspective,theme,dots. Wide: voter,perspective and one column per theme id. ' +
          'Ranked: voter,perspective,rank1,rank2,… A theme is its id or its exact current name. Bad rows are reported with their line and left out.',
        arguments: [{ syntax: '<file...>', description: 'CSV files; - reads standard input' }],
        options: [
          option('--strict', 'any problem fails the import (exit 1) and nothing is written'),
          option('--replace', 'replace the stored votes (or ballots) instead of adding to them'),
          encodingOption(),
          delimiterOption(),
        ],
        examples: ['wtfc votes import table1.csv table2.csv', 'wtfc votes import ballots.csv --strict', 'wtfc votes import dots.csv --replace'],
        writes,
        action: async (call) => {
          const { importVotes } = await import('../commands/votes.js');
          return importVotes(call.context(), (call.args as [string[]])[0], call.opts as Parameters<typeof importVotes>[2]);
        },
        print: printVotesImport,
        failed: (summary: { failedStrict: boolean }) => summary.failedStrict,
      },
    ],
  },
  {
    name: 'prioritise',
    alias: 'prioritize',
    summary: 'rank the themes and pick the top N',
    description:
      'Rank one category’s themes (not_working by default; parked themes left out) by count, dots, weighted, borda or schulze, ' +
      'and record the top N in priorities.yaml for the plan. Ties share a rank; a tie across the cut is shown, and --include chooses.',
    options: [
      methodOption(),
      categoryOption(),
      option('--top <n>', 'how many go forward (default: prioritise.top in wtfc.yaml)'),
      repeatable('--include <theme_id>', 'with a tie across the cut: a tied theme that goes forward; repeatable'),
      option('--explain', 'show the arithmetic: groups, weights, each voter’s part, the tie rule'),
    ],
    examples: ['wtfc prioritise', 'wtfc prioritise --method weighted --explain', 'wtfc prioritise --top 3 --include nw-07', 'wtfc prioritise --method schulze --json'],
    writes,
    action: async (call) => {
      const { prioritiseSession } = await import('../commands/prioritise.js');
      return prioritiseSession(call.context(), call.opts as Parameters<typeof prioritiseSession>[1]);
    },
    print: (p, summary: Parameters<typeof printPriorities>[1], call) => printPriorities(p, summary, Boolean((call.opts as { explain?: boolean }).explain)),
  },
  {
    name: 'plan',
    summary: 'root causes, success statements and actions for the priorities',
    description:
      'Walk the plan for each priority theme at the keyboard: root causes (chains of "why?"), success statements ("I …") and actions. Each answer is saved at once. Scriptable: the subcommands.',
    examples: [
      'wtfc plan',
      'wtfc plan cause nw-01 "Rotas are made a week at a time"',
      'wtfc plan cause nw-01 "The agency is short of drivers" --because c1',
      'wtfc plan success nw-01 "I know who is coming and when"',
      'wtfc plan action nw-01 --what "Four-week rotas" --who "Home care lead" --by 2027-03-31 --measure "Rotas sent 4 weeks ahead"',
      'wtfc plan status a1 in-progress',
      'wtfc plan show --json',
    ],
    writes,
    action: async (call) => (await import('../commands/plan-walk.js')).walkPlan(call.context()),
    commands: [
      {
        name: 'show',
        description: 'Show the plan: each priority theme with its causes, success statements and actions.',
        action: async (call) => (await planCommands()).showPlan(call.context()),
        print: printPlan,
      },
      {
        name: 'cause',
        description: 'Add a root cause to a theme; --because makes it the answer to "why?" about an earlier cause.',
        arguments: [{ syntax: '<theme_id>' }, { syntax: '<text>' }],
        options: [option('--because <cause_id>', 'the cause this one explains')],
        writes,
        action: async (call) => {
          const [id, text] = call.args as [string, string];
          return (await planCommands()).addCause(call.context(), id, text, (call.opts as { because?: string }).because);
        },
        print: printPlanChange,
      },
      {
        name: 'success',
        description: 'Add a success statement: what good would look like, as an "I" statement.',
        arguments: [{ syntax: '<theme_id>' }, { syntax: '<text>', description: '"I …"' }],
        writes,
        action: async (call) => {
          const [id, text] = call.args as [string, string];
          return (await planCommands()).addSuccess(call.context(), id, text);
        },
        print: printPlanChange,
      },
      {
        name: 'action',
        description: 'Add an action: what, who, by when and how we will know. It starts as not-started.',
        arguments: [{ syntax: '<theme_id>' }],
        options: actionFields,
        writes,
        action: async (call) => {
          const { addAction } = await planCommands();
          return addAction(call.context(), (call.args as [string])[0], call.opts as Parameters<typeof addAction>[2]);
        },
        print: printPlanChange,
      },
      {
        name: 'edit',
        description: 'Change a cause’s or a success statement’s text, or an action’s what, who, by or measure.',
        arguments: [
          { syntax: '<id>', description: 'c1, s1 or a1, as `wtfc plan show` lists them' },
          { syntax: '[text]', description: 'the new text of a cause or success statement' },
        ],
        options: [
          option('--what <text>', 'an action: what will be done'),
          option('--who <text>', 'an action: who will do it'),
          option('--by <date>', 'an action: by when, YYYY-MM-DD'),
          option('--measure <text>', 'an action: how we will know'),
        ],
        examples: ['wtfc plan edit c1 "Rotas are made a week at a time"', 'wtfc plan edit a1 --by 2027-06-30'],
        writes,
        action: async (call) => {
          const { editPlanItem } = await planCommands();
          const [id, text] = call.args as [string, string | undefined];
          return editPlanItem(call.context(), id, text, call.opts as Parameters<typeof editPlanItem>[3]);
        },
        print: printPlanChange,
      },
      {
        name: 'remove',
        description: 'Remove a cause, success statement or action. Causes that explained a removed cause move up to explain what it explained.',
        arguments: [{ syntax: '<id>', description: 'c1, s1 or a1' }],
        writes,
        action: async (call) => (await planCommands()).removePlanItem(call.context(), (call.args as [string])[0]),
        print: printPlanChange,
      },
      {
        name: 'undo',
        description: 'Step back from the last change to the plan (repeat to step further back).',
        writes,
        action: async (call) => (await planCommands()).undoPlan(call.context()),
        print: (p, r: { summary: string; file: string }) => (p.json ? p.data(r) : p.out(`${r.summary}. Saved to ${r.file}.`)),
      },
      {
        name: 'status',
        description: 'Set an action’s status: not-started, in-progress or done.',
        arguments: [{ syntax: '<action_id>' }, { syntax: '<status>', description: 'not-started, in-progress or done' }],
        writes,
        action: async (call) => {
          const [id, status] = call.args as [string, string];
          return (await planCommands()).setStatus(call.context(), id, status);
        },
        print: printPlanChange,
      },
    ],
  },
  {
    name: 'pii',
    summary: 'screen the session for personal details',
    description:
      'List personal details the screen finds in every text typed into the session: the statements, rows in rejected.csv, theme names, ' +
      'the plan, and the session\'s name and council. It looks for email addresses, UK phone, NHS and National Insurance numbers, postcodes, ' +
      'dates of birth, street addresses and names (in contexts such as "my son Tom" or "Mrs Patel", and pii.names in wtfc.yaml). ' +
      'Each finding is named by what holds it (REF): a statement\'s id, theme:ID, plan:ID, rejected:N or wtfc.yaml. ' +
      'pii.policy in wtfc.yaml decides what outputs do while any are unresolved: block (refuse), mask (print placeholders) or warn.',
    options: [option('--strict', 'exit 1 when any finding is unresolved')],
    examples: ['wtfc pii', 'wtfc pii ignore s-3f2a "Grace"', 'wtfc pii redact s-91bc', 'wtfc pii --json'],
    action: async (call) => (await piiCommands()).piiReport(call.context()),
    print: (p, report: Parameters<typeof printPiiReport>[1], call) => printPiiReport(p, report, call.context().dirFlag),
    failed: (report: { findings: unknown[] }, call) => Boolean((call.opts as { strict?: boolean }).strict) && report.findings.length > 0,
    commands: [
      piiResolution('ignore', 'Mark the findings in a text (or the one matching SPAN) as not personal details; remembered in pii.yaml.', 'ignorePii'),
      piiResolution('unignore', 'Flag findings marked with `wtfc pii ignore` again.', 'unignorePii'),
      piiResolution(
        'redact',
        'Replace the findings in a text (or the one matching SPAN) by placeholders such as [name], for good: in every statement, rejected row, ' +
          'theme name, plan entry and earlier state in history.jsonl that mentions them, so undo cannot bring them back. Outputs in out/ that ' +
          'print them are removed for render to write again. The input files are not touched.',
        'redactPii',
      ),
    ],
  },
  {
    name: 'render',
    summary: 'write the report and the handouts',
    description:
      'Write markdown and printable HTML to out/: report (the whole session, with charts), plan (the action plan alone), facilitator (a sheet for the facilitator), cards (one per theme, a page each), ' +
      'ballot (a voting sheet matching votes import), feedback ("you said, we did" for contributors), or all of them.',
    arguments: [{ syntax: '[what]', description: renderTargetHelp, default: 'all' }],
    options: [formatOption(), option('--templates <dir>', 'a folder of templates that override the built-in ones'), piiOption('for this render in place of pii.policy in wtfc.yaml')],
    examples: ['wtfc render', 'wtfc render feedback --format html', 'wtfc render report --templates my-templates', 'wtfc render --pii mask'],
    writes,
    action: async (call) => {
      const { renderSession } = await import('../commands/render.js');
      return renderSession(call.context(), { ...(call.opts as { templates?: string; format?: string; pii?: string }), what: (call.args as [string])[0] });
    },
    print: printRender,
  },
  {
    name: 'batch',
    summary: 'run many councils at once, a session each',
    description:
      'Group the statements by the council column and give each council a whole session under --out (ingest, theme, rank, render), ' +
      'run in parallel worker threads. A council whose input is unchanged since the last run is skipped unless --force; ' +
      'a failing council is reported at the end (exit 1) and does not stop the others.',
    arguments: [{ syntax: '<file...>', description: 'CSV files with a council column, or one batch.yaml listing councils and their files' }],
    options: [
      option('--out <dir>', 'where the councils\' sessions go'),
      option('--by <column>', 'the column that names the council').default('council'),
      option('--themes <k>', 'themes per category: a number, or auto'),
      option('--jobs <n>', 'councils at once (default: the number of cores)'),
      option('--force', 'run every council, changed or not'),
      piiOption('in place of each session\'s pii.policy (under block, a council with any fails)'),
      encodingOption(),
      delimiterOption(),
    ],
    examples: ['wtfc batch programme.csv --out councils', 'wtfc batch a.csv b.csv --by "Local authority" --out councils --jobs 2', 'wtfc batch batch.yaml'],
    action: async (call) => {
      const { runBatch } = await import('../commands/batch.js');
      const { batchProgress } = await import('./progress.js');
      return runBatch(call.context(), (call.args as [string[]])[0], call.opts as Parameters<typeof runBatch>[2], await batchProgress(call.io, call.printer()));
    },
    print: printBatch,
    failed: (summary: { failed: number }) => summary.failed > 0,
  },
  {
    name: 'compare',
    summary: 'compare two cycles of the method for one council',
    description:
      'Compare an earlier session with a later one: themes that are new, gone, grown or shrunk (matched by the words of their statements), ' +
      'priorities that changed, and the earlier plan\'s actions with their status. This is the method\'s review stage.',
    arguments: [{ syntax: '<old_session>' }, { syntax: '<new_session>' }],
    examples: ['wtfc compare carers-2025 carers-2026', 'wtfc compare carers-2025 carers-2026 --json'],
    action: async (call) => {
      const [older, newer] = call.args as [string, string];
      return (await import('../commands/compare.js')).compareSessions(call.context(), older, newer);
    },
    print: printComparison,
  },
  {
    name: 'export',
    summary: 'print session data for scripts',
    description: 'Print data on stdout for analysts\' scripts. `assignments`: CSV with the header statement_id,category,theme_id,theme_name (theme_id is empty for unthemed statements).',
    arguments: [{ syntax: '<what>', description: `what to export: ${exportKinds.join(', ')}` }],
    options: [option('--text', 'add a text column: each statement\'s words (personal details masked unless pii.policy is warn)')],
    examples: ['wtfc export assignments > assignments.csv', 'wtfc export assignments --text > with-words.csv', 'wtfc export assignments -C carers-2026 --json'],
    action: async (call) => {
      checkExportKind((call.args as [string])[0]);
      const { exportAssignments, renderAssignmentsCsv } = await import('../commands/export.js');
      const text = Boolean((call.opts as { text?: boolean }).text);
      const rows = await exportAssignments(call.context(), { text });
      return { rows, csv: () => renderAssignmentsCsv(rows, text) };
    },
    // The CSV goes to stdout as it is, even under --quiet: it is the data asked for.
    print: (p, r: { rows: unknown; csv: () => string }, call) => (p.json ? p.data(r.rows) : void call.io.stdout.write(r.csv())),
  },
  {
    name: 'serve',
    summary: 'show the wall on a screen, in a browser on this machine',
    description:
      'Serve the session\'s wall as a local web page: a column per category, each theme as a card with its statements, and the odd ones out. ' +
      'Rename, merge, split, move (drag, or Enter on a statement), park, lock, undo and redo, each saved at once as `wtfc themes` saves it, ' +
      'and changes made at the terminal appear on the page. Below the wall: votes (dots or ranked ballots), the priorities by any method, ' +
      'the plan, and the handouts to print. It prints the address, with a secret token, and runs until Ctrl+C. ' +
      'Nothing is loaded from the internet.',
    options: [
      option('--port <n>', 'the port (default: any free one)'),
      option('--host <address>', 'the address to listen on (default: 127.0.0.1, this machine only)'),
      option('--allow-network', 'with --host: let other devices on the network open the wall'),
      option('--open', 'open the wall in the default browser'),
    ],
    examples: ['wtfc serve', 'wtfc serve -C carers-2026 --open', 'wtfc serve --port 8080'],
    action: async (call) => {
      const { startServer } = await import('../commands/serve.js');
      const opts = call.opts as Parameters<typeof startServer>[1] & { open?: boolean };
      const serving = await startServer(call.context(), opts);
      const p = call.printer();
      if (serving.exposed) p.note(`Warning: the wall is open to the network at ${serving.host}; anyone with the address and token can change the themes.`);
      if (p.json) p.data({ url: serving.url });
      else p.out(`The wall is at ${serving.url}\nKeep this window open; press Ctrl+C to stop.`);
      if (opts.open) openBrowser(serving.url);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      await serving.close();
    },
  },
  {
    name: 'run',
    summary: 'the whole job in one go: init, ingest, theme, rank, render',
    description: 'Create (or add to) a session in --out, ingest the files, theme them, rank by statement count and write the report. Asks nothing.',
    arguments: [{ syntax: '<file...>', description: 'CSV files; - reads standard input' }],
    options: [
      option('--out <dir>', 'the session directory to create or add to').makeOptionMandatory(),
      option('--themes <k>', 'themes per category: a number, or auto'),
      categoryOption('category for files without a category column: '),
      option('--council <name>', 'council for rows that name none'),
      option('--name <name>', 'session title for the report'),
      repeatable('--map <field=Header>', 'use this column for a field; repeatable'),
      repeatable('--value <Label=meaning>', 'what a category or perspective label means, e.g. "Could be better=not_working"; repeatable'),
      encodingOption(),
      delimiterOption(),
      option('--strict', 'any warning or rejected row stops the run (exit 1) and nothing is written'),
      option('--templates <dir>', 'templates that override the built-in ones'),
      piiOption('for this run\'s outputs in place of pii.policy'),
      ...modelOptions(),
    ],
    examples: [
      'wtfc run examples/northmere/statements.csv examples/northmere/wide-excel.csv --out out/northmere',
      'wtfc run comments.csv --out scratch --themes 10 --category working',
    ],
    writes: { session: (call) => (call.opts as { out?: string }).out },
    action: async (call) => {
      const { runPipeline } = await import('../commands/run.js');
      return runPipeline(call.context(), (call.args as [string[]])[0], call.opts as Parameters<typeof runPipeline>[2]);
    },
    print: printRun,
    failed: (summary: { failedStrict: boolean }) => summary.failedStrict,
  },
];

/** Opens a URL in the default browser, without waiting for it; a failure is only a missed convenience. */
function openBrowser(url: string): void {
  const [command, ...args] = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '""', url] : ['xdg-open', url];
  void import('node:child_process').then(({ spawn }) => {
    const child = spawn(command!, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  });
}
