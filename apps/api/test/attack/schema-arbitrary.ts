import fc from 'fast-check';
import { hostileString, hostileValue, prototypeKeys } from './hostile-values.js';

type JsonSchema = Record<string, any>;

export interface SchemaArbitraryContext {
  /** `#/components/schemas/...` targets of the OpenAPI document. */
  components: Record<string, JsonSchema>;
  /** Real ids of the workspace, so hostile values also reach rows that exist. */
  ids: string[];
  /** Real ids for a field by its name (`segmentIds` → segment ids), when the name says which. */
  idsForField?: (name: string) => string[] | undefined;
  /** Relative weight of a hostile value at each node (against 5 for a valid one); 0 for valid values only. */
  hostility?: number;
}

const MAX_DEPTH = 12;
/** Past this depth a recursive union (a segment rule) takes its first, non-recursive branch. */
const LEAF_DEPTH = 7;

/**
 * Values shaped like a JSON Schema with hostile leaves mixed in: mostly valid, so requests get past
 * the first check and reach the services and the database, where the real failures hide.
 */
export function schemaArbitrary(schema: JsonSchema, context: SchemaArbitraryContext, name = '', depth = 0): fc.Arbitrary<unknown> {
  const valid = validArbitrary(schema, context, name, depth);
  const hostility = context.hostility ?? 1;
  return hostility === 0 ? valid : fc.oneof({ weight: 5, arbitrary: valid }, { weight: hostility, arbitrary: hostileValue });
}

/**
 * A valid value with exactly one of its leaves (or the whole value) replaced by a hostile one:
 * the request passes every other check and the hostile value reaches as deep as it can.
 */
export function oneHostileLeaf(schema: JsonSchema, context: SchemaArbitraryContext): fc.Arbitrary<unknown> {
  return fc
    .tuple(schemaArbitrary(schema, { ...context, hostility: 0 }), fc.nat(), hostileValue)
    .map(([value, pick, hostile]) => replaceLeaf(value, pick, hostile));
}

function replaceLeaf(value: unknown, pick: number, replacement: unknown): unknown {
  const paths: (string | number)[][] = [[]];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const childPath = [...path, Array.isArray(node) ? Number(key) : key];
        paths.push(childPath);
        walk(child, childPath);
      }
    }
  };
  walk(value, []);
  const path = paths[pick % paths.length]!;
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = replacement;
  return copy;
}

function validArbitrary(schema: JsonSchema, context: SchemaArbitraryContext, name: string, depth: number): fc.Arbitrary<unknown> {
  if (depth > MAX_DEPTH) return context.hostility === 0 ? fc.constant(null) : hostileValue;
  if (schema.$ref) {
    const target = context.components[String(schema.$ref).replace('#/components/schemas/', '')];
    return target ? validArbitrary(target, context, name, depth + 1) : fc.constant(null);
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const choices: JsonSchema[] = depth > LEAF_DEPTH ? alternatives.slice(0, 1) : alternatives;
    return fc.oneof(...choices.map((s) => validArbitrary(s, context, name, depth + 1)));
  }
  if (schema.allOf) return validArbitrary(schema.allOf[0], context, name, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return objectArbitrary(schema, context, depth);
    case 'array':
      return fc.array(schemaArbitrary(schema.items ?? {}, context, name, depth + 1), {
        minLength: Math.min(schema.minItems ?? 0, 3),
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'string':
      return stringArbitrary(schema, context, name);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -10, max: Math.min(schema.maximum ?? 1000, 1000) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -10, max: schema.maximum ?? 1000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArbitrary(schema: JsonSchema, context: SchemaArbitraryContext, depth: number): fc.Arbitrary<unknown> {
  const properties: Record<string, JsonSchema> = schema.properties ?? {};
  const model = Object.fromEntries(
    Object.entries(properties).map(([key, property]) => [key, schemaArbitrary(property, context, key, depth + 1)]),
  );
  const required: string[] = (schema.required ?? []).filter((key: string) => key in properties);
  const known = fc.record(model, { requiredKeys: required });
  const extra =
    schema.additionalProperties && typeof schema.additionalProperties === 'object'
      ? fc.dictionary(
          context.hostility === 0 ? fc.string({ minLength: 1, maxLength: 8 }) : fc.oneof(hostileString, prototypeKeys, fc.string({ minLength: 1, maxLength: 8 })),
          schemaArbitrary(schema.additionalProperties, context, '', depth + 1),
          { maxKeys: 3 },
        )
      : context.hostility === 0
        ? fc.constant({})
        : fc.oneof({ weight: 5, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(prototypeKeys, hostileValue, { maxKeys: 2 }) });
  return fc.tuple(known, extra).map(([base, more]) => Object.assign(Object.create(null), more, base) as object);
}

function stringArbitrary(schema: JsonSchema, context: SchemaArbitraryContext, name: string): fc.Arbitrary<string> {
  let text: fc.Arbitrary<string>;
  if (schema.format === 'date-time') {
    text = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  } else if (schema.pattern === '^#[0-9a-fA-F]{6}$') {
    text = fc.constantFrom('#112233', '#ffaa00');
  } else {
    const minLength = Math.min(schema.minLength ?? 0, 20);
    text = fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 30, 30)) });
  }
  // A field named for ids mostly gets a real one, so the request gets past "not found".
  const ids = /ids?$/i.test(name) ? (context.idsForField?.(name) ?? context.ids) : [];
  return ids.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: text }) : text;
}
