import MarkdownIt from 'markdown-it';
import { type Perspective, perspectives } from '../core/model.js';
import { type ChartRow, type ChartSeries, stackedBarChart } from './charts.js';
import type { ReportModel } from './report-model.js';

/**
 * HTML from the rendered markdown. markdown-it runs with raw HTML off, so nothing a statement says
 * can become markup: the markdown is already escaped, and any `<` that got through is shown, not
 * run. The page is self-contained (inline CSS and SVG, no fonts, scripts or links out) and prints
 * on A4.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

const perspectiveSeries: ChartSeries[] = [
  { key: 'person', label: 'person', colour: '#1f5f8b' },
  { key: 'family', label: 'family', colour: '#8e3b7a' },
  { key: 'staff', label: 'staff', colour: '#a65200' },
  { key: 'other', label: 'other', colour: '#2e6b30' },
  { key: 'unknown', label: 'not known', colour: '#5f5f5f' },
];

/** What every page shares: the staff documents' type, tables that never break a word. */
const baseCss = `
* { box-sizing: border-box; }
html { color: #1a1a1a; background: #fff; font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
body { margin: 0 auto; max-width: 182mm; padding: 8mm 0; }
h1 { font-size: 20pt; margin: 0 0 4mm; }
h2 { font-size: 15pt; margin: 8mm 0 3mm; break-after: avoid; }
h3 { font-size: 12.5pt; margin: 6mm 0 2mm; break-after: avoid; }
/* Words wrap whole: only a word too long for its line is hyphenated, or else broken. */
h1, h2, h3, p, li, td, th { overflow-wrap: break-word; hyphens: auto; text-align: left; }
h1, h2, h3 { text-wrap: balance; }
h2 + p { break-after: avoid; }
.nb { white-space: nowrap; }
.long { overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 3mm 0; }
thead { display: table-header-group; }
th, td { border: 1px solid #767676; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
tr { break-inside: avoid; }
em { color: #333; }
code { font-family: inherit; }
figure.chart { margin: 4mm 0; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
@media screen { body { padding: 10mm; } }
`;

/**
 * The room's handouts, after an easy-read guide (Department of Health, "Making written information
 * easier to understand for people with learning disabilities", 2010): large type (16pt at least),
 * a plain sans-serif, black on white, short lines, left-aligned, one idea to a line, and the same
 * mark for each wall on every sheet.
 */
const roomCss = `
html { font-size: 16pt; line-height: 1.35; color: #000; }
body { max-width: 32em; }
h1 { font-size: 26pt; line-height: 1.2; margin: 0 0 3mm; }
h2 { font-size: 22pt; line-height: 1.2; }
h3 { font-size: 18pt; margin: 4mm 0 1mm; }
svg.mark { width: 1.1em; height: 1.1em; vertical-align: -0.2em; margin-right: 0.25em; }
.wall { font-weight: bold; margin: 0 0 2mm; }
.session { margin: 0 0 5mm; }
`;

const kindCss: Record<string, string> = {
  report: `@page { size: A4; margin: 16mm 14mm; }
body.report td:nth-child(1) { white-space: nowrap; }`,
  plan: `@page { size: A4 landscape; margin: 14mm 14mm; }
body { max-width: 269mm; }
body.plan td:nth-child(2), body.plan td:nth-child(5), body.plan td:nth-child(7) { white-space: nowrap; }`,
  facilitator: `@page { size: A4; margin: 16mm 14mm; }
body { font-size: 12pt; }`,
  comparison: `@page { size: A4; margin: 16mm 14mm; }`,
  cards: `@page { size: A4; margin: 12mm 12mm; }
body { padding: 0; max-width: none; }
section.card { break-after: page; min-height: 270mm; display: flex; flex-direction: column; }
section.card:last-of-type { break-after: auto; }
section.card h2 { margin: 0 0 6mm; }
section.card ul { flex: 1; display: flex; flex-direction: column; justify-content: space-evenly; padding-left: 1.1em; margin: 0; }
section.card li { margin: 0 0 3mm; }
section.card .who { margin: 4mm 0 0; }
section.card .part { font-size: 60%; font-weight: normal; white-space: nowrap; }
section.card.large { font-size: 28pt; }
section.card.large h2 { font-size: 38pt; }
section.card.medium { font-size: 24pt; }
section.card.medium h2 { font-size: 32pt; }
section.card.small { font-size: 20pt; }
section.card.small h2 { font-size: 28pt; }
section.card.small ul { justify-content: flex-start; }
section.card.small li { margin-bottom: 2.5mm; }
section.card .wall { font-size: 24pt; border-bottom: 1.5mm solid currentColor; padding-bottom: 2mm; margin-bottom: 4mm; }
section.card.working .wall { color: #1b6e3a; }
section.card.not_working .wall { color: #a3271f; }
section.card.future .wall { color: #1f4e8c; }`,
  ballot: `@page { size: A4; margin: 12mm 12mm; }
body { padding: 0; }
ol.steps { padding-left: 1.4em; margin: 0 0 4mm; }
.about-you p { margin: 2mm 0; }
.write-in { display: inline-block; width: 9cm; border-bottom: 1.5px solid #000; height: 1em; }
ul.ticks { list-style: none; padding: 0; margin: 1mm 0 4mm; display: flex; flex-wrap: wrap; gap: 2mm 8mm; }
.box { display: inline-block; width: 0.9em; height: 0.9em; border: 2px solid #000; vertical-align: -0.1em; margin-right: 0.2em; }
table.votes td { padding: 2.5mm 2mm; vertical-align: middle; }
table.votes td.name { width: 60%; }
table.votes td.code { width: 1%; white-space: nowrap; vertical-align: middle; }
.dot { display: inline-block; width: 1.1em; height: 1.1em; border: 2px solid #000; border-radius: 50%; margin: 0.5mm 1.5mm; vertical-align: middle; }
.ref { font-size: 8pt; color: #555; white-space: nowrap; margin-left: 1mm; }`,
  feedback: `@page { size: A4; margin: 14mm 14mm; }
body { padding: 0; }
section.item { break-inside: avoid; margin: 0 0 6mm; }
section.item h2 { margin: 0 0 2mm; }
ul.quotes { list-style: none; padding-left: 4mm; border-left: 2mm solid #ccc; }
ul.quotes li { margin-bottom: 2.5mm; }`,
};

/** The handouts for the room: easy-read type and layout. */
export const roomKinds = new Set(['cards', 'ballot', 'feedback']);

function page(body: string, kind: string, title: string): string {
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const style = `${baseCss}${roomKinds.has(kind) ? roomCss : ''}${kindCss[kind] ?? '@page { size: A4; margin: 16mm 14mm; }'}\n`;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escaped}</title>
<style>${style}</style>
</head>
<body class="${kind}">
<main>
${keepWordsWhole(body)}</main>
</body>
</html>
`;
}

/** A page from rendered markdown: the staff documents (report, plan, facilitator's sheet, comparison). */
export function htmlPage(markdown: string, kind: string, title: string, charts = ''): string {
  let body = md.render(markdown);
  if (charts !== '') {
    // The charts go before the priorities, after the counts they draw.
    const at = body.indexOf('<h2>Priorities');
    body = at >= 0 ? `${body.slice(0, at)}${charts}\n${body.slice(at)}` : `${body}${charts}\n`;
  }
  return page(body, kind, title);
}

/** A page from an HTML template's output (already escaped): the room's handouts. */
export function htmlDocument(body: string, kind: string, title: string): string {
  return page(body, kind, title);
}

/**
 * A short word with a hyphen or a slash in it ("nw-01", "2027-03-31", "in-progress", "and/or") is
 * kept on one line: browsers may otherwise break a line after its hyphen. A word too long for any
 * column (over 20 characters) may break anywhere, so that it never pushes a table off the page.
 * Only text between tags is touched (never a tag, an attribute, a style or a chart), and it is
 * already escaped.
 */
export function keepWordsWhole(html: string): string {
  let skip = 0;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith('<')) {
        if (/^<(style|svg|title)\b/i.test(part)) skip++;
        else if (/^<\/(style|svg|title)>/i.test(part)) skip = Math.max(0, skip - 1);
        return part;
      }
      if (skip > 0) return part;
      return part.replace(/[^\s<>]+/g, (word) =>
        word.length > 20 ? `<span class="long">${word}</span>` : /[-/‐]/.test(word) && /[^-/‐]/.test(word) ? `<span class="nb">${word}</span>` : word,
      );
    })
    .join('');
}

/** The report's charts: the balance of the three walls, theme sizes, and the votes. */
export function reportCharts(model: ReportModel): string {
  const byPerspective = (values: Partial<Record<Perspective, number>>) => Object.fromEntries(perspectives.map((p) => [p, values[p] ?? 0]));
  const balance: ChartRow[] = (['working', 'not_working', 'future'] as const).map((c) => ({
    label: model.categories.find((x) => x.key === c)!.title,
    values: Object.fromEntries(model.counts.map((row) => [perspectiveKey(row.perspective), row[c]])),
  }));
  const charts = [stackedBarChart('Statements on each wall, by who said them', balance, perspectiveSeries, 'statements')];
  const wall = model.categories.find((c) => c.key === model.priorities.category);
  if (wall && wall.themes.length > 0) {
    // Largest first; ties in id order, as the themes are numbered.
    const bySize = [...wall.themes].sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1));
    const rows = bySize.slice(0, 20).map((t) => ({ label: `${t.id} ${t.name}`, values: byPerspective(t.perspectives) }));
    const more = bySize.length > 20 ? ` (the largest 20 of ${bySize.length})` : '';
    charts.push(stackedBarChart(`${wall.title}: themes by size, by who said them${more}`, rows, perspectiveSeries, 'statements'));
  }
  const method = model.priorities.method;
  if (method === 'dots' || method === 'weighted') {
    const rows = model.priorities.rows
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || a.rank - b.rank)
      .map((r) => ({ label: `${r.themeId} ${r.themeName}`, values: byPerspective(r.byPerspective) }));
    if (rows.length > 0) charts.push(stackedBarChart(`Votes by theme (${method === 'weighted' ? 'weighted dots' : 'dots'}), by group`, rows, perspectiveSeries, method === 'weighted' ? 'weighted dots' : 'dots'));
  }
  return charts.join('\n');
}

function perspectiveKey(label: string): string {
  return label === 'not known' ? 'unknown' : label;
}
