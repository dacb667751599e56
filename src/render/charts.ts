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
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

export function stackedBarChart(title: string, rows: readonly ChartRow[], series: readonly ChartSeries[], unit: string): string {
  const shown = series.filter((s) => rows.some((r) => (r.values[s.key] ?? 0) > 0));
  const total = (r: ChartRow) => shown.reduce((t, s) => t + (r.values[s.key] ?? 0), 0);
  const max = Math.max(1, ...rows.map(total));
  const labelWidth = 260;
  const barWidth = 360;
  const rowHeight = 22;
  const top = 30;
  const height = top + rows.length * rowHeight + 34;
  const width = labelWidth + barWidth + 60;
  const alt = `${title}: ${rows
    .map((r) => `${r.label}, ${num(total(r))} ${unit}${shown.length > 1 ? ` (${shown.filter((s) => (r.values[s.key] ?? 0) > 0).map((s) => `${s.label} ${num(r.values[s.key]!)}`).join(', ')})` : ''}`)
    .join('; ')}.`;
  const parts: string[] = [];
  parts.push(`<text x="0" y="18" class="chart-title">${xml(title)}</text>`);
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    // Cut by characters, never inside one, to fit the label column.
    const chars = Array.from(r.label);
    const label = chars.length > 34 ? `${chars.slice(0, 33).join('')}…` : r.label;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${xml(label)}</text>`);
    let x = labelWidth;
    for (const s of shown) {
      const w = ((r.values[s.key] ?? 0) / max) * barWidth;
      if (w > 0) parts.push(`<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowHeight - 6}" fill="${s.colour}"/>`);
      x += w;
    }
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${y + 15}">${num(total(r))}</text>`);
  });
  const legendY = top + rows.length * rowHeight + 20;
  let lx = labelWidth;
  for (const s of shown) {
    parts.push(`<rect x="${lx}" y="${legendY - 10}" width="12" height="12" fill="${s.colour}"/><text x="${lx + 16}" y="${legendY}">${xml(s.label)}</text>`);
    lx += 24 + s.label.length * 8;
  }
  return (
    `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${xml(alt)}" viewBox="0 0 ${width} ${height}" width="100%">` +
    `<title>${xml(alt)}</title><style>text{font:13px sans-serif;fill:#1a1a1a}.chart-title{font-weight:bold;font-size:14px}</style>${parts.join('')}</svg></figure>`
  );
}
