import fc from 'fast-check';

/**
 * Hostile inputs for the route fuzz: the values that broke the API before (NUL, lone surrogates,
 * forged cursors, dates out of range) and the classics (huge numbers, deep nesting, prototype keys,
 * long strings, markup, malformed JSON text).
 */

const NASTY_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ud83d',
  '\udc00\ud800',
  '',
  ' ',
  '\t\n\r',
  '%00',
  '%',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'prototype',
  "'; drop table items; --",
  '<b></b>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '${process.env.LLM_API_KEY}',
  '{{7*7}}',
  '\u202eevil',
  '\ufeff',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '-0',
  'true',
  '[]',
  '{}',
  '275760-09-13T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00.000Z',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '0099-12-31T23:59:59+14:00',
  '9999-12-31T23:59:59.999Z',
  '9999-12-31T23:59:59-12:00',
  '2026-02-30T00:00:00Z',
  '😀'.repeat(300),
  'é'.repeat(2000),
  'x'.repeat(129),
  'x'.repeat(20_001),
  'y'.repeat(200_000),
];

const unitChar = fc.constantFrom('\u0000', '\ud800', '\udc00', 'a', 'Z', '0', 'é', '😀', '"', '\\', '<', '%', '/', '\u200b');

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: unitChar, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 1.5, -1e308, 1e308, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 5e-324, 1e21),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** An object nested `depth` levels deep, built without recursion. */
export function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
}

export const prototypeKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty');

const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileLeaf },
  { weight: 1, arbitrary: fc.array(hostileLeaf, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.oneof(prototypeKeys, hostileString), hostileLeaf, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 3000 }).map(deeplyNested) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Forged page cursors: base64url JSON with wrong shapes, dates out of range, bad ids, or plain junk. */
export const forgedCursor: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom(
          '+275760-09-13T00:00:00.000Z',
          '-271821-04-20T00:00:00.000Z',
          '0000-01-01T00:00:00.000Z',
          '-000001-01-01T00:00:00.000Z',
          '2026-13-01T00:00:00.000Z',
          'yesterday',
          '',
        ),
        hostileNumber,
        fc.constant(null),
      ),
      fc.oneof(hostileString, hostileNumber, fc.constant(null), fc.constant({})),
    )
    .map((tuple) => Buffer.from(JSON.stringify(tuple)).toString('base64url')),
  hostileValue.map((value) => Buffer.from(JSON.stringify(value) ?? 'undefined').toString('base64url')),
  fc.string({ maxLength: 60 }),
  fc.constantFrom('A'.repeat(100_000), '!!!', '====', Buffer.from('["2026-01-01T00:00:00.000Z"]').toString('base64url')),
  fc.integer({ min: 1, max: 1000 }).map((n) => Buffer.from(JSON.stringify([new Date(0).toISOString(), 'i'.repeat(n)])).toString('base64url')),
);

/** Raw JSON text that a JSON parser refuses or that smuggles escapes past a string check. */
export const hostileJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"a":',
    '[1,2',
    'nul',
    '\u0000',
    '{"title":"\\u0000"}',
    '{"name":"\\ud800","role":"viewer"}',
    '{"events":[{"id":"\\u0000","userId":"u","itemId":"i","type":"view"}]}',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '1e999',
    '"just a string"',
    '\ufeff{}',
    '{"a":1,"a":2}',
    'true',
    '[]',
  ),
  fc.integer({ min: 100, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 100, max: 20_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

/** Percent-encodes a string for a URL; a lone surrogate becomes its (invalid) UTF-8 bytes, as an attacker would send. */
export function encodeHostile(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i += 1;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
    } else {
      out += encodeURIComponent(value[i]!);
    }
  }
  return out;
}

/** Raw URL fragments that are not valid percent-encoding at all. */
export const malformedUrlPiece = fc.constantFrom('%', '%zz', '%E0%A4', '%C0%80', '%ED%A0%80', '%FF', '%00', '%2e%2e', '..');
