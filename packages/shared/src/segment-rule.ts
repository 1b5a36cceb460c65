import { z } from 'zod';
import type { TAttributes } from './common.js';

/**
 * Segment rules: a small boolean language over user attributes.
 * Leaves compare one attribute; `all`, `any` and `not` combine them.
 *
 * A rule is evaluated for every user a feed or a preview looks at, and compiled to SQL, so its size
 * is bounded: these limits are far above any rule a person writes, and far below one that hurts.
 */
export const SEGMENT_RULE_LIMITS = {
  /** Levels of nesting, the root rule being level 1. */
  maxDepth: 10,
  /** Leaves and combinators together. */
  maxNodes: 200,
  /** Rules in one `all` or `any`. */
  maxChildren: 100,
  /** Values in one `in` list, and in all of a rule's `in` lists together. */
  maxListValues: 1000,
  maxTotalListValues: 2000,
  /** Characters of a compared string value. */
  maxStringLength: 200,
} as const;

const L = SEGMENT_RULE_LIMITS;
const ZAttrSchema = z.string().min(1).max(64);
const ZValueSchema = z.union([z.string().max(L.maxStringLength), z.number(), z.boolean()]);

export const ZRuleLeafSchema = z.union([
  z.object({ attr: ZAttrSchema, eq: ZValueSchema }).strict(),
  z.object({ attr: ZAttrSchema, in: z.array(ZValueSchema).min(1).max(L.maxListValues) }).strict(),
  z.object({ attr: ZAttrSchema, gte: z.number() }).strict(),
  z.object({ attr: ZAttrSchema, lte: z.number() }).strict(),
  z.object({ attr: ZAttrSchema, contains: ZValueSchema }).strict(),
]);

export type TSegmentRule =
  | z.infer<typeof ZRuleLeafSchema>
  | { all: TSegmentRule[] }
  | { any: TSegmentRule[] }
  | { not: TSegmentRule };

/**
 * The first size limit a rule breaks, or null. It walks the raw input with an explicit stack and
 * stops at the first limit passed, so its cost is bounded by the limits, not by the input: a rule
 * nested 100,000 deep is refused after 11 steps, before the recursive schema below sees it.
 * Shapes it does not recognise are left to the schema to report.
 */
export function segmentRuleSizeProblem(rule: unknown): string | null {
  const stack: [node: unknown, depth: number][] = [[rule, 1]];
  let nodes = 0;
  let listValues = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > L.maxDepth) return `is nested deeper than ${L.maxDepth} levels`;
    if (++nodes > L.maxNodes) return `has more than ${L.maxNodes} conditions (each leaf, all, any and not counts)`;
    if (typeof node !== 'object' || node === null || Array.isArray(node)) continue;
    for (const combinator of ['all', 'any'] as const) {
      const children = Object.hasOwn(node, combinator) ? (node as Record<string, unknown>)[combinator] : undefined;
      if (!Array.isArray(children)) continue;
      if (children.length > L.maxChildren) return `has an "${combinator}" of more than ${L.maxChildren} rules`;
      for (const child of children) stack.push([child, depth + 1]);
    }
    if (Object.hasOwn(node, 'not')) stack.push([(node as { not: unknown }).not, depth + 1]);
    const list = Object.hasOwn(node, 'in') ? (node as { in: unknown }).in : undefined;
    if (Array.isArray(list)) {
      if (list.length > L.maxListValues) return `has an "in" list of more than ${L.maxListValues} values`;
      if ((listValues += list.length) > L.maxTotalListValues) {
        return `has more than ${L.maxTotalListValues} values in its "in" lists together`;
      }
    }
    const values = [...(Array.isArray(list) ? list : []), (node as { eq?: unknown }).eq, (node as { contains?: unknown }).contains];
    if (values.some((value) => typeof value === 'string' && value.length > L.maxStringLength)) {
      return `has a value longer than ${L.maxStringLength} characters`;
    }
  }
  return null;
}

const ZRuleNodeSchema: z.ZodType<TSegmentRule> = z
  .lazy(() =>
    z.union([
      ZRuleLeafSchema,
      z.object({ all: z.array(ZRuleNodeSchema).min(1).max(L.maxChildren) }).strict(),
      z.object({ any: z.array(ZRuleNodeSchema).min(1).max(L.maxChildren) }).strict(),
      z.object({ not: ZRuleNodeSchema }).strict(),
    ]),
  )
  .meta({ id: 'SegmentRule' });

/** A segment rule, its size checked cheaply before its shape is (see segmentRuleSizeProblem). */
export const ZSegmentRuleSchema = z.preprocess((rule, context) => {
  const problem = segmentRuleSizeProblem(rule);
  if (problem) context.addIssue({ code: 'custom', message: problem, input: rule });
  return rule;
}, ZRuleNodeSchema);

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
