import { describe, expect, it } from 'vitest';
import { buildHeatmap, heatCell, type Conformance, type ConformanceCell } from '../src/features/conformance/conformance-heatmap.model.js';

const measure = (measured: number, target: number, status: 'pass' | 'warn' | 'fail') => ({ measured, target, status, detail: '' });
const cell = (itemId: string, segmentId: string, grade: [number, number, 'pass' | 'warn' | 'fail'], words: [number, number, 'pass' | 'warn' | 'fail']): ConformanceCell => ({
  itemId,
  segmentId,
  variantId: `var_${itemId}_${segmentId}`,
  variantStatus: 'draft',
  engine: 'template',
  readingGrade: measure(...grade),
  words: measure(...words),
});

// Two items × two segments, one pair without a variant yet.
const data: Conformance = {
  segments: [
    { id: 'seg_a', name: 'Seniors', readingGrade: 6, targetWords: 80 },
    { id: 'seg_b', name: 'Young adults', readingGrade: 10, targetWords: 200 },
  ],
  items: [
    { id: 'itm_1', title: 'Tomato soup' },
    { id: 'itm_2', title: 'Lisbon in a weekend' },
  ],
  cells: [
    cell('itm_1', 'seg_a', [7.2, 6, 'pass'], [96, 80, 'pass']),
    cell('itm_1', 'seg_b', [15.5, 10, 'fail'], [120, 200, 'fail']),
    cell('itm_2', 'seg_b', [8.4, 10, 'pass'], [150, 200, 'warn']),
  ],
};

describe('the conformance heatmap model', () => {
  it('lays items out as rows and segments as columns, with a gap where a pair has no variant', () => {
    const heatmap = buildHeatmap(data, 'readingGrade');
    expect(heatmap.columns.map((c) => [c.name, c.target])).toEqual([
      ['Seniors', 'grade 6'],
      ['Young adults', 'grade 10'],
    ]);
    expect(heatmap.rows.map((r) => [r.title, r.cells.map((c) => c && c.text)])).toEqual([
      ['Tomato soup', ['7.2', '15.5']],
      ['Lisbon in a weekend', [null, '8.4']],
    ]);
    expect(heatmap.counts).toEqual({ pass: 2, warn: 0, fail: 1, missing: 1 });
    expect(heatmap.columns.map((c) => c.counts)).toEqual([
      { pass: 1, warn: 0, fail: 0 },
      { pass: 1, warn: 0, fail: 1 },
    ]);
  });

  it('switches every cell to the word count, its verdict and its miss in per cent of the target', () => {
    const heatmap = buildHeatmap(data, 'words');
    expect(heatmap.columns[1]!.target).toBe('200 words');
    expect(heatmap.rows[0]!.cells.map((c) => [c!.text, c!.delta, c!.status])).toEqual([
      ['96', '+20%', 'pass'],
      ['120', '−40%', 'fail'],
    ]);
    expect(heatmap.counts).toEqual({ pass: 1, warn: 1, fail: 1, missing: 1 });
  });

  it('gives every cell a full reading for assistive technology', () => {
    const heat = heatCell(data.cells[1]!, 'readingGrade', 'Tomato soup', 'Young adults');
    expect(heat.label).toBe('Tomato soup for Young adults: reading grade 15.5 against a target of 10 (+5.5), fail');
    expect(heatCell(data.cells[0]!, 'readingGrade', 'Tomato soup', 'Seniors').delta).toBe('+1.2');
  });

  it('shades a cell more strongly once it is a third of the target or more away', () => {
    // 7.2 against 6 is 20% off (light); 15.5 against 10 is 55% off (strong); both keep their verdict's colour.
    expect(heatCell(data.cells[0]!, 'readingGrade', 't', 's').tone).toBe('bg-emerald-100');
    expect(heatCell(data.cells[1]!, 'readingGrade', 't', 's').tone).toBe('bg-red-300');
    expect(heatCell(data.cells[2]!, 'words', 't', 's').tone).toBe('bg-amber-100');
    expect(heatCell(cell('i', 's', [6, 6, 'pass'], [40, 80, 'fail']), 'words', 't', 's').tone).toBe('bg-red-300');
  });
});
