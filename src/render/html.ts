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

const css = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
html { color: #1a1a1a; background: #fff; font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
body { margin: 0 auto; max-width: 182mm; padding: 8mm 0; }
h1, h2, h3 { overflow-wrap: anywhere; }
h1 { font-size: 20pt; margin: 0 0 4mm; }
h2 { font-size: 15pt; margin: 8mm 0 3mm; break-after: avoid; }
h3 { font-size: 12.5pt; margin: 6mm 0 2mm; break-after: avoid; }
p, li { overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 3mm 0; table-layout: auto; }
th, td { border: 1px solid #767676; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
td { overflow-wrap: anywhere; }
/* Ids, dates and statuses stay whole; the text columns give way instead. */
body.plan td:nth-child(2), body.plan td:nth-child(5), body.plan td:nth-child(7),
body.report td:nth-child(1) { white-space: nowrap; overflow-wrap: normal; }
th { background: #e8e8e8; }
tr { break-inside: avoid; }
em { color: #333; }
code { font-family: inherit; }
figure.chart { margin: 4mm 0; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
body.cards h2 { break-before: page; margin-top: 0; font-size: 22pt; }
body.cards h2:first-of-type { break-before: auto; }
body.cards h1 { font-size: 14pt; }
body.cards li { font-size: 13pt; margin-bottom: 2mm; }
body.ballot td { padding: 1mm 2mm; }
body.ballot td:last-child { font-size: 14pt; letter-spacing: 1.5mm; }
@media screen { body { padding: 10mm; } }
`;

export function htmlPage(markdown: string, kind: string, title: string, charts = ''): string {
  let body = md.render(markdown);
  if (charts !== '') {
    // The charts go before the priorities, after the counts they draw.
    const at = body.indexOf('<h2>Priorities');
    body = at >= 0 ? `${body.slice(0, at)}${charts}\n${body.slice(at)}` : `${body}${charts}\n`;
  }
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escaped}</title>
<style>${css}</style>
</head>
<body class="${kind}">
<main>
${body}</main>
</body>
</html>
`;
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
    const rows = wall.themes.slice(0, 20).map((t) => ({ label: `${t.id} ${t.name}`, values: byPerspective(t.perspectives) }));
    charts.push(stackedBarChart(`${wall.title}: themes by size, by who said them`, rows, perspectiveSeries, 'statements'));
  }
  const method = model.priorities.method;
  if (method === 'dots' || method === 'weighted') {
    const rows = model.priorities.rows.filter((r) => r.score > 0).map((r) => ({ label: `${r.themeId} ${r.themeName}`, values: byPerspective(r.byPerspective) }));
    if (rows.length > 0) charts.push(stackedBarChart(`Votes by theme (${method === 'weighted' ? 'weighted dots' : 'dots'}), by group`, rows, perspectiveSeries, method === 'weighted' ? 'weighted dots' : 'dots'));
  }
  return charts.join('\n');
}

function perspectiveKey(label: string): string {
  return label === 'not known' ? 'unknown' : label;
}
