import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { TChannelFormat, TImageRendition, TTextContent } from '@persona/shared';
import type { DatabaseHandle } from '../db/database.js';
import { DATABASE } from '../db/database.token.js';
import { assets, banditArms, banditFamilies, items, variants } from '../db/schema.js';

/** An approved text variant of an item for a segment, with the approved image drawn from its headline. */
export interface ApprovedVariant {
  id: string;
  text: TTextContent;
  approvedAt: number;
  /** Its family in the pooled prior (variants.style_key); null: written before style keys, pools with nothing. */
  styleKey: string | null;
  image: { variantId: string; rendition: TImageRendition } | null;
}

/** What the feed needs about one ranked item: its own content, its approved variants, its arms' counters. */
export interface ServedCandidate {
  itemId: string;
  original: {
    title: string;
    body: string;
    category: string;
    tags: string[];
    image: { assetId: string; width: number; height: number } | null;
  };
  variants: ApprovedVariant[];
  /** Counters per arm id (`control` or a variant id) for the segment. */
  counters: Map<string, { exposures: number; clicks: number }>;
  /** The segment's counters per family (`control` or a style key), over all its items: the same map for every candidate. */
  families: ReadonlyMap<string, { exposures: number; clicks: number }>;
}

interface CandidateRow {
  item_id: string;
  title: string;
  body: string;
  category: string;
  tags: string[];
  image_asset_id: string | null;
  image_width: number | null;
  image_height: number | null;
  /** [arm, exposures, clicks] per arm of the item for the segment; null when it has none. */
  counters: [string, number, number][] | null;
  /** [family, exposures, clicks] per family of the segment (the same on every row). */
  families: [string, number, number][] | null;
  variant_id: string | null;
  variant_text: TTextContent | null;
  approved_at: string | Date | null;
  style_key: string | null;
  image_variant_id: string | null;
  image_renditions: TImageRendition[] | null;
}

@Injectable()
export class ServedCandidatesRepository {
  constructor(@Inject(DATABASE) private readonly handle: DatabaseHandle) {}

  /**
   * One statement for the items, their approved text variants for the segment and, for each, the
   * newest approved image variant with a rendition in `format` whose headline came from that text
   * (its `source_variant_id`, set when the image is generated), the arms' counters and the
   * segment's family counters (the pooled prior's evidence).
   */
  async load(workspaceId: string, itemIds: readonly string[], segmentId: string | null, format: TChannelFormat): Promise<Map<string, ServedCandidate>> {
    const candidates = new Map<string, ServedCandidate>();
    if (itemIds.length === 0) return candidates;
    const ids = sql.join(itemIds.map((id) => sql`${id}`), sql`, `);
    // Counters ride along as one JSON array per item row: one statement, one round trip, one connection.
    const rows = await this.handle.db.execute(sql`
      select i.id as item_id, i.title, i.body, i.category, i.tags, i.image_asset_id,
        a.width as image_width, a.height as image_height, c.counters,
        (select jsonb_agg(jsonb_build_array(f.family, f.exposures, f.clicks)) from ${banditFamilies} f
          where f.workspace_id = ${workspaceId} and f.segment_id = ${segmentId}) as families,
        v.id as variant_id, v.text as variant_text, v.updated_at as approved_at, v.style_key,
        img.id as image_variant_id, img.images as image_renditions
      from ${items} i
      left join ${assets} a on a.id = i.image_asset_id
      left join lateral (
        select jsonb_agg(jsonb_build_array(b.arm, b.exposures, b.clicks)) as counters from ${banditArms} b
        where ${segmentId}::text is not null and b.workspace_id = i.workspace_id and b.segment_id = ${segmentId} and b.item_id = i.id
      ) c on true
      left join ${variants} v on ${segmentId}::text is not null and v.workspace_id = i.workspace_id and v.item_id = i.id
        and v.segment_id = ${segmentId} and v.kind = 'text' and v.status = 'approved' and v.text is not null
      left join lateral (
        select x.id, x.images from ${variants} x
        where v.id is not null and x.source_variant_id = v.id and x.workspace_id = v.workspace_id
          and x.kind = 'image' and x.status = 'approved'
          and x.images @> jsonb_build_array(jsonb_build_object('channelFormat', ${format}::text))
        order by x.updated_at desc, x.id desc
        limit 1
      ) img on true
      where i.workspace_id = ${workspaceId} and i.id in (${ids})
      order by i.id, v.updated_at desc, v.id
    `);
    const counts = (rows: [string, number, number][] | null) =>
      new Map((rows ?? []).map(([key, exposures, clicks]) => [key, { exposures: Number(exposures), clicks: Number(clicks) }]));
    let families: ReadonlyMap<string, { exposures: number; clicks: number }> | undefined;
    for (const row of (rows as unknown as { rows: CandidateRow[] }).rows) {
      families ??= counts(row.families);
      let candidate = candidates.get(row.item_id);
      if (!candidate) {
        candidate = {
          itemId: row.item_id,
          original: {
            title: row.title,
            body: row.body,
            category: row.category,
            tags: row.tags,
            image: row.image_asset_id && row.image_width && row.image_height
              ? { assetId: row.image_asset_id, width: row.image_width, height: row.image_height }
              : null,
          },
          variants: [],
          counters: counts(row.counters),
          families,
        };
        candidates.set(row.item_id, candidate);
      }
      if (row.variant_id && row.variant_text) {
        const rendition = row.image_renditions?.find((r) => r.channelFormat === format);
        candidate.variants.push({
          id: row.variant_id,
          text: row.variant_text,
          approvedAt: new Date(row.approved_at!).getTime(),
          styleKey: row.style_key,
          image: row.image_variant_id && rendition ? { variantId: row.image_variant_id, rendition } : null,
        });
      }
    }
    return candidates;
  }
}
