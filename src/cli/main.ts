import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ExitCode, ProblemsError, WtfcError, formatProblem, formatWhere, fromSystemError } from '../errors.js';
import { displayPath } from '../session/paths.js';
import { terminalText } from '../core/text.js';
import { makeContext } from '../commands/context.js';
import { checkExportKind, exportKinds } from '../commands/export-kinds.js';
import type { ingestFiles } from '../commands/ingest.js';
// Rendering loads the template engine, so `render` and `run` are imported when they run.
import type { runPipeline } from '../commands/run.js';
import type { PrioritiseOptions } from '../commands/prioritise.js';
import type { ActionFields } from '../commands/plan.js';
import type { BatchOptions, BatchProgress } from '../commands/batch.js';
import type { VotesImportOptions } from '../commands/votes.js';
import type { themeSession } from '../commands/theme.js';
import { withSessionLock } from '../session/lock.js';
import type { editThemes } from '../commands/themes.js';
import { type Io, colourLevel, makeChalk } from './io.js';
import { categoryOption, delimiterOption, encodingOption, formatOption, methodOption, piiOption, renderTargetHelp } from './options.js';
import {
  type Printer,
  makePrinter,
  printEdit,
  printBatch,
  printComparison,
  printIngest,
  printPlan,
  printPlanChange,
  printPriorities,
  printVotesImport,
  printInit,
  printRender,
  printRun,
  printStatus,
  printTheme,
  printThemeDetail,
  printThemeList,
  printPiiChange,
  printPiiReport,
} from './print.js';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

interface CommonOptions {
  dir?: string;
  json?: boolean;
  quiet?: boolean;
  color?: boolean;
}

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/** The command as typed, without its arguments: `wtfc themes rename`. */
function commandLine(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The options that set a local model server for one run, in place of `model` in wtfc.yaml. */
function modelOptions(cmd: Command): Command {
  return cmd
    .option('--model-endpoint <url>', 'a local model server (OpenAI-compatible, e.g. http://127.0.0.1:11434/v1) for this run; see docs/local-model.md')
    .option('--embeddings-model <name>', 'the server\'s model for grouping by meaning, e.g. nomic-embed-text')
    .option('--chat-model <name>', 'the server\'s model for writing theme names, e.g. llama3.1:8b')
    .option('--allow-remote', 'allow a model server that is not this machine (the statements are sent to it)')
    .option('--offline', 'use no model server this run, whatever wtfc.yaml says');
}

/** The options every command takes, so they work before or after the command name. */
function common(cmd: Command): Command {
  return cmd
    .option('-C, --dir <dir>', 'the session directory (default: the current directory)')
    .option('--json', 'print only data, as JSON, on stdout')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--no-color', 'never colour the output (NO_COLOR and FORCE_COLOR are honoured too)');
}

/**
 * Runs wtfc with the given arguments (without "node" and the script) and returns the exit code.
 * Nothing here calls process.exit: the bin sets process.exitCode, so output is never cut short.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const printerFor = (cmd: Command): Printer => {
    const o = cmd.optsWithGlobals<CommonOptions>();
    const c = makeChalk(colourLevel(io.stdout, io.env, o.color === false ? false : undefined));
    return makePrinter(io, c, { json: Boolean(o.json), quiet: Boolean(o.quiet) });
  };
  const output = {
    writeOut: (s: string) => io.stdout.write(s),
    writeErr: (s: string) => io.stderr.write(s),
    getOutHelpWidth: () => io.stdout.columns ?? 80,
    getErrHelpWidth: () => io.stderr.columns ?? 80,
  };
  const contextFor = (cmd: Command) => makeContext(io, cmd.optsWithGlobals<CommonOptions>().dir);

  /**
   * The action of a command that writes session files, run holding the session's lock
   * (`.wtfc.lock`) from start to end, so two commands never write one session at once: the second
   * is refused with exit 75, naming the first. Commands that only read do not take it.
   * `session` names the session folder when it is not -C (init's argument, run's --out); those
   * commands create it. `readOnly` tells a run that writes nothing (ingest --dry-run).
   */
  function writing<A extends unknown[]>(
    action: (...args: A) => Promise<void>,
    how: { session?: (...args: A) => string | undefined; readOnly?: (...args: A) => boolean } = {},
  ): (...args: A) => Promise<void> {
    return async (...args) => {
      if (how.readOnly?.(...args)) return action(...args);
      const cmd = args.at(-1) as Command;
      const ctx = makeContext(io, how.session?.(...args) ?? cmd.optsWithGlobals<CommonOptions>().dir);
      const request = { command: commandLine(cmd), now: io.now(), show: ctx.show, note: (line: string) => printerFor(cmd).note(line), create: how.session !== undefined };
      await withSessionLock(ctx.dir, request, () => action(...args));
    };
  }

  const program = common(new Command('wtfc'))
    .description('Working Together for Change: from people’s statements to themes, priorities and an action plan, offline.')
    .version(version, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput(output)
    .addHelpText(
      'after',
      examples([
        'wtfc run examples/northmere/statements.csv --out my-session',
        'wtfc init carers-2026 --name "Support for family carers" --council Northmere',
        'wtfc ingest statements.csv -C carers-2026',
        'wtfc status -C carers-2026',
      ]) + '\nExit codes: 0 ok · 1 problems under --strict · 2 bad usage or input, nothing written · 70 internal error · 74 a file the system refused · 75 session in use, try again later · 130 interrupted\n',
    );

  const command = (name: string) =>
    common(program.command(name)).exitOverride().configureOutput(output);

  command('init')
    .summary('create a session directory')
    .description('Create a session: wtfc.yaml (every setting written out, with comments), an empty statements.csv, and out/.')
    .argument('[dir]', 'where to create it (default: the current directory, or -C)')
    .option('--name <name>', 'session title for reports')
    .option('--council <name>', 'council for statements whose rows name none')
    .addHelpText('after', examples(['wtfc init carers-2026 --name "Support for family carers" --council Northmere']))
    .action(
      writing(
        async (dir: string | undefined, opts: { name?: string; council?: string }, cmd: Command) => {
          const ctx = makeContext(io, dir ?? cmd.optsWithGlobals<CommonOptions>().dir);
          const { initSession } = await import('../commands/init.js');
          printInit(printerFor(cmd), await initSession(ctx, opts));
        },
        { session: (dir) => dir },
      ),
    );

  command('ingest')
    .summary('add statements from CSV files')
    .description(
      'Read statements from CSV files (long: one statement a row; wide: one person a row, a column per category) ' +
        'in UTF-8, UTF-16 or Windows-1252, comma, semicolon or tab separated. Every row becomes a statement, ' +
        'a duplicate, or a listed rejection in rejected.csv.',
    )
    .argument('<file...>', 'CSV files; - reads standard input')
    .option('--map <field=Header>', 'use this column for a field (id, text, category, perspective, person, council, working, not_working, future); repeatable', collect)
    .option('--value <Label=meaning>', 'what a category or perspective label in your file means, e.g. "Could be better=not_working" or "Grandson=family"; repeatable', collect)
    .addOption(categoryOption('category for files without a category column: '))
    .option('--council <name>', 'council for rows that name none')
    .addOption(encodingOption())
    .addOption(delimiterOption())
    .option('--strict', 'any warning or rejected row fails the command (exit 1) and nothing is written')
    .option('--dry-run', 'report what would happen, write nothing')
    .addHelpText(
      'after',
      examples([
        'wtfc ingest reviews.csv',
        'wtfc ingest "Carers survey.csv" --map text="What they said" --map perspective="Who"',
        'wtfc ingest future.csv --category future --council Eastbrook',
        'wtfc ingest - --category working < statements.csv',
        'wtfc ingest reviews.csv --strict --dry-run --json',
      ]),
    )
    .action(
      writing(
        async (files: string[], opts: Parameters<typeof ingestFiles>[2], cmd: Command) => {
          const { ingestFiles } = await import('../commands/ingest.js');
          const summary = await ingestFiles(contextFor(cmd), files, opts);
          printIngest(printerFor(cmd), summary);
          if (summary.failedStrict) exitCode = ExitCode.problems;
        },
        { readOnly: (_files, opts) => Boolean(opts.dryRun) },
      ),
    );

  command('status')
    .summary('show where the session stands')
    .description('Counts per category, perspective and council; which steps are done; what to run next.')
    .addHelpText('after', examples(['wtfc status', 'wtfc status -C carers-2026 --json']))
    .action(async (_opts: unknown, cmd: Command) => {
      const { sessionStatus } = await import('../commands/status.js');
      printStatus(printerFor(cmd), await sessionStatus(contextFor(cmd)));
    });

  const themeCommand = command('theme')
    .summary('propose themes for each category')
    .description(
      'Group each category’s statements into draft themes with "I" statement names, and write themes.yaml. ' +
        'Once a facilitator has locked, edited or parked a theme, only new statements are themed and that work is kept.',
    )
    .option('--themes <k>', 'themes per category: a number, or auto')
    .option('--min-size <n>', 'auto mode: smaller groups are left unthemed')
    .option('--seed <n>', 'seed for the engine (a fixed default keeps runs repeatable)')
    .option('--fresh', 'start over, replacing locked and edited themes (asks first; undo can bring them back)')
    .option('--yes', 'with --fresh: do not ask');
  modelOptions(themeCommand)
    .addHelpText(
      'after',
      examples(['wtfc theme', 'wtfc theme --themes 8 --json', 'wtfc theme --fresh --yes', 'wtfc theme --model-endpoint http://127.0.0.1:11434/v1 --chat-model llama3.1:8b']),
    )
    .action(
      writing(async (opts: Parameters<typeof themeSession>[1], cmd: Command) => {
        const { themeSession } = await import('../commands/theme.js');
        printTheme(printerFor(cmd), await themeSession(contextFor(cmd), opts));
      }),
    );

  command('review')
    .summary('walk through the themes interactively')
    .description('Review themes at the keyboard: read, rename, merge, split, move, park, lock and undo. Every action is saved at once.')
    .addOption(categoryOption('start with this category: '))
    .addHelpText('after', examples(['wtfc review', 'wtfc review --category not_working -C carers-2026']))
    .action(
      writing(async (opts: { category?: string }, cmd: Command) => {
        const { reviewThemes } = await import('../commands/review.js');
        await reviewThemes(contextFor(cmd), opts);
      }),
    );

  const themes = command('themes')
    .summary('list, show and edit themes by script')
    .description('Scriptable theme edits. Each change is saved at once, recorded in history.jsonl, and can be undone.')
    .addHelpText(
      'after',
      examples([
        'wtfc themes list --category not_working',
        'wtfc themes rename nw-03 "I want the same carers who know me"',
        'wtfc themes merge nw-03 nw-07 --name "I want carers who turn up on time"',
        'wtfc themes move s-1a2b3c4d s-5e6f7a8b --to unthemed',
        'wtfc themes lock nw-03',
        'wtfc themes undo',
      ]),
    );
  const sub = (name: string) => common(themes.command(name)).exitOverride().configureOutput(output);
  // Every edit by script goes through here, so here is where it holds the session's lock.
  const edit = (cmd: Command, fn: Parameters<typeof editThemes>[1]) =>
    writing(async (c: Command) => printEdit(printerFor(c), (await import('../commands/themes.js')).editThemes(contextFor(c), fn)))(cmd);

  sub('list')
    .description('List the themes of every category (or one), with sizes, flags and names.')
    .addOption(categoryOption())
    .action(async (opts: { category?: string }, cmd: Command) => printThemeList(printerFor(cmd), (await import('../commands/themes.js')).listThemes(contextFor(cmd), opts.category)));
  sub('show')
    .description('Show one theme: its name, draft, flags, and every statement with its perspective.')
    .argument('<theme_id>')
    .action(async (id: string, _opts: unknown, cmd: Command) => printThemeDetail(printerFor(cmd), (await import('../commands/themes.js')).showTheme(contextFor(cmd), id)));
  sub('rename')
    .description('Give a theme a new name, written as an "I" statement.')
    .argument('<theme_id>')
    .argument('<name>', 'the new name, quoted')
    .action(async (id: string, name: string, _opts: unknown, cmd: Command) => edit(cmd, (e) => e.rename(id, name)));
  sub('merge')
    .description('Merge two or more themes of one category into the first.')
    .argument('<theme_ids...>')
    .option('--name <name>', 'a name for the merged theme (default: the first theme’s name)')
    .action(async (ids: string[], opts: { name?: string }, cmd: Command) => edit(cmd, (e) => e.merge(ids, opts.name)));
  sub('split')
    .description('Split a theme: into K sub-themes proposed by the engine, or by taking the given statements out into a new theme.')
    .argument('<theme_id>')
    .option('--into <k>', 'how many sub-themes the engine should propose (default 2)')
    .option('--statements <ids>', 'comma-separated statement ids to take out into a new theme')
    .action(async (id: string, opts: { into?: string; statements?: string }, cmd: Command) => {
      if (opts.into !== undefined && opts.statements !== undefined) throw new WtfcError('use --into or --statements, not both');
      const ids = opts.statements?.split(',').map((x) => x.trim()).filter(Boolean);
      const into = opts.into ?? '2';
      if (!/^\d+$/.test(into.trim()) || Number(into) < 2) throw new WtfcError(`--into ${JSON.stringify(into)}: expected a whole number of 2 or more`);
      await edit(cmd, (e) => (ids ? e.splitStatements(id, ids) : e.splitInto(id, Number(into))));
    });
  sub('move')
    .description('Move statements to a theme, or to unthemed.')
    .argument('<statement_ids...>')
    .requiredOption('--to <theme_id>', 'a theme id, or unthemed')
    .action(async (ids: string[], opts: { to: string }, cmd: Command) => edit(cmd, (e) => e.move(ids, opts.to)));
  for (const [name, what] of [
    ['park', 'Park a theme: kept, but left out of prioritising.'],
    ['unpark', 'Bring a parked theme back into prioritising.'],
    ['lock', 'Lock a theme as reviewed: re-theming and edits leave it exactly as it is.'],
    ['unlock', 'Unlock a theme so it can be edited again.'],
  ] as const) {
    sub(name)
      .description(what)
      .argument('<theme_id>')
      .action(async (id: string, _opts: unknown, cmd: Command) => edit(cmd, (e) => e.flag(id, name)));
  }
  sub('undo')
    .description('Step back from the last change to the themes (repeat to step further back).')
    .action(writing(async (_opts: unknown, cmd: Command) => printEdit(printerFor(cmd), (await import('../commands/themes.js')).undoThemes(contextFor(cmd)))));

  const votes = command('votes').summary('import dot votes and ranked ballots').description('Import the room’s votes: dot-vote tallies (long or wide) and ranked ballots.');
  common(votes.command('import'))
    .exitOverride()
    .configureOutput(output)
    .description(
      'Import vote files. Long: voter,perspective,theme,dots. Wide: voter,perspective and one column per theme id. ' +
        'Ranked: voter,perspective,rank1,rank2,… A theme is its id or its exact current name. Bad rows are reported with their line and left out.',
    )
    .argument('<file...>', 'CSV files; - reads standard input')
    .option('--strict', 'any problem fails the import (exit 1) and nothing is written')
    .option('--replace', 'replace the stored votes (or ballots) instead of adding to them')
    .addOption(encodingOption())
    .addOption(delimiterOption())
    .addHelpText('after', examples(['wtfc votes import table1.csv table2.csv', 'wtfc votes import ballots.csv --strict', 'wtfc votes import dots.csv --replace']))
    .action(
      writing(async (files: string[], opts: VotesImportOptions, cmd: Command) => {
        const { importVotes } = await import('../commands/votes.js');
        const summary = await importVotes(contextFor(cmd), files, opts);
        printVotesImport(printerFor(cmd), summary);
        if (summary.failedStrict) exitCode = ExitCode.problems;
      }),
    );

  command('prioritise')
    .alias('prioritize')
    .summary('rank the themes and pick the top N')
    .description(
      'Rank one category’s themes (not_working by default; parked themes left out) by count, dots, weighted, borda or schulze, ' +
        'and record the top N in priorities.yaml for the plan. Ties share a rank; a tie across the cut is shown, and --include chooses.',
    )
    .addOption(methodOption())
    .addOption(categoryOption())
    .option('--top <n>', 'how many go forward (default: prioritise.top in wtfc.yaml)')
    .option('--include <theme_id>', 'with a tie across the cut: a tied theme that goes forward; repeatable', collect)
    .option('--explain', 'show the arithmetic: groups, weights, each voter’s part, the tie rule')
    .addHelpText('after', examples(['wtfc prioritise', 'wtfc prioritise --method weighted --explain', 'wtfc prioritise --top 3 --include nw-07', 'wtfc prioritise --method schulze --json']))
    .action(
      writing(async (opts: PrioritiseOptions & { explain?: boolean }, cmd: Command) => {
        const { prioritiseSession } = await import('../commands/prioritise.js');
        printPriorities(printerFor(cmd), await prioritiseSession(contextFor(cmd), opts), Boolean(opts.explain));
      }),
    );

  const plan = command('plan')
    .summary('root causes, success statements and actions for the priorities')
    .description('Walk the plan for each priority theme at the keyboard: root causes (chains of "why?"), success statements ("I …") and actions. Each answer is saved at once. Scriptable: the subcommands.')
    .addHelpText(
      'after',
      examples([
        'wtfc plan',
        'wtfc plan cause nw-01 "Rotas are made a week at a time"',
        'wtfc plan cause nw-01 "The agency is short of drivers" --because c1',
        'wtfc plan success nw-01 "I know who is coming and when"',
        'wtfc plan action nw-01 --what "Four-week rotas" --who "Home care lead" --by 2027-03-31 --measure "Rotas sent 4 weeks ahead"',
        'wtfc plan status a1 in-progress',
        'wtfc plan show --json',
      ]),
    )
    .action(
      writing(async (_opts: unknown, cmd: Command) => {
        const { walkPlan } = await import('../commands/plan-walk.js');
        await walkPlan(contextFor(cmd));
      }),
    );
  const planSub = (name: string) => common(plan.command(name)).exitOverride().configureOutput(output);
  const planCommands = () => import('../commands/plan.js');
  planSub('show')
    .description('Show the plan: each priority theme with its causes, success statements and actions.')
    .action(async (_opts: unknown, cmd: Command) => printPlan(printerFor(cmd), (await planCommands()).showPlan(contextFor(cmd))));
  planSub('cause')
    .description('Add a root cause to a theme; --because makes it the answer to "why?" about an earlier cause.')
    .argument('<theme_id>')
    .argument('<text>')
    .option('--because <cause_id>', 'the cause this one explains')
    .action(
      writing(async (id: string, text: string, opts: { because?: string }, cmd: Command) =>
        printPlanChange(printerFor(cmd), (await planCommands()).addCause(contextFor(cmd), id, text, opts.because)),
      ),
    );
  planSub('success')
    .description('Add a success statement: what good would look like, as an "I" statement.')
    .argument('<theme_id>')
    .argument('<text>', '"I …"')
    .action(writing(async (id: string, text: string, _opts: unknown, cmd: Command) => printPlanChange(printerFor(cmd), (await planCommands()).addSuccess(contextFor(cmd), id, text))));
  planSub('action')
    .description('Add an action: what, who, by when and how we will know. It starts as not-started.')
    .argument('<theme_id>')
    .option('--what <text>', 'what will be done')
    .option('--who <text>', 'who will do it')
    .option('--by <date>', 'by when, YYYY-MM-DD')
    .option('--measure <text>', 'how we will know')
    .action(writing(async (id: string, opts: ActionFields, cmd: Command) => printPlanChange(printerFor(cmd), (await planCommands()).addAction(contextFor(cmd), id, opts))));
  planSub('edit')
    .description('Change a cause’s or a success statement’s text, or an action’s what, who, by or measure.')
    .argument('<id>', 'c1, s1 or a1, as `wtfc plan show` lists them')
    .argument('[text]', 'the new text of a cause or success statement')
    .option('--what <text>', 'an action: what will be done')
    .option('--who <text>', 'an action: who will do it')
    .option('--by <date>', 'an action: by when, YYYY-MM-DD')
    .option('--measure <text>', 'an action: how we will know')
    .addHelpText('after', examples(['wtfc plan edit c1 "Rotas are made a week at a time"', 'wtfc plan edit a1 --by 2027-06-30']))
    .action(
      writing(async (id: string, text: string | undefined, opts: ActionFields, cmd: Command) =>
        printPlanChange(printerFor(cmd), (await planCommands()).editPlanItem(contextFor(cmd), id, text, opts)),
      ),
    );
  planSub('remove')
    .description('Remove a cause, success statement or action. Causes that explained a removed cause move up to explain what it explained.')
    .argument('<id>', 'c1, s1 or a1')
    .action(writing(async (id: string, _opts: unknown, cmd: Command) => printPlanChange(printerFor(cmd), (await planCommands()).removePlanItem(contextFor(cmd), id))));
  planSub('undo')
    .description('Step back from the last change to the plan (repeat to step further back).')
    .action(
      writing(async (_opts: unknown, cmd: Command) => {
        const r = (await planCommands()).undoPlan(contextFor(cmd));
        const p = printerFor(cmd);
        if (p.json) p.data(r);
        else p.out(`${r.summary}. Saved to ${r.file}.`);
      }),
    );
  planSub('status')
    .description('Set an action’s status: not-started, in-progress or done.')
    .argument('<action_id>')
    .argument('<status>', 'not-started, in-progress or done')
    .action(writing(async (id: string, status: string, _opts: unknown, cmd: Command) => printPlanChange(printerFor(cmd), (await planCommands()).setStatus(contextFor(cmd), id, status))));

  const pii = command('pii')
    .summary('screen the session for personal details')
    .description(
      'List personal details the screen finds in every text typed into the session: the statements, rows in rejected.csv, theme names, ' +
        'the plan, and the session\'s name and council. It looks for email addresses, UK phone, NHS and National Insurance numbers, postcodes, ' +
        'dates of birth, street addresses and names (in contexts such as "my son Tom" or "Mrs Patel", and pii.names in wtfc.yaml). ' +
        'Each finding is named by what holds it (REF): a statement\'s id, theme:ID, plan:ID, rejected:N or wtfc.yaml. ' +
        'pii.policy in wtfc.yaml decides what outputs do while any are unresolved: block (refuse), mask (print placeholders) or warn.',
    )
    .option('--strict', 'exit 1 when any finding is unresolved')
    .addHelpText(
      'after',
      examples(['wtfc pii', 'wtfc pii ignore s-3f2a "Grace"', 'wtfc pii redact s-91bc', 'wtfc pii --json']),
    )
    .action(async (opts: { strict?: boolean }, cmd: Command) => {
      const { piiReport } = await import('../commands/pii.js');
      const report = await piiReport(contextFor(cmd));
      printPiiReport(printerFor(cmd), report, contextFor(cmd).dirFlag);
      if (opts.strict && report.findings.length > 0) exitCode = ExitCode.problems;
    });
  const piiSub = (name: string) => common(pii.command(name)).exitOverride().configureOutput(output);
  // What holds a finding, and which of its findings: the same for each way of resolving one.
  for (const [name, description, resolve] of [
    ['ignore', 'Mark the findings in a text (or the one matching SPAN) as not personal details; remembered in pii.yaml.', 'ignorePii'],
    ['unignore', 'Flag findings marked with `wtfc pii ignore` again.', 'unignorePii'],
    [
      'redact',
      'Replace the findings in a text (or the one matching SPAN) by placeholders such as [name], for good: in every statement, rejected row, ' +
        'theme name, plan entry and earlier state in history.jsonl that mentions them, so undo cannot bring them back. Outputs in out/ that ' +
        'print them are removed for render to write again. The input files are not touched.',
      'redactPii',
    ],
  ] as const) {
    piiSub(name)
      .description(description)
      .argument('<ref>', 'what holds the finding, as `wtfc pii` shows it: a statement’s id, theme:ID, plan:ID, rejected:N or wtfc.yaml')
      .argument('[span]', 'the finding’s text, exactly as `wtfc pii` shows it')
      .action(
        writing(async (id: string, span: string | undefined, _opts: unknown, cmd: Command) =>
          printPiiChange(printerFor(cmd), await (await import('../commands/pii.js'))[resolve](contextFor(cmd), id, span)),
        ),
      );
  }

  command('render')
    .summary('write the report and the handouts')
    .description(
      'Write markdown and printable HTML to out/: report (the whole session, with charts), plan (the action plan alone), facilitator (a sheet for the facilitator), cards (one per theme, a page each), ' +
        'ballot (a voting sheet matching votes import), feedback ("you said, we did" for contributors), or all of them.',
    )
    .argument('[what]', renderTargetHelp, 'all')
    .addOption(formatOption())
    .option('--templates <dir>', 'a folder of templates that override the built-in ones')
    .addOption(piiOption('for this render in place of pii.policy in wtfc.yaml'))
    .addHelpText('after', examples(['wtfc render', 'wtfc render feedback --format html', 'wtfc render report --templates my-templates', 'wtfc render --pii mask']))
    .action(
      writing(async (what: string, opts: { templates?: string; format?: string; pii?: string }, cmd: Command) => {
        const { renderSession } = await import('../commands/render.js');
        printRender(printerFor(cmd), await renderSession(contextFor(cmd), { ...opts, what }));
      }),
    );

  command('batch')
    .summary('run many councils at once, a session each')
    .description(
      'Group the statements by the council column and give each council a whole session under --out (ingest, theme, rank, render), ' +
        'run in parallel worker threads. A council whose input is unchanged since the last run is skipped unless --force; ' +
        'a failing council is reported at the end (exit 1) and does not stop the others.',
    )
    .argument('<file...>', 'CSV files with a council column, or one batch.yaml listing councils and their files')
    .option('--out <dir>', 'where the councils\' sessions go')
    .option('--by <column>', 'the column that names the council', 'council')
    .option('--themes <k>', 'themes per category: a number, or auto')
    .option('--jobs <n>', 'councils at once (default: the number of cores)')
    .option('--force', 'run every council, changed or not')
    .addOption(piiOption('in place of each session\'s pii.policy (under block, a council with any fails)'))
    .addOption(encodingOption())
    .addOption(delimiterOption())
    .addHelpText('after', examples(['wtfc batch programme.csv --out councils', 'wtfc batch a.csv b.csv --by "Local authority" --out councils --jobs 2', 'wtfc batch batch.yaml']))
    .action(async (files: string[], opts: BatchOptions, cmd: Command) => {
      const { runBatch } = await import('../commands/batch.js');
      const p = printerFor(cmd);
      const summary = await runBatch(contextFor(cmd), files, opts, await batchProgress(io, p));
      printBatch(p, summary);
      if (summary.failed > 0) exitCode = ExitCode.problems;
    });

  command('compare')
    .summary('compare two cycles of the method for one council')
    .description(
      'Compare an earlier session with a later one: themes that are new, gone, grown or shrunk (matched by the words of their statements), ' +
        'priorities that changed, and the earlier plan\'s actions with their status. This is the method\'s review stage.',
    )
    .argument('<old_session>')
    .argument('<new_session>')
    .addHelpText('after', examples(['wtfc compare carers-2025 carers-2026', 'wtfc compare carers-2025 carers-2026 --json']))
    .action(async (oldDir: string, newDir: string, _opts: unknown, cmd: Command) => {
      const { compareSessions } = await import('../commands/compare.js');
      printComparison(printerFor(cmd), compareSessions(contextFor(cmd), oldDir, newDir));
    });

  command('export')
    .summary('print session data for scripts')
    .description('Print data on stdout for analysts\' scripts. `assignments`: CSV with the header statement_id,category,theme_id,theme_name (theme_id is empty for unthemed statements).')
    .argument('<what>', `what to export: ${exportKinds.join(', ')}`)
    .option('--text', 'add a text column: each statement\'s words (personal details masked unless pii.policy is warn)')
    .addHelpText('after', examples(['wtfc export assignments > assignments.csv', 'wtfc export assignments --text > with-words.csv', 'wtfc export assignments -C carers-2026 --json']))
    .action(async (what: string, opts: { text?: boolean }, cmd: Command) => {
      checkExportKind(what);
      const { exportAssignments, renderAssignmentsCsv } = await import('../commands/export.js');
      const rows = await exportAssignments(contextFor(cmd), { text: Boolean(opts.text) });
      const p = printerFor(cmd);
      if (p.json) p.data(rows);
      else io.stdout.write(renderAssignmentsCsv(rows, Boolean(opts.text)));
    });

  const runCommand = command('run')
    .summary('the whole job in one go: init, ingest, theme, rank, render')
    .description('Create (or add to) a session in --out, ingest the files, theme them, rank by statement count and write the report. Asks nothing.')
    .argument('<file...>', 'CSV files; - reads standard input')
    .requiredOption('--out <dir>', 'the session directory to create or add to')
    .option('--themes <k>', 'themes per category: a number, or auto')
    .addOption(categoryOption('category for files without a category column: '))
    .option('--council <name>', 'council for rows that name none')
    .option('--name <name>', 'session title for the report')
    .option('--map <field=Header>', 'use this column for a field; repeatable', collect)
    .option('--value <Label=meaning>', 'what a category or perspective label means, e.g. "Could be better=not_working"; repeatable', collect)
    .addOption(encodingOption())
    .addOption(delimiterOption())
    .option('--strict', 'any warning or rejected row stops the run (exit 1) and nothing is written')
    .option('--templates <dir>', 'templates that override the built-in ones')
    .addOption(piiOption('for this run\'s outputs in place of pii.policy'));
  modelOptions(runCommand)
    .addHelpText(
      'after',
      examples([
        'wtfc run examples/northmere/statements.csv examples/northmere/wide-excel.csv --out out/northmere',
        'wtfc run comments.csv --out scratch --themes 10 --category working',
      ]),
    )
    .action(
      writing(
        async (files: string[], opts: Parameters<typeof runPipeline>[2], cmd: Command) => {
          const { runPipeline } = await import('../commands/run.js');
          const summary = await runPipeline(contextFor(cmd), files, opts);
          printRun(printerFor(cmd), summary);
          if (summary.failedStrict) exitCode = ExitCode.problems;
        },
        { session: (_files, opts) => opts.out },
      ),
    );

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    return reportError(err, io);
  }
}

/**
 * A progress bar on a terminal (councils done, statements a second, time left), from cli-progress;
 * plain lines anywhere else.
 */
async function batchProgress(io: Io, p: Printer): Promise<BatchProgress> {
  // The line names the council as its rows spelled it.
  if (!io.stderr.isTTY || p.quiet || p.json) return { start: () => {}, council: (line) => p.note(terminalText(line)), stop: () => {} };
  const { SingleBar } = await import('cli-progress');
  const started = io.now().getTime();
  let statements = 0;
  const bar = new SingleBar(
    { format: 'councils {value}/{total} |{bar}| {rate} statements/s | {eta_formatted} left', stream: io.stderr as NodeJS.WritableStream, hideCursor: true, clearOnComplete: true },
  );
  return {
    start: (total) => bar.start(total, 0, { rate: 0 }),
    council: (_line, r) => {
      statements += r.statements;
      bar.increment(1, { rate: Math.round(statements / Math.max(0.001, (io.now().getTime() - started) / 1000)) });
    },
    stop: () => bar.stop(),
  };
}

/** The one place errors become messages and exit codes. */
export function reportError(err: unknown, io: Io): number {
  const c = makeChalk(colourLevel(io.stderr, io.env, undefined));
  const say = (line: string) => io.stderr.write(`${line}\n`);
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return ExitCode.ok;
    // Bare `wtfc` (no command) shows the help on stderr: a usage error like any other.
    if (err.code === 'commander.help') return ExitCode.usage;
    // commander has already printed its message; add the way out.
    say(c.dim('See `wtfc --help`, or `wtfc COMMAND --help` for a command’s options and examples.'));
    return ExitCode.usage;
  }
  if (err instanceof WtfcError) {
    // Messages quote what was typed (a category, a file name): shown safe, each on one line.
    say(`${c.red('wtfc: error:')} ${terminalText(err.message)}`);
    if (err.where && (err.where.line !== undefined || !err.message.includes(err.where.file))) say(`  at ${terminalText(formatWhere(err.where))}`);
    if (err instanceof ProblemsError) for (const p of err.problems) say(`  ${terminalText(formatProblem(p))}`);
    if (err.hint) say(`  ${c.cyan('hint:')} ${terminalText(err.hint)}`);
    return err.exitCode;
  }
  if (err instanceof Error && err.name === 'ExitPromptError') {
    say('Stopped. Everything done before Ctrl+C was saved.');
    return ExitCode.interrupted;
  }
  const system = fromSystemError(err, (path) => displayPath(io.cwd, path));
  if (system) return reportError(system, io);
  const e = err instanceof Error ? err : new Error(String(err));
  say(`${c.red('wtfc: internal error:')} ${e.message}`);
  say('This is a bug in wtfc, not something you did. Please report it with the command you ran.');
  say('Your session files were not changed by the failed step unless a message above said so.');
  if (io.env.WTFC_DEBUG) say(e.stack ?? '');
  else say(c.dim('Set WTFC_DEBUG=1 to include the stack trace in the report.'));
  return ExitCode.internal;
}
