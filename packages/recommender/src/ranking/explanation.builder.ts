import type { ItemCatalogIndex } from '../model/item-catalog.index.js';
import type { Explanation, RecallSource, SegmentContext } from '../recommender.types.js';
import { RECALL_SOURCES, type RankedCandidate } from './ranked-candidate.js';

/** On equal contributions the more specific explanation wins. */
const EXPLANATION_PRIORITY: readonly RecallSource[] = ['transition', 'item_cf', 'content', 'embedding', 'popularity'];

/** An item is "popular with" a segment when it is among the segment's this-many most popular. */
const SEGMENT_TOP = 20;

const segmentTops = new WeakMap<Readonly<Record<string, number>>, Set<string>>();

function segmentTop(segment: SegmentContext): Set<string> {
  let top = segmentTops.get(segment.itemPopularity);
  if (!top) {
    const entries = Object.entries(segment.itemPopularity).filter(([, v]) => v > 0);
    top = new Set(entries.sort((a, b) => b[1] - a[1]).slice(0, SEGMENT_TOP).map(([id]) => id));
    segmentTops.set(segment.itemPopularity, top);
  }
  return top;
}

/** Says why an item is in the list, from the source that contributed most to its score. */
export function explain(candidate: RankedCandidate, catalog: ItemCatalogIndex, segment?: SegmentContext): Explanation {
  if (candidate.llmReason) return { kind: 'llm_reason', text: candidate.llmReason };
  const itemId = catalog.idAt(candidate.item);
  let dominant = -1;
  for (const name of EXPLANATION_PRIORITY) {
    const s = RECALL_SOURCES.indexOf(name);
    const c = candidate.contributions[s] as number;
    if (c > 0 && (dominant < 0 || c > (candidate.contributions[dominant] as number))) dominant = s;
  }
  const source = dominant >= 0 ? RECALL_SOURCES[dominant] : undefined;
  const related = dominant >= 0 ? (candidate.relatedItems[dominant] as number) : -1;
  const relatedInfo = related >= 0 ? { relatedItemId: catalog.idAt(related) } : {};
  const title = related >= 0 ? catalog.titles[related] : undefined;
  if (source === 'transition' && title !== undefined) {
    return { kind: 'next_after', text: `Often read next after “${title}”`, ...relatedInfo };
  }
  if ((source === 'item_cf' || source === 'content') && title !== undefined) {
    return { kind: 'similar_to', text: `Similar to “${title}”, which you liked`, ...relatedInfo };
  }
  if (source === 'content' || source === 'embedding') {
    return { kind: 'content_match', text: 'Matches what you have been reading' };
  }
  if (segment && segmentTop(segment).has(itemId)) {
    return { kind: 'popular_with_segment', text: `Popular with ${segment.name}` };
  }
  return { kind: 'popular', text: 'Popular right now' };
}
