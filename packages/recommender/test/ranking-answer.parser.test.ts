import { describe, expect, it } from 'vitest';
import { groundRanking, parseRankingAnswer, shortCandidateIds, type PromptCandidate } from '../src/index.js';

const titles = ['Weeknight Thai green curry', 'Sourdough starter from scratch', 'Trail running for beginners', 'Index funds explained simply'];
const ids = shortCandidateIds(['item-a', 'item-b', 'item-c', 'item-d']);
const candidates: PromptCandidate[] = titles.map((title, i) => ({ shortId: ids[i] as string, title, category: 'misc' }));
const id = (i: number) => ids[i] as string;

describe('short candidate ids', () => {
  it('are stable per item, distinct in a list, and never look like list numbers', () => {
    expect(shortCandidateIds(['item-a', 'item-b', 'item-c', 'item-d'])).toEqual(ids);
    const many = shortCandidateIds(Array.from({ length: 500 }, (_, i) => `item-${i}`));
    expect(new Set(many).size).toBe(500);
    for (const shortId of many) expect(shortId).toMatch(/^[a-z][a-z0-9]{2}[0-9]$/);
  });
});

describe('parseRankingAnswer', () => {
  it('reads structured JSON, also fenced and wrapped in prose, with reasons', () => {
    const json = JSON.stringify({ ranking: [{ id: id(2), reason: 'runs a lot' }, { id: id(0), reason: 'likes curry' }] });
    for (const content of [json, `Here you go:\n\`\`\`json\n${json}\n\`\`\``]) {
      const parsed = parseRankingAnswer(content, candidates);
      expect(parsed).toMatchObject({ positions: [2, 0], unknown: 0, format: 'json' });
      expect(parsed.reasons.get(2)).toBe('runs a lot');
    }
  });

  it('accepts a bare JSON array of ids and counts hallucinated ones', () => {
    const parsed = parseRankingAnswer(JSON.stringify([id(3), 'zz12', id(3).toUpperCase()]), candidates);
    expect(parsed).toMatchObject({ positions: [3, 3], unknown: 1 });
  });

  it('reads prose by ids, by list numbers and by fuzzy titles', () => {
    expect(parseRankingAnswer(`${id(1)}, ${id(3)} then ${id(0)}`, candidates).positions).toEqual([1, 3, 0]);
    expect(parseRankingAnswer('My order: \n3, 1, 4\n', candidates).positions).toEqual([2, 0, 3]);
    expect(parseRankingAnswer('1. [2]\n2. #4\n3. candidate 1 — close second', candidates).positions).toEqual([1, 3, 0]);
    const fuzzy = parseRankingAnswer('1. Index funds, explained simply! — low effort\n2. trail-running for beginner\n3. Something else entirely', candidates);
    expect(fuzzy.positions).toEqual([3, 2]);
    expect(fuzzy.reasons.get(3)).toBe('low effort');
  });

  it('finds nothing in an answer that names no candidate', () => {
    expect(parseRankingAnswer('I cannot decide, they are all great.', candidates).positions).toEqual([]);
    expect(parseRankingAnswer('{"ranking": [{"id": ', candidates).positions).toEqual([]);
  });
});

describe('groundRanking', () => {
  it('drops unknown and repeated positions and appends the missing ones in classical order', () => {
    expect(groundRanking([3, 3, -1, 9, 1], 5)).toEqual({ order: [3, 1, 0, 2, 4], duplicates: 1, appended: 3 });
    expect(groundRanking([], 3)).toEqual({ order: [0, 1, 2], duplicates: 0, appended: 3 });
  });
});
