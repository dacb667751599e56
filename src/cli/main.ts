import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ExitCode, ProblemsError, WtfcError, formatProblem, formatWhere, fromSystemError } from '../errors.js';
import { displayPath } from '../session/paths.js';
import { terminalText } from '../core/text.js';
import { makeContext } from '../commands/context.js';
import { withSessionLock } from '../session/lock.js';
import { type Call, type CommandSpec, commandSpecs } from './commands.js';
import { type Io, colourLevel, makeChalk } from './io.js';
import { type Printer, makePrinter } from './print.js';

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

  for (const spec of commandSpecs) register(program, spec);

  /** Adds a command (and its subcommands) as its spec says; see `commands.ts`. */
  function register(parent: Command, spec: CommandSpec): void {
    const cmd = common(parent.command(spec.name)).exitOverride().configureOutput(output);
    if (spec.alias) cmd.alias(spec.alias);
    if (spec.summary) cmd.summary(spec.summary);
    cmd.description(spec.description);
    for (const a of spec.arguments ?? []) cmd.argument(a.syntax, a.description ?? '', a.default);
    for (const o of spec.options ?? []) cmd.addOption(o);
    if (spec.examples) cmd.addHelpText('after', examples(spec.examples));
    if (spec.action) cmd.action(invoke(spec));
    for (const sub of spec.commands ?? []) register(cmd, sub);
  }

  /**
   * A command's action: its work, then its printing and exit code. A command that writes session
   * files runs holding the session's lock (`.wtfc.lock`) from start to end, so two commands never
   * write one session at once: the second is refused with exit 75, naming the first. Commands that
   * only read do not take it.
   */
  function invoke(spec: CommandSpec): (...args: unknown[]) => Promise<void> {
    return async (...all) => {
      const cmd = all.at(-1) as Command;
      const globals = cmd.optsWithGlobals<CommonOptions>();
      const call: Call = {
        args: all.slice(0, -2),
        opts: globals,
        io,
        context: (dir) => makeContext(io, dir ?? globals.dir),
        printer: () => printerFor(cmd),
      };
      const work = async () => {
        const model = await spec.action!(call);
        spec.print?.(call.printer(), model as never, call);
        if (spec.failed?.(model as never, call)) exitCode = ExitCode.problems;
      };
      if (!spec.writes || spec.writes.readOnly?.(call)) return work();
      const ctx = makeContext(io, spec.writes.session?.(call) ?? globals.dir);
      const request = { command: commandLine(cmd), now: io.now(), show: ctx.show, note: (line: string) => call.printer().note(line), create: spec.writes.session !== undefined };
      await withSessionLock(ctx.dir, request, work);
    };
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    return reportError(err, io);
  }
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
