/**
 * Horizontal stacked bar charts drawn as SVG text: no browser, network or font needed to make
 * them. Each chart says its numbers in its alt text (aria-label and <title>), so a screen reader
 * user, or anyone reading the file, gets the same figures.
 */

export interface ChartSeries {
  key: string;
  label: string;
  /** A fill colour, dark enough to be told apart in print. */
  colour: string;
}

export interface ChartRow {
  label: string;
  values: Record<string, number>;
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A count as a reader reads it: whole numbers whole, anything else (weighted dots) to one decimal. */
export const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** How many characters of a label fit its column on one line, and how many lines it may take. */
const labelChars = 34;
const labelLines = 3;

/**
 * A label in lines of at most `labelChars` characters, broken between words (a word longer than a
 * line is cut between characters). A label that needs more than `labelLines` lines ends its last
 * line with "…", so a reader can see it was cut.
 */
export function wrapLabel(label: string, width = labelChars, most = labelLines): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    let rest = Array.from(word);
    while (rest.length > 0) {
      const room = line === '' ? width : width - Array.from(line).length - 1;
      if (rest.length <= room) {
        line = line === '' ? rest.join('') : `${line} ${rest.join('')}`;
        rest = [];
      } else if (line !== '') {
        lines.push(line);
        line = '';
      } else {
        lines.push(rest.slice(0, width).join(''));
        rest = rest.slice(width);
      }
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= most) return lines;
  const kept = lines.slice(0, most);
  const last = Array.from(kept[most - 1]!);
  kept[most - 1] = `${last.slice(0, width - 1).join('').replace(/\s+$/, '')}…`;
  return kept;
}

/**
 * A horizontal stacked bar chart, its rows in the order given (callers sort them largest first).
 * Labels wrap rather than being cut; each bar ends with its total, and each part of a bar wide
 * enough to hold it shows its own number; a key names the colours.
 */
export function stackedBarChart(title: string, rows: readonly ChartRow[], series: readonly ChartSeries[], unit: string): string {
  const shown = series.filter((s) => rows.some((r) => (r.values[s.key] ?? 0) > 0));
  const total = (r: ChartRow) => shown.reduce((t, s) => t + (r.values[s.key] ?? 0), 0);
  const max = Math.max(1, ...rows.map(total));
  const labelWidth = 270;
  const barWidth = 350;
  const lineHeight = 15;
  const top = 30;
  const labels = rows.map((r) => wrapLabel(r.label));
  const heights = labels.map((l) => Math.max(24, l.length * lineHeight + 9));
  const width = labelWidth + barWidth + 60;
  const alt = `${title}: ${rows
    .map((r) => `${r.label}, ${num(total(r))} ${unit}${shown.length > 1 ? ` (${shown.filter((s) => (r.values[s.key] ?? 0) > 0).map((s) => `${s.label} ${num(r.values[s.key]!)}`).join(', ')})` : ''}`)
    .join('; ')}.`;
  const parts: string[] = [];
  parts.push(`<text x="0" y="18" class="chart-title">${xml(title)}</text>`);
  let y = top;
  rows.forEach((r, i) => {
    const h = heights[i]!;
    const lines = labels[i]!;
    const first = y + h / 2 - ((lines.length - 1) * lineHeight) / 2 + 5;
    parts.push(
      `<text x="${labelWidth - 8}" text-anchor="end">${lines.map((l, k) => `<tspan x="${labelWidth - 8}" y="${(first + k * lineHeight).toFixed(1)}">${xml(l)}</tspan>`).join('')}</text>`,
    );
    let x = labelWidth;
    const barTop = y + h / 2 - 9;
    for (const s of shown) {
      const value = r.values[s.key] ?? 0;
      const w = (value / max) * barWidth;
      if (w > 0) {
        parts.push(`<rect x="${x.toFixed(1)}" y="${barTop.toFixed(1)}" width="${w.toFixed(1)}" height="18" fill="${s.colour}"/>`);
        const label = num(value);
        if (w >= label.length * 7 + 6) parts.push(`<text x="${(x + w / 2).toFixed(1)}" y="${(barTop + 13).toFixed(1)}" text-anchor="middle" class="in-bar">${label}</text>`);
      }
      x += w;
    }
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${(barTop + 13).toFixed(1)}" class="total">${num(total(r))}</text>`);
    y += h;
  });
  const legendY = y + 22;
  let lx = labelWidth;
  parts.push(`<text x="${labelWidth - 8}" y="${legendY}" text-anchor="end" class="key">Key:</text>`);
  for (const s of shown) {
    parts.push(`<rect x="${lx}" y="${legendY - 11}" width="13" height="13" fill="${s.colour}"/><text x="${lx + 17}" y="${legendY}">${xml(s.label)}</text>`);
    lx += 30 + s.label.length * 7.5;
  }
  const height = legendY + 12;
  return (
    `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${xml(alt)}" viewBox="0 0 ${width} ${height}" width="100%">` +
    `<title>${xml(alt)}</title><style>text{font:13px sans-serif;fill:#1a1a1a}.chart-title{font-weight:bold;font-size:14px}.key{font-weight:bold}.in-bar{fill:#fff;font-size:12px}.total{font-weight:bold}</style>${parts.join('')}</svg></figure>`
  );
}
