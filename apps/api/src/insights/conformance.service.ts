import { Inject, Injectable } from '@nestjs/common';
import { checkLength, checkReadingGrade, countWords, readingGrade } from '@persona/generator';
import type { TConformance, TConformanceCell, TConformanceQuery } from '@persona/shared';
import { ConformanceRepository, type ConformanceRow, type ConformanceSegmentRow } from './conformance.repository.js';

/** Columns of the heatmap at most: a workspace with hundreds of segments still gets a readable, bounded answer. */
export const CONFORMANCE_MAX_SEGMENTS = 40;

/**
 * The style-conformance view: each stored text variant measured afresh against its segment's
 * current target (reading grade, words), judged by the same checks the guardrails run, so a
 * creator sees where the engine misses the brief — including variants written before the brief
 * changed.
 */
@Injectable()
export class ConformanceService {
  constructor(@Inject(ConformanceRepository) private readonly repo: ConformanceRepository) {}

  async conformance(workspaceId: string, query: TConformanceQuery): Promise<TConformance> {
    const rows = await this.repo.latestTextVariants(workspaceId, query);
    const variantsPerSegment = new Map<string, number>();
    for (const row of rows) variantsPerSegment.set(row.segment_id, (variantsPerSegment.get(row.segment_id) ?? 0) + 1);
    const segmentIds = [...variantsPerSegment.entries()]
      .sort(([a, na], [b, nb]) => nb - na || a.localeCompare(b))
      .slice(0, CONFORMANCE_MAX_SEGMENTS)
      .map(([id]) => id);
    const segments = new Map((await this.repo.segmentsById(workspaceId, segmentIds)).map((s) => [s.id, s]));

    const items = new Map<string, { id: string; title: string }>();
    const cells: TConformanceCell[] = [];
    for (const row of rows) {
      const segment = segments.get(row.segment_id);
      if (!segment) continue;
      if (!items.has(row.item_id)) items.set(row.item_id, { id: row.item_id, title: row.title });
      cells.push(this.cell(row, segment));
    }
    return {
      segments: segmentIds
        .map((id) => segments.get(id))
        .filter((s): s is ConformanceSegmentRow => s !== undefined)
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
        .map((s) => ({ id: s.id, name: s.name, readingGrade: s.style.readingGrade, targetWords: s.style.targetWords })),
      items: [...items.values()],
      cells,
    };
  }

  private cell(row: ConformanceRow, segment: ConformanceSegmentRow): TConformanceCell {
    const context = {
      content: row.text,
      source: { title: row.title, body: row.body, category: row.category, tags: row.tags },
      style: segment.style,
      brandVoice: undefined,
      siblings: [],
    };
    const grade = checkReadingGrade(context);
    const length = checkLength(context);
    return {
      itemId: row.item_id,
      segmentId: row.segment_id,
      variantId: row.variant_id,
      variantStatus: row.status,
      engine: row.engine,
      readingGrade: {
        measured: Math.round(readingGrade(row.text.body) * 10) / 10,
        target: segment.style.readingGrade,
        status: grade.status,
        detail: grade.detail,
      },
      words: { measured: countWords(row.text.body), target: segment.style.targetWords, status: length.status, detail: length.detail },
    };
  }
}
