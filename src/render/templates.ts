import { Liquid } from 'liquidjs';
import { WtfcError } from '../errors.js';
import { escapeMarkdown } from './markdown.js';

/**
 * Renders a named template from an in-memory set (the command layer reads the files), so the
 * renderer never touches the disk. Every output is markdown-escaped unless the template says
 * `| raw`, and an undefined variable or filter is an error naming the template and its line.
 */
export function renderTemplate(name: string, templates: Record<string, string>, model: object): string {
  const engine = new Liquid({
    templates,
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    outputEscape: escapeMarkdown,
    greedy: false,
    // A template is the facilitator's to edit, and a loop over (1..300000000) once ran the process
    // out of memory. LiquidJS counts what a render allocates and how long it takes; the built-in
    // templates use a thousandth of either on a session of a million statements.
    memoryLimit: 2e8,
    renderLimit: 120_000,
    parseLimit: 1e7,
  });
  try {
    return engine.renderSync(engine.parse(templates[name] ?? missing(name), name), model);
  } catch (err) {
    if (err instanceof WtfcError) throw err;
    const e = err as { message?: string; token?: { getPosition?: () => [number, number] } };
    const [line, column] = e.token?.getPosition?.() ?? [undefined, undefined];
    const message = String(e.message ?? err).split(/, (?:line:\d+|file:)/)[0];
    throw new WtfcError(`template ${name}: ${message}`, {
      where: { file: name, line, column },
      hint: 'see templates/README.md for the variables each template can use',
    });
  }
}

function missing(name: string): never {
  throw new WtfcError(`there is no template named ${name}`);
}
