import { createRandom, pick, randomInt } from './deterministic-random.js';

type JsonSchema = Record<string, unknown>;

interface SampleContext {
  random: () => number;
  root: JsonSchema;
  depth: number;
}

/** Past this nesting depth only required properties and minimal arrays are produced (recursive schemas). */
const MAX_DEPTH = 6;
const WORDS = [
  'fresh', 'quick', 'garden', 'summer', 'classic', 'bright', 'simple', 'golden', 'crisp', 'gentle',
  'recipe', 'story', 'guide', 'market', 'travel', 'morning', 'kitchen', 'update', 'season', 'review',
] as const;
/** Candidates tried, in order, when a string schema carries a `pattern`; the first that matches wins. */
const PATTERN_CANDIDATES = ['sample', 'sample-value', 'abc123', '123', 'ABC', 'a', 'A1', '2024-01-01', 'sample_value'];

/**
 * A deterministic value that validates against `schema` (the subset structured outputs use:
 * types, enum/const, required, min/max items and lengths, numeric bounds, $ref, anyOf/oneOf/allOf,
 * common string formats; `pattern` only loosely). The same schema and seed give the same value.
 */
export function sampleJsonSchema(schema: JsonSchema, seed: number): unknown {
  return sampleNode(schema, { random: createRandom(seed), root: schema, depth: 0 });
}

function sampleNode(node: unknown, ctx: SampleContext): unknown {
  if (!isSchema(node)) return node === false ? null : 'value';
  if (typeof node.$ref === 'string') return sampleNode(resolveRef(node.$ref, ctx.root), ctx);
  if ('const' in node) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) return pick(ctx.random, node.enum);
  const alternatives = node.anyOf ?? node.oneOf;
  if (Array.isArray(alternatives) && alternatives.length > 0) return sampleAlternative(alternatives, ctx);
  if (Array.isArray(node.allOf)) return sampleNode(mergeAll(node, node.allOf, ctx.root), ctx);

  switch (primaryType(node)) {
    case 'object':
      return sampleObject(node, ctx);
    case 'array':
      return sampleArray(node, ctx);
    case 'integer':
      return sampleNumber(node, ctx, true);
    case 'number':
      return sampleNumber(node, ctx, false);
    case 'boolean':
      return ctx.random() < 0.5;
    case 'null':
      return null;
    default:
      return sampleString(node, ctx);
  }
}

function sampleAlternative(alternatives: unknown[], ctx: SampleContext): unknown {
  const nonNull = alternatives.filter((alt) => !(isSchema(alt) && alt.type === 'null'));
  if (nonNull.length === 0 || ctx.depth > MAX_DEPTH) {
    return alternatives.some((alt) => isSchema(alt) && alt.type === 'null') ? null : sampleNode(alternatives[0], ctx);
  }
  return sampleNode(pick(ctx.random, nonNull), ctx);
}

function sampleObject(node: JsonSchema, ctx: SampleContext): Record<string, unknown> {
  const properties = isSchema(node.properties) ? node.properties : {};
  const required = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
  const inner = { ...ctx, depth: ctx.depth + 1 };
  const value: Record<string, unknown> = {};
  for (const [key, propertySchema] of Object.entries(properties)) {
    if (ctx.depth > MAX_DEPTH && !required.has(key)) continue;
    value[key] = sampleNode(propertySchema, inner);
  }
  for (const key of required) {
    if (!(key in value)) value[key] = 'value';
  }
  // A record (`additionalProperties: <schema>` without properties) still deserves a couple of entries.
  if (Object.keys(properties).length === 0 && isSchema(node.additionalProperties) && ctx.depth <= MAX_DEPTH) {
    const count = randomInt(ctx.random, 1, 2);
    for (let index = 1; index <= count; index++) value[`key${index}`] = sampleNode(node.additionalProperties, inner);
  }
  return value;
}

function sampleArray(node: JsonSchema, ctx: SampleContext): unknown[] {
  const inner = { ...ctx, depth: ctx.depth + 1 };
  if (Array.isArray(node.prefixItems)) return node.prefixItems.map((item) => sampleNode(item, inner));
  const minItems = numberOr(node.minItems, 0);
  const maxItems = numberOr(node.maxItems, Math.max(minItems, 1) + 2);
  const length =
    ctx.depth > MAX_DEPTH ? minItems : randomInt(ctx.random, Math.min(Math.max(minItems, 1), maxItems), maxItems);
  const items: unknown[] = [];
  const seen = new Set<string>();
  // Distinct values are produced by drawing again; a few draws suffice for the schemas tests use.
  for (let attempt = 0; items.length < length && attempt < length * 10; attempt++) {
    const item = sampleNode(node.items, inner);
    const key = JSON.stringify(item);
    if (node.uniqueItems === true && seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return items;
}

function sampleNumber(node: JsonSchema, ctx: SampleContext, integer: boolean): number {
  const exclusiveMin = typeof node.exclusiveMinimum === 'number' ? node.exclusiveMinimum : undefined;
  const exclusiveMax = typeof node.exclusiveMaximum === 'number' ? node.exclusiveMaximum : undefined;
  const step = integer ? 1 : 0.01;
  let low = typeof node.minimum === 'number' ? node.minimum : exclusiveMin !== undefined ? exclusiveMin + step : undefined;
  let high = typeof node.maximum === 'number' ? node.maximum : exclusiveMax !== undefined ? exclusiveMax - step : undefined;
  // Keep values small and readable even when the bounds are huge (zod's int() uses the safe-integer range).
  low ??= high !== undefined ? Math.min(0, high - 100) : 0;
  high ??= low + 100;
  const start = Math.min(Math.max(0, low), high);
  const end = Math.min(high, start + 100);
  const multipleOf = typeof node.multipleOf === 'number' && node.multipleOf > 0 ? node.multipleOf : undefined;
  if (multipleOf !== undefined) {
    const first = Math.ceil(start / multipleOf);
    const last = Math.max(first, Math.floor(end / multipleOf));
    return randomInt(ctx.random, first, last) * multipleOf;
  }
  if (integer) return randomInt(ctx.random, Math.ceil(start), Math.floor(end));
  const value = Math.round((start + ctx.random() * (end - start)) * 100) / 100;
  return Math.min(Math.max(value, start), end);
}

function sampleString(node: JsonSchema, ctx: SampleContext): string {
  const formatted = typeof node.format === 'string' ? sampleFormat(node.format, ctx) : undefined;
  let text = formatted ?? sampleWords(ctx);
  const minLength = numberOr(node.minLength, 0);
  const maxLength = numberOr(node.maxLength, Number.POSITIVE_INFINITY);
  while (text.length < minLength) text += ` ${pick(ctx.random, WORDS)}`;
  if (text.length > maxLength) text = text.slice(0, maxLength).trimEnd().padEnd(Math.max(minLength, 0), 'x');
  if (typeof node.pattern === 'string') text = matchPattern(node.pattern, text, minLength, maxLength);
  return text;
}

function sampleWords(ctx: SampleContext): string {
  const count = randomInt(ctx.random, 2, 5);
  return Array.from({ length: count }, () => pick(ctx.random, WORDS)).join(' ');
}

function sampleFormat(format: string, ctx: SampleContext): string | undefined {
  const n = randomInt(ctx.random, 1, 999);
  const date = new Date(Date.UTC(2024, 0, 1) + n * 86_400_000 + n * 61_000);
  switch (format) {
    case 'date-time':
      return date.toISOString();
    case 'date':
      return date.toISOString().slice(0, 10);
    case 'time':
      return date.toISOString().slice(11, 19) + 'Z';
    case 'email':
      return `user${n}@example.com`;
    case 'uri':
    case 'url':
      return `https://example.com/${pick(ctx.random, WORDS)}/${n}`;
    case 'uuid': {
      const hex = Array.from({ length: 32 }, () => Math.floor(ctx.random() * 16).toString(16)).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
    }
    case 'ipv4':
      return `10.0.${n % 256}.${(n * 7) % 256}`;
    case 'ipv6':
      return `fd00::${n.toString(16)}`;
    case 'hostname':
      return `host-${n}.example.com`;
    case 'duration':
      return `PT${n}M`;
    default:
      return undefined;
  }
}

function matchPattern(pattern: string, text: string, minLength: number, maxLength: number): string {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch {
    return text;
  }
  const fits = (candidate: string) =>
    regex.test(candidate) && candidate.length >= minLength && candidate.length <= maxLength;
  return [text, ...PATTERN_CANDIDATES].find(fits) ?? text;
}

function primaryType(node: JsonSchema): string {
  const type = Array.isArray(node.type) ? (node.type.find((t) => t !== 'null') ?? 'null') : node.type;
  if (typeof type === 'string') return type;
  if (isSchema(node.properties) || node.additionalProperties !== undefined) return 'object';
  if (node.items !== undefined || node.prefixItems !== undefined) return 'array';
  return 'string';
}

function mergeAll(node: JsonSchema, parts: unknown[], root: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...node };
  const properties: JsonSchema = isSchema(node.properties) ? { ...node.properties } : {};
  const required = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
  for (const raw of parts) {
    const part = isSchema(raw) && typeof raw.$ref === 'string' ? resolveRef(raw.$ref, root) : raw;
    if (!isSchema(part)) continue;
    Object.assign(merged, part);
    if (isSchema(part.properties)) Object.assign(properties, part.properties);
    if (Array.isArray(part.required)) part.required.forEach((key) => required.add(String(key)));
  }
  delete merged.allOf;
  if (Object.keys(properties).length === 0) return merged;
  return { ...merged, properties, required: [...required] };
}

function resolveRef(ref: string, root: JsonSchema): unknown {
  if (!ref.startsWith('#')) return true;
  return ref
    .slice(1)
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment.replaceAll('~1', '/').replaceAll('~0', '~')))
    .reduce<unknown>((current, segment) => (isSchema(current) ? current[segment] : undefined), root);
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
