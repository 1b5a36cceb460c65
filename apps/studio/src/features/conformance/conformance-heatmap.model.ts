import type { components } from '../../api/schema.gen.js';

export type Conformance = components['schemas']['Conformance'];
export type ConformanceCell = components['schemas']['ConformanceCell'];
export type Measure = 'readingGrade' | 'words';
export type CellStatus = 'pass' | 'warn' | 'fail';

export const MEASURES: Record<Measure, { label: string; unit: (n: number) => string }> = {
  readingGrade: { label: 'Reading grade', unit: (n) => `grade ${n}` },
  words: { label: 'Word count', unit: (n) => `${n} words` },
};

/** One square of the heatmap: what it shows, what a screen reader says, and its colour. */
export interface HeatCell {
  itemId: string;
  segmentId: string;
  variantId: string;
  status: CellStatus;
  /** The measured value, as shown in the square. */
  text: string;
  /** The signed miss against the target (grade points, or per cent of the target words). */
  delta: string;
  /** The whole reading, for assistive technology and the tooltip. */
  label: string;
  tone: string;
}

export interface HeatColumn {
  id: string;
  name: string;
  target: string;
  counts: Record<CellStatus, number>;
}

export interface HeatRow {
  itemId: string;
  title: string;
  /** In column order; null where the pair has no text variant yet. */
  cells: (HeatCell | null)[];
}

export interface Heatmap {
  columns: HeatColumn[];
  rows: HeatRow[];
  counts: Record<CellStatus, number> & { missing: number };
}

/**
 * The colour says the guardrail's verdict; the shade within it says how far off, so two warnings
 * are told apart at a glance. Every shade keeps slate-900 text at WCAG AA contrast.
 */
export const TONES: Record<CellStatus, readonly [string, string]> = {
  pass: ['bg-emerald-100', 'bg-emerald-300'],
  warn: ['bg-amber-100', 'bg-amber-300'],
  fail: ['bg-red-200', 'bg-red-300'],
};

const signed = (n: number, digits = 0) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(digits)}`;

/** How far off a cell is, relative to the target: 0 on target, 1 at a whole target's distance. */
function relativeMiss(cell: ConformanceCell, measure: Measure): number {
  const { measured, target } = cell[measure];
  return Math.abs(measured - target) / Math.max(target, 1);
}

export function heatCell(cell: ConformanceCell, measure: Measure, itemTitle: string, segmentName: string): HeatCell {
  const { measured, target, status } = cell[measure];
  const delta = measure === 'words' ? `${signed(((measured - target) / target) * 100)}%` : signed(measured - target, 1);
  const text = measure === 'words' ? String(measured) : measured.toFixed(1);
  // A third of the target away (grade or words) is where the stronger shade starts.
  const strong = relativeMiss(cell, measure) >= 1 / 3;
  return {
    itemId: cell.itemId,
    segmentId: cell.segmentId,
    variantId: cell.variantId,
    status,
    text,
    delta,
    label: `${itemTitle} for ${segmentName}: ${MEASURES[measure].label.toLowerCase()} ${text} against a target of ${target} (${delta}), ${status}`,
    tone: TONES[status][strong ? 1 : 0],
  };
}

/** Rows of items × columns of segments, with the verdict counts per segment and overall. */
export function buildHeatmap(data: Conformance, measure: Measure): Heatmap {
  const byPair = new Map(data.cells.map((c) => [`${c.itemId}\u0000${c.segmentId}`, c]));
  const counts = { pass: 0, warn: 0, fail: 0, missing: 0 };
  const columns: HeatColumn[] = data.segments.map((s) => ({
    id: s.id,
    name: s.name,
    target: measure === 'words' ? `${s.targetWords} words` : `grade ${s.readingGrade}`,
    counts: { pass: 0, warn: 0, fail: 0 },
  }));
  const rows = data.items.map((item) => ({
    itemId: item.id,
    title: item.title,
    cells: columns.map((column) => {
      const cell = byPair.get(`${item.id}\u0000${column.id}`);
      if (!cell) {
        counts.missing++;
        return null;
      }
      const heat = heatCell(cell, measure, item.title, column.name);
      column.counts[heat.status]++;
      counts[heat.status]++;
      return heat;
    }),
  }));
  return { columns, rows, counts };
}
