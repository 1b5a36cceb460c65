import { z } from 'zod';
import type { TAttributes } from './common.js';

/**
 * Segment rules: a small boolean language over user attributes.
 * Leaves compare one attribute; `all`, `any` and `not` combine them.
 */
const ZAttrSchema = z.string().min(1).max(64);
const ZValueSchema = z.union([z.string(), z.number(), z.boolean()]);

export const ZRuleLeafSchema = z.union([
  z.object({ attr: ZAttrSchema, eq: ZValueSchema }).strict(),
  z.object({ attr: ZAttrSchema, in: z.array(ZValueSchema).min(1).max(1000) }).strict(),
  z.object({ attr: ZAttrSchema, gte: z.number() }).strict(),
  z.object({ attr: ZAttrSchema, lte: z.number() }).strict(),
  z.object({ attr: ZAttrSchema, contains: ZValueSchema }).strict(),
]);

export type TSegmentRule =
  | z.infer<typeof ZRuleLeafSchema>
  | { all: TSegmentRule[] }
  | { any: TSegmentRule[] }
  | { not: TSegmentRule };

export const ZSegmentRuleSchema: z.ZodType<TSegmentRule> = z
  .lazy(() =>
    z.union([
      ZRuleLeafSchema,
      z.object({ all: z.array(ZSegmentRuleSchema).min(1).max(100) }).strict(),
      z.object({ any: z.array(ZSegmentRuleSchema).min(1).max(100) }).strict(),
      z.object({ not: ZSegmentRuleSchema }).strict(),
    ]),
  )
  .meta({ id: 'SegmentRule' });

type Scalar = string | number | boolean | null;

function sameValue(actual: Scalar, expected: string | number | boolean): boolean {
  return actual === expected || (actual !== null && String(actual) === String(expected));
}

/**
 * Evaluates a rule against one user's attributes. It is the reference semantics; the API's
 * SQL compilation of rules is tested to agree with it.
 */
export function matchesRule(rule: TSegmentRule, attributes: TAttributes): boolean {
  if ('all' in rule) return rule.all.every((r) => matchesRule(r, attributes));
  if ('any' in rule) return rule.any.some((r) => matchesRule(r, attributes));
  if ('not' in rule) return !matchesRule(rule.not, attributes);
  const value = attributes[rule.attr];
  if (value === undefined || value === null) return false;
  if ('eq' in rule) return !Array.isArray(value) && sameValue(value, rule.eq);
  if ('in' in rule) return !Array.isArray(value) && rule.in.some((v) => sameValue(value, v));
  if ('gte' in rule) return typeof value === 'number' && value >= rule.gte;
  if ('lte' in rule) return typeof value === 'number' && value <= rule.lte;
  // contains: membership for arrays, case-insensitive substring for strings.
  if (Array.isArray(value)) return value.some((v) => v !== null && sameValue(v, rule.contains));
  return (
    typeof value === 'string' &&
    value.toLowerCase().includes(String(rule.contains).toLowerCase())
  );
}
