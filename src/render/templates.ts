import { Liquid } from 'liquidjs';
import { WtfcError } from '../errors.js';
import { categoryMark } from './marks.js';
import { escapeHtml, escapeMarkdown } from './markdown.js';

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
    // A markdown template's outputs are escaped for markdown; an HTML template's, for HTML.
    outputEscape: name.endsWith('.html.liquid') ? escapeHtml : escapeMarkdown,
    greedy: false,
    // A template is the facilitator's to edit, and a loop over (1..300000000) once ran the process
    // out of memory. LiquidJS counts what a render allocates and how long it takes; the built-in
    // templates use a thousandth of either on a session of a million statements.
    memoryLimit: 2e8,
    renderLimit: 120_000,
    parseLimit: 1e7,
  });
  engine.registerFilter('plural', plural);
  engine.registerFilter('mark', categoryMark);
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

/**
 * `{{ n | plural: "theme" }}` is "1 theme" or "3 themes"; `{{ n | plural: "odd one out", "odd ones
 * out" }}` for a word whose plural is not made with "s".
 */
export function plural(n: unknown, one: unknown, many?: unknown): string {
  const count = Number(n);
  const word = String(one ?? '');
  return `${String(n)} ${count === 1 ? word : many === undefined ? `${word}s` : String(many)}`;
}
