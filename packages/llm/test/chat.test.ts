import { faults, startOpenAiTestServer, type OpenAiTestServer } from '@persona/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LlmError, OpenAiLlmClient, type LlmConfig } from '../src/index.js';

const rankingSchema = z.object({ ranking: z.array(z.object({ itemId: z.string(), score: z.number().min(0).max(1) })).min(1) });
const jsonSchema = { name: 'ranking', schema: z.toJSONSchema(rankingSchema) as Record<string, unknown>, strict: true };
const messages = [
  { role: 'system' as const, content: 'You rank items.' },
  { role: 'user' as const, content: 'Rank items a, b and c for a senior reader.' },
];

let server: OpenAiTestServer;
let config: LlmConfig;
let client: OpenAiLlmClient;

beforeAll(async () => {
  server = await startOpenAiTestServer();
  config = { baseUrl: server.baseUrl, apiKey: 'test', chatModel: 'gpt-4o-mini', timeoutMs: 5_000, maxRetries: 0 };
  client = new OpenAiLlmClient(config);
});
afterEach(() => server.reset());
afterAll(() => server.close());

const chatBodies = () => server.requests.map((request) => request.body as Record<string, unknown>);

describe('chat', () => {
  it('sends the json_schema response format and returns content that parses, with usage, cost and latency', async () => {
    const result = await client.chat({ messages, jsonSchema, temperature: 0, seed: 7, maxTokens: 500 });
    expect(chatBodies()[0]).toMatchObject({
      model: 'gpt-4o-mini',
      messages,
      temperature: 0,
      seed: 7,
      max_completion_tokens: 500,
      response_format: { type: 'json_schema', json_schema: { name: 'ranking', strict: true, schema: jsonSchema.schema } },
    });
    expect(rankingSchema.safeParse(JSON.parse(result.choices[0]?.content ?? '')).success).toBe(true);
    expect(result).toMatchObject({ model: 'gpt-4o-mini', structuredOutput: true });
    expect(result.usage.promptTokens).toBeGreaterThan(10);
    expect(result.cost.priced).toBe(true);
    expect(result.cost.usd).toBeGreaterThan(0);
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('asks again without response_format when the endpoint rejects it, and says so', async () => {
    server.script({ reply: faults.responseFormatUnsupported() }, { reply: { chat: { content: '{"ranking":[]}' } } });
    const result = await client.chat({ messages, jsonSchema });
    expect(result.structuredOutput).toBe(false);
    expect(result.choices[0]?.content).toBe('{"ranking":[]}');
    expect(chatBodies()).toHaveLength(2);
    expect(chatBodies()[0]).toHaveProperty('response_format');
    expect(chatBodies()[1]).not.toHaveProperty('response_format');
  });

  it('shares one time budget between the structured attempt and the fallback', async () => {
    server.script({ delayMs: 1_500, reply: faults.responseFormatUnsupported() }, { delayMs: 10_000 });
    const started = Date.now();
    await expect(client.chat({ messages, jsonSchema, timeoutMs: 2_000 })).rejects.toMatchObject({ kind: 'timeout' });
    // The shared budget ends at 2,000 ms; a fresh one for the fallback would end at 1,500 + 2,000 ms.
    // A second either side, so a busy machine cannot decide the outcome.
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('does not retry other bad requests without the schema', async () => {
    server.script({ reply: faults.badRequest('messages[0] is invalid', 'messages') });
    await expect(client.chat({ messages, jsonSchema })).rejects.toMatchObject({ kind: 'bad_request' });
    expect(server.requests).toHaveLength(1);
  });

  it('returns n choices, truncation and per-choice refusals as they came', async () => {
    server.script({
      reply: { chat: [{ content: 'one' }, { content: 'tw', finishReason: 'length' }, { content: null, refusal: 'no' }] },
    });
    const result = await client.chat({ messages, n: 3 });
    expect(chatBodies()[0]).toMatchObject({ n: 3 });
    expect(result.choices).toEqual([
      { content: 'one', refusal: null, finishReason: 'stop' },
      { content: 'tw', refusal: null, finishReason: 'length' },
      { content: null, refusal: 'no', finishReason: 'stop' },
    ]);
  });

  it('maps refusals, empty choices and unparseable bodies to typed errors', async () => {
    server.script({ reply: faults.refusal('I cannot rank that.') }, { reply: faults.emptyChoices() }, { reply: faults.malformedBody() });
    const refused = await client.chat({ messages }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LlmError);
    expect(refused).toMatchObject({ kind: 'refused', retryable: false });
    expect((refused as LlmError).message).toContain('I cannot rank that.');
    await expect(client.chat({ messages })).rejects.toMatchObject({ kind: 'bad_response' });
    await expect(client.chat({ messages })).rejects.toMatchObject({ kind: 'bad_response' });
  });

  it('counts usage itself when the endpoint reports none, and prices unknown models at 0 with a flag', async () => {
    server.script({
      reply: {
        body: { id: 'x', object: 'chat.completion', created: 0, model: 'llama3.2', choices: [{ index: 0, message: { role: 'assistant', content: 'hello there' }, finish_reason: 'stop' }] },
      },
    });
    const result = await client.chat({ messages, model: 'llama3.2' });
    expect(result.usage.promptTokens).toBeGreaterThan(10);
    expect(result.usage.completionTokens).toBe(2);
    expect(result.cost).toEqual({ usd: 0, priced: false });
  });

  it('uses max_tokens for endpoints configured that way', async () => {
    const legacy = new OpenAiLlmClient({ ...config, maxTokensParam: 'max_tokens' });
    await legacy.chat({ messages, maxTokens: 20 });
    expect(chatBodies()[0]).toMatchObject({ max_tokens: 20 });
    expect(chatBodies()[0]).not.toHaveProperty('max_completion_tokens');
  });
});
