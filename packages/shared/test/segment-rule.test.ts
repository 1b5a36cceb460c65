import { describe, expect, it } from 'vitest';
import { matchesRule, SEGMENT_RULE_LIMITS as L, ZSegmentRuleSchema, type TSegmentRule } from '@persona/shared';

const senior = { age: 70, locale: 'en-US', interests: ['gardening', 'cooking'], device: 'tablet' };
const young = { age: 22, locale: 'es-ES', interests: ['fitness'], device: 'mobile' };

describe('matchesRule', () => {
  it.each<[TSegmentRule, boolean, boolean]>([
    [{ attr: 'age', gte: 65 }, true, false],
    [{ attr: 'age', lte: 29 }, false, true],
    [{ attr: 'locale', eq: 'es-ES' }, false, true],
    [{ attr: 'device', in: ['tablet', 'desktop'] }, true, false],
    [{ attr: 'interests', contains: 'cooking' }, true, false],
    [{ attr: 'locale', contains: 'US' }, true, false],
    [{ all: [{ attr: 'age', gte: 18 }, { attr: 'age', lte: 29 }] }, false, true],
    [{ any: [{ attr: 'age', gte: 65 }, { attr: 'device', eq: 'mobile' }] }, true, true],
    [{ not: { attr: 'age', gte: 65 } }, false, true],
    [{ attr: 'missing', eq: 'x' }, false, false],
  ])('%j', (rule, forSenior, forYoung) => {
    expect(ZSegmentRuleSchema.parse(rule)).toEqual(rule);
    expect(matchesRule(rule, senior)).toBe(forSenior);
    expect(matchesRule(rule, young)).toBe(forYoung);
  });

  it('rejects unknown operators and empty combinators', () => {
    expect(ZSegmentRuleSchema.safeParse({ attr: 'age', gt: 3 }).success).toBe(false);
    expect(ZSegmentRuleSchema.safeParse({ all: [] }).success).toBe(false);
    expect(ZSegmentRuleSchema.safeParse({ not: { attr: 'age', eq: 1, lte: 3 } }).success).toBe(false);
  });
});

const leaf = { attr: 'age', gte: 1 };
const nestedNot = (depth: number): unknown => {
  let rule: unknown = leaf;
  for (let level = 1; level < depth; level++) rule = { not: rule };
  return rule;
};
const messages = (rule: unknown) => (ZSegmentRuleSchema.safeParse(rule).error?.issues ?? []).map((i) => i.message);

describe('segment rule limits', () => {
  it('accepts a rule at every limit', () => {
    expect(ZSegmentRuleSchema.safeParse(nestedNot(L.maxDepth)).success).toBe(true);
    // 1 + 1 + 99 × 2 = 200 nodes.
    const wide = { any: Array.from({ length: 99 }, () => ({ all: [leaf] })) };
    expect(ZSegmentRuleSchema.safeParse({ all: [wide] }).success).toBe(true);
    expect(ZSegmentRuleSchema.safeParse({ any: Array.from({ length: L.maxChildren }, () => leaf) }).success).toBe(true);
    const list = { attr: 'a', in: Array.from({ length: L.maxListValues }, (_v, i) => `v${i}`.padEnd(L.maxStringLength, '.')) };
    expect(ZSegmentRuleSchema.safeParse({ all: [list, list] }).success).toBe(true);
  });

  it('refuses depth, node count, list and string sizes past the limits, with a message that says which', () => {
    expect(messages(nestedNot(L.maxDepth + 1))).toEqual([`is nested deeper than ${L.maxDepth} levels`]);
    const tooMany = { all: Array.from({ length: 3 }, () => ({ any: Array.from({ length: 70 }, () => leaf) })) };
    expect(messages(tooMany)[0]).toMatch(/^has more than 200 conditions/);
    expect(messages({ any: Array.from({ length: L.maxChildren + 1 }, () => leaf) })).toEqual([`has an "any" of more than ${L.maxChildren} rules`]);
    expect(messages({ attr: 'a', in: Array.from({ length: L.maxListValues + 1 }, (_v, i) => i) })).toEqual([`has an "in" list of more than ${L.maxListValues} values`]);
    const lists = { all: Array.from({ length: 3 }, () => ({ attr: 'a', in: Array.from({ length: 900 }, (_v, i) => i) })) };
    expect(messages(lists)).toEqual([`has more than ${L.maxTotalListValues} values in its "in" lists together`]);
    for (const rule of [{ attr: 'a', eq: 'x'.repeat(L.maxStringLength + 1) }, { not: { attr: 'a', in: ['x', 'y'.repeat(L.maxStringLength + 1)] } }]) {
      expect(messages(rule)).toEqual([`has a value longer than ${L.maxStringLength} characters`]);
    }
  });

  it('refuses a rule nested 100,000 deep without recursing into it', () => {
    expect(messages(nestedNot(100_000))).toEqual([`is nested deeper than ${L.maxDepth} levels`]);
  });
});
