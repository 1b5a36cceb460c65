/** A small line chart (SVG, no dependency): one line per series, x = day, y = a rate. */
export function lineChartSvg(title: string, series: { name: string; points: { x: number; y: number }[] }[], yLabel: string): string {
  const width = 720;
  const height = 400;
  const margin = { left: 72, right: 150, top: 40, bottom: 45 };
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const yMax = Math.max(...ys) * 1.1 || 1;
  const x = (v: number) => margin.left + ((v - xMin) / Math.max(1, xMax - xMin)) * (width - margin.left - margin.right);
  const y = (v: number) => height - margin.bottom - (v / yMax) * (height - margin.top - margin.bottom);
  const colours = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#7f7f7f'];
  const ticks = Array.from({ length: 5 }, (_, i) => (yMax * i) / 4);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="22" font-size="15" text-anchor="middle">${escape(title)}</text>`,
    ...ticks.map((t) => `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/><text x="${margin.left - 6}" y="${y(t) + 4}" text-anchor="end">${(100 * t).toFixed(1)}%</text>`),
    ...[...new Set(xs)].map((d) => `<text x="${x(d)}" y="${height - margin.bottom + 18}" text-anchor="middle">${d}</text>`),
    `<text x="${(margin.left + width - margin.right) / 2}" y="${height - 8}" text-anchor="middle">day</text>`,
    `<text x="14" y="${height / 2}" transform="rotate(-90 14 ${height / 2})" text-anchor="middle">${escape(yLabel)}</text>`,
    ...series.map((s, i) => {
      const colour = colours[i % colours.length];
      const path = s.points.map((p, j) => `${j ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ');
      return `<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"/><text x="${width - margin.right + 10}" y="${margin.top + 18 * i + 10}" fill="${colour}">${escape(s.name)}</text>`;
    }),
    '</svg>',
  ];
  return parts.join('\n');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
