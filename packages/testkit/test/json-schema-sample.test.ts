import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sampleJsonSchema } from '../src/index.js';

const ajv = addFormats.default(new Ajv2020({ strict: false }));

function expectValidSamples(schema: Record<string, unknown>, seeds = 25): void {
  const validate = ajv.compile(schema);
  for (let seed = 0; seed < seeds; seed++) {
    const value = sampleJsonSchema(schema, seed);
    expect(validate(value), `${JSON.stringify(value)}: ${JSON.stringify(validate.errors)}`).toBe(true);
  }
}

describe('sampleJsonSchema', () => {
  it('is deterministic per seed and varies across seeds', () => {
    const schema = { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] };
    expect(sampleJsonSchema(schema, 7)).toEqual(sampleJsonSchema(schema, 7));
    const titles = new Set(Array.from({ length: 10 }, (_, seed) => JSON.stringify(sampleJsonSchema(schema, seed))));
    expect(titles.size).toBeGreaterThan(5);
  });

  it('validates against schemas made by zod', () => {
    const ranking = z.object({
      ranking: z
        .array(z.object({ itemId: z.string().uuid(), score: z.number().min(0).max(1), reason: z.string().max(40) }))
        .min(2)
        .max(6),
      segment: z.enum(['seniors', 'young-cooks', 'families']),
      confidence: z.number().int().nonnegative(),
      note: z.string().nullable(),
      tags: z.array(z.string().min(3)).length(2),
      email: z.string().email(),
      website: z.url(),
      day: z.iso.date(),
      ratio: z.number().gt(0).lt(1),
      kind: z.literal('ranking'),
      extras: z.record(z.string(), z.number()),
    });
    expectValidSamples(z.toJSONSchema(ranking) as Record<string, unknown>);
  });

  it('handles $ref, allOf, oneOf, tuples, multipleOf, unique items and patterns', () => {
    expectValidSamples({
      $defs: { Step: { type: 'object', properties: { text: { type: 'string', minLength: 12 } }, required: ['text'] } },
      type: 'object',
      properties: {
        steps: { type: 'array', items: { $ref: '#/$defs/Step' }, minItems: 1 },
        merged: { allOf: [{ type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] }, { properties: { b: { type: 'boolean' } }, required: ['b'] }] },
        either: { oneOf: [{ type: 'string', format: 'email' }, { type: 'integer', minimum: 10 }] },
        pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false },
        price: { type: 'number', multipleOf: 0.25, minimum: 1, maximum: 3 },
        picks: { type: 'array', items: { enum: ['a', 'b', 'c', 'd'] }, uniqueItems: true, minItems: 2, maxItems: 3 },
        slug: { type: 'string', pattern: '^[a-z0-9-]+$' },
        nothing: { type: 'null' },
        multi: { type: ['integer', 'null'], exclusiveMinimum: 5, exclusiveMaximum: 9 },
      },
      required: ['steps', 'merged', 'either', 'pair', 'price', 'picks', 'slug', 'nothing', 'multi'],
      additionalProperties: false,
    });
  });

  it('terminates on recursive schemas', () => {
    expectValidSamples(
      {
        $defs: {
          Node: {
            type: 'object',
            properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } },
            required: ['name'],
          },
        },
        $ref: '#/$defs/Node',
      },
      5,
    );
  });
});
