import { SEGMENT_RULE_LIMITS, type TSegmentRule } from '@persona/shared';

/**
 * The visual builder's model of a segment rule: groups of conditions, each with a stable id for
 * React and for error messages. It converts to and from the rule DSL of @persona/shared; `not`
 * is a flag on a group or a condition rather than a node of its own, which is how people read it
 * ("none of", "does not contain").
 */
export type Operator = 'eq' | 'in' | 'gte' | 'lte' | 'contains';
export type Combinator = 'all' | 'any';

export interface RuleCondition {
  kind: 'condition';
  id: string;
  attr: string;
  operator: Operator;
  negate: boolean;
  /** As typed: `in` takes a comma-separated list; `gte`/`lte` a number. */
  value: string;
}

export interface RuleGroup {
  kind: 'group';
  id: string;
  combinator: Combinator;
  negate: boolean;
  children: RuleNode[];
}

export type RuleNode = RuleCondition | RuleGroup;

let nextId = 0;
const newId = () => `r${++nextId}`;

export function newCondition(attr = ''): RuleCondition {
  return { kind: 'condition', id: newId(), attr, operator: 'eq', negate: false, value: '' };
}

export function newGroup(children: RuleNode[] = [newCondition()], combinator: Combinator = 'all'): RuleGroup {
  return { kind: 'group', id: newId(), combinator, negate: false, children };
}

type Scalar = string | number | boolean;

function scalarText(value: Scalar): string {
  return String(value);
}

/**
 * Typed text back to a DSL value. Rules compare scalars as text (see matchesRule and its SQL),
 * so the type changes nothing about which users match; numbers and booleans are kept as such
 * only when the text reads back exactly, so "007" stays a string.
 */
export function parseScalar(text: string): Scalar {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed !== '' && String(Number(trimmed)) === trimmed) return Number(trimmed);
  return trimmed;
}

export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Any rule the API accepts, as a tree whose root is a group. */
export function fromDsl(rule: TSegmentRule): RuleGroup {
  const node = nodeFromDsl(rule);
  return node.kind === 'group' ? node : newGroup([node]);
}

function nodeFromDsl(rule: TSegmentRule, negate = false): RuleNode {
  if ('not' in rule) return nodeFromDsl(rule.not, !negate);
  if ('all' in rule) return { kind: 'group', id: newId(), combinator: 'all', negate, children: rule.all.map((r) => nodeFromDsl(r)) };
  if ('any' in rule) return { kind: 'group', id: newId(), combinator: 'any', negate, children: rule.any.map((r) => nodeFromDsl(r)) };
  const base = { kind: 'condition' as const, id: newId(), attr: rule.attr, negate };
  if ('eq' in rule) return { ...base, operator: 'eq', value: scalarText(rule.eq) };
  if ('in' in rule) return { ...base, operator: 'in', value: rule.in.map(scalarText).join(', ') };
  if ('gte' in rule) return { ...base, operator: 'gte', value: String(rule.gte) };
  if ('lte' in rule) return { ...base, operator: 'lte', value: String(rule.lte) };
  return { ...base, operator: 'contains', value: scalarText(rule.contains) };
}

/** The tree as the DSL; call it on a tree `ruleTreeProblems` found nothing wrong with. */
export function toDsl(node: RuleNode): TSegmentRule {
  let rule: TSegmentRule;
  if (node.kind === 'group') {
    const children = node.children.map(toDsl);
    rule = node.combinator === 'all' ? { all: children } : { any: children };
  } else {
    const attr = node.attr.trim();
    if (node.operator === 'in') rule = { attr, in: splitList(node.value).map(parseScalar) };
    else if (node.operator === 'gte') rule = { attr, gte: Number(node.value) };
    else if (node.operator === 'lte') rule = { attr, lte: Number(node.value) };
    else if (node.operator === 'eq') rule = { attr, eq: parseScalar(node.value) };
    else rule = { attr, contains: parseScalar(node.value) };
  }
  return node.negate ? { not: rule } : rule;
}

/** What is wrong with one node's own fields, by field; what is wrong with the rule as a whole. */
export interface RuleTreeProblems {
  byNode: Record<string, { attr?: string; value?: string; children?: string }>;
  overall: string | null;
}

const L = SEGMENT_RULE_LIMITS;

/** Each node's DSL size (a negated node is a `not` plus the node) and depth, as the API counts them. */
export function ruleTreeSize(root: RuleGroup): { nodes: number; depth: number } {
  let nodes = 0;
  let depth = 0;
  const walk = (node: RuleNode, level: number) => {
    const own = node.negate ? 2 : 1;
    nodes += own;
    const deepest = level + own - 1;
    depth = Math.max(depth, deepest);
    if (node.kind === 'group') for (const child of node.children) walk(child, deepest + 1);
  };
  walk(root, 1);
  return { nodes, depth };
}

/** The same bounds the API enforces (SEGMENT_RULE_LIMITS), reported on the field that breaks them. */
export function ruleTreeProblems(root: RuleGroup): RuleTreeProblems {
  const byNode: RuleTreeProblems['byNode'] = {};
  let listValues = 0;
  const walk = (node: RuleNode) => {
    if (node.kind === 'group') {
      if (node.children.length === 0) byNode[node.id] = { children: 'Add at least one condition to this group.' };
      else if (node.children.length > L.maxChildren) byNode[node.id] = { children: `At most ${L.maxChildren} conditions in one group.` };
      node.children.forEach(walk);
      return;
    }
    const problems: { attr?: string; value?: string } = {};
    const attr = node.attr.trim();
    if (attr === '') problems.attr = 'Required.';
    else if (attr.length > 64) problems.attr = 'At most 64 characters.';
    if (node.operator === 'gte' || node.operator === 'lte') {
      if (node.value.trim() === '' || !Number.isFinite(Number(node.value))) problems.value = 'A number.';
    } else if (node.operator === 'in') {
      const values = splitList(node.value);
      listValues += values.length;
      if (values.length === 0) problems.value = 'One or more values, separated by commas.';
      else if (values.length > L.maxListValues) problems.value = `At most ${L.maxListValues} values.`;
      else if (values.some((v) => v.length > L.maxStringLength)) problems.value = `Each value at most ${L.maxStringLength} characters.`;
    } else if (node.value.trim() === '') problems.value = 'Required.';
    else if (node.value.trim().length > L.maxStringLength) problems.value = `At most ${L.maxStringLength} characters.`;
    if (problems.attr || problems.value) byNode[node.id] = problems;
  };
  walk(root);
  const { nodes, depth } = ruleTreeSize(root);
  const overall =
    depth > L.maxDepth
      ? `The rule is nested deeper than ${L.maxDepth} levels.`
      : nodes > L.maxNodes
        ? `The rule has more than ${L.maxNodes} parts.`
        : listValues > L.maxTotalListValues
          ? `The rule's lists hold more than ${L.maxTotalListValues} values together.`
          : null;
  return { byNode, overall };
}

export function hasProblems(problems: RuleTreeProblems): boolean {
  return problems.overall !== null || Object.keys(problems.byNode).length > 0;
}

/** The tree with one node replaced (by id) by what `change` returns, or removed when it returns null. */
export function updateNode(root: RuleGroup, id: string, change: (node: RuleNode) => RuleNode | null): RuleGroup {
  const visit = (node: RuleNode): RuleNode | null => {
    if (node.id === id) return change(node);
    if (node.kind !== 'group') return node;
    return { ...node, children: node.children.map(visit).filter((n): n is RuleNode => n !== null) };
  };
  return (visit(root) as RuleGroup | null) ?? root;
}

/** The depth at which a node sits (root = 1, counting `not` as the DSL does), for disabling "Add group". */
export function depthOf(root: RuleGroup, id: string): number {
  const find = (node: RuleNode, level: number): number | null => {
    const own = level + (node.negate ? 1 : 0);
    if (node.id === id) return own;
    if (node.kind !== 'group') return null;
    for (const child of node.children) {
      const found = find(child, own + 1);
      if (found !== null) return found;
    }
    return null;
  };
  return find(root, 1) ?? 1;
}
