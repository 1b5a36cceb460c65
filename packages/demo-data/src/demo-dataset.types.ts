import type { TEventType, TSegmentInput } from '@persona/shared';

/** The shape drawn at the centre of an item's image; one per category. */
export type DemoMotif = 'bowl' | 'mountain' | 'pulse' | 'coins' | 'leaf' | 'circuit';

/** Everything renderDemoImage needs: the same spec always renders the same JPEG. */
export interface DemoImageSpec {
  motif: DemoMotif;
  /** Background, surface, accent and highlight colours, as #rrggbb. */
  palette: [string, string, string, string];
  /** Drives the placement of the decorative shapes around the motif. */
  seed: number;
}

export type DemoAttributeValue = string | number | boolean;

export interface DemoItem {
  externalId: string;
  title: string;
  body: string;
  category: string;
  tags: string[];
  /** The item written in other languages, by locale tag: every demo item has its Spanish version under `es`. */
  translations: Record<string, { title: string; body: string }>;
  /** ISO 8601 timestamp. */
  publishedAt: string;
  /** Includes `group` (taste cluster), `seriesId`, `seriesPart` and `seriesLength`. */
  attributes: Record<string, DemoAttributeValue>;
  image: DemoImageSpec;
}

export type DemoDevice = 'mobile' | 'tablet' | 'desktop';

export interface DemoUser {
  id: string;
  attributes: { age: number; locale: string; interests: string[]; device: DemoDevice; country: string };
}

export interface DemoInteraction {
  id: string;
  userId: string;
  itemExternalId: string;
  type: TEventType;
  /** ISO 8601 timestamp; increasing per user. */
  at: string;
}

export interface DemoDataset {
  items: DemoItem[];
  users: DemoUser[];
  segments: TSegmentInput[];
  interactions: DemoInteraction[];
}

export interface DemoDatasetOptions {
  seed?: number;
  items?: number;
  users?: number;
  interactions?: number;
  now?: Date;
}
