import type { TGuardrailReport, TProvenance, TSegmentStyle, TTextContent } from '@persona/shared';

/** The parts of a catalog item that generation reads (TItem, TItemInput and demo items all fit). */
export interface SourceItem {
  title: string;
  body: string;
  category: string;
  tags: readonly string[];
  /** The item's fields in other languages, by locale tag: generation for a segment of that locale starts from them. */
  translations?: Readonly<Record<string, SourceTranslation>>;
}

/** An item's title, optional summary and body in one other language. */
export interface SourceTranslation {
  title: string;
  summary?: string | undefined;
  body: string;
}

/** The parts of a segment that generation reads (TSegment and TSegmentInput fit). */
export interface TargetSegment {
  name: string;
  style: TSegmentStyle;
}

/** How the brand speaks, whatever the segment; its name may appear in outputs. */
export interface BrandVoice {
  name: string;
  /** Free-text guidance, e.g. "friendly experts, never pushy". */
  guidance: string;
  /** Terms the brand never uses, checked like a segment's must-avoid list. */
  avoid?: readonly string[];
}

export type GeneratedStatus = 'draft' | 'failed';

export interface TextVariant {
  status: GeneratedStatus;
  /** Null when the engine produced nothing usable (status failed). */
  content: TTextContent | null;
  failureReason: string | null;
  guardrails: TGuardrailReport;
  provenance: TProvenance;
}
