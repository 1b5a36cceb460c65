import { describe, expect, it } from 'vitest';
import { matchesRule, ZSegmentRuleSchema, type TSegmentRule } from '@persona/shared';

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
