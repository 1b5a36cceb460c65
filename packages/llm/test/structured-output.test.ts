import { faults, startOpenAiTestServer, type OpenAiTestServer } from '@persona/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OpenAiLlmClient, parseStructuredOutput, toJsonSchemaFormat, type ChatResult } from '../src/index.js';

const Variant = z.object({
  headline: z.string().min(3),
  readingLevel: z.enum(['easy', 'standard', 'detailed']),
  steps: z.array(z.string()).min(2).max(4),
});
const messages = [{ role: 'user' as const, content: 'Write the seniors variant of the lemon tart recipe.' }];

let server: OpenAiTestServer;
let client: OpenAiLlmClient;

beforeAll(async () => {
  server = await startOpenAiTestServer();
  client = new OpenAiLlmClient({ baseUrl: server.baseUrl, apiKey: 'test', chatModel: 'gpt-4o-mini', timeoutMs: 5_000, maxRetries: 0 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

const ask = () => client.chat({ messages, jsonSchema: toJsonSchemaFormat('variant', Variant) });

describe('toJsonSchemaFormat', () => {
  it('turns a zod schema into a strict json_schema format without the dialect marker', () => {
    const format = toJsonSchemaFormat('variant', Variant);
    expect(format).toMatchObject({ name: 'variant', strict: true, schema: { type: 'object', additionalProperties: false } });
    expect(format.schema).not.toHaveProperty('$schema');
  });

  it('is not strict when an object has optional properties', () => {
    expect(toJsonSchemaFormat('loose', z.object({ a: z.string(), b: z.object({ c: z.number().optional() }) })).strict).toBe(false);
  });
});

describe('parseStructuredOutput', () => {
  it('parses and validates a structured answer end to end', async () => {
    const variant = parseStructuredOutput(await ask(), Variant);
    expect(Variant.safeParse(variant).success).toBe(true);
  });

  it('reads JSON wrapped in prose or code fences (endpoints without structured outputs)', async () => {
    const json = '{"headline":"Lemon tart","readingLevel":"easy","steps":["mix","bake"]}';
    server.script(
      { reply: faults.responseFormatUnsupported() },
      { reply: { chat: { content: `Sure! Here it is:\n\`\`\`json\n${json}\n\`\`\`` } } },
      { reply: { chat: { content: `The variant: ${json} Enjoy.` } } },
    );
    const fallback = await ask();
    expect(fallback.structuredOutput).toBe(false);
    expect(parseStructuredOutput(fallback, Variant).headline).toBe('Lemon tart');
    expect(parseStructuredOutput(await ask(), Variant).steps).toEqual(['mix', 'bake']);
  });

  it('names why an answer is unusable', async () => {
    server.script(
      { reply: faults.malformedContent() },
      { reply: faults.truncated() },
      { reply: { chat: { content: '{"headline":"x","readingLevel":"huge","steps":[]}' } } },
    );
    const reasons = [];
    for (let index = 0; index < 3; index++) {
      reasons.push(await ask().then((result) => parseStructuredOutput(result, Variant)).catch((error: unknown) => error));
    }
    expect(reasons[0]).toMatchObject({ kind: 'bad_response', message: expect.stringContaining('not JSON') });
    expect(reasons[1]).toMatchObject({ kind: 'bad_response', message: expect.stringContaining('cut off') });
    expect(reasons[2]).toMatchObject({ kind: 'bad_response', message: expect.stringContaining('readingLevel') });
  });

  it('reports a refused or missing choice', () => {
    const result: ChatResult = {
      choices: [{ content: null, refusal: 'No.', finishReason: 'stop' }],
      model: 'm',
      usage: { promptTokens: 0, completionTokens: 0 },
      cost: { usd: 0, priced: false },
      latencyMs: 1,
      structuredOutput: true,
    };
    expect(() => parseStructuredOutput(result, Variant)).toThrow(expect.objectContaining({ kind: 'refused' }));
    expect(() => parseStructuredOutput(result, Variant, 1)).toThrow(expect.objectContaining({ kind: 'bad_response' }));
  });
});
