import { OpenAiLlmClient, type ChatResult } from '@persona/llm';
import { demoSegments } from '@persona/demo-data';
import { startOpenAiTestServer } from '@persona/testkit';
import { describe, expect, it } from 'vitest';
import {
  buildMessages,
  buildTextRequest,
  contentHash,
  generateTextVariant,
  TEXT_VARIANT_FORMAT,
  textVariantFromBatchAnswer,
  writeTemplateText,
  type SourceItem,
} from '../src/index.js';

const item: SourceItem = {
  title: 'Weeknight Spaghetti Carbonara in 40 Minutes',
  body:
    'Few dishes travel as well as Spaghetti Carbonara, which started out in Rome. Start with 400 g of spaghetti and 180 g of guanciale. ' +
    'The pan work takes 15 minutes in total. Take the pan off the heat before adding the eggs; above 70°C they scramble. ' +
    'The recipe serves 4 and costs about $16.40 in total.',
  category: 'recipes',
  tags: ['pasta', 'italian'],
};
const seniors = demoSegments().find((segment) => segment.name === 'Seniors 65+');
if (seniors === undefined) throw new Error('demo segments changed');
const goodAnswer = JSON.stringify(writeTemplateText({ item, segment: seniors }));

function answer(choice: Partial<ChatResult['choices'][number]>): ChatResult {
  return {
    choices: [{ content: null, refusal: null, finishReason: 'stop', ...choice }],
    model: 'gpt-4o-mini-2024-07-18',
    usage: { promptTokens: 900, completionTokens: 300 },
    cost: { usd: 0.0002, priced: true },
    latencyMs: 0,
    structuredOutput: true,
  };
}

describe('openai-batch text answers', () => {
  it('builds the same request the synchronous engine sends', async () => {
    const request = buildTextRequest({ item, segment: seniors, seed: 7, temperature: 0.3 });
    expect(request).toEqual({ messages: buildMessages(item, seniors, undefined), jsonSchema: TEXT_VARIANT_FORMAT, temperature: 0.3, seed: 7 });
    expect(buildTextRequest({ item, segment: seniors })).toMatchObject({ temperature: 0.7, seed: 42 });

    const server = await startOpenAiTestServer();
    try {
      const llm = new OpenAiLlmClient({ baseUrl: server.baseUrl, apiKey: 'test', chatModel: 'gpt-4o-mini', timeoutMs: 5_000, maxRetries: 0 });
      server.script({ match: { path: '/chat/completions' }, reply: { chat: { content: goodAnswer } } });
      const synchronous = await generateTextVariant({ item, segment: seniors, engine: 'openai', llm, seed: 7, temperature: 0.3 });
      const sent = server.requests.find((r) => r.path === '/v1/chat/completions')?.body as Record<string, unknown>;
      expect(sent.messages).toEqual(request.messages);
      expect(sent).toMatchObject({ seed: 7, temperature: 0.3, response_format: { type: 'json_schema', json_schema: { name: 'text_variant', strict: true } } });
      const batched = await textVariantFromBatchAnswer({ item, segment: seniors, result: answer({ content: goodAnswer }), seed: 7, temperature: 0.3 });
      expect(batched.provenance.promptHash).toBe(synchronous.provenance.promptHash);
      expect(batched.provenance.inputHash).toBe(synchronous.provenance.inputHash);
    } finally {
      await server.close();
    }
  });

  it('turns a good answer into a checked draft with the batch’s provenance', async () => {
    const variant = await textVariantFromBatchAnswer({ item, segment: seniors, result: answer({ content: goodAnswer }) });
    expect(variant).toMatchObject({ status: 'draft', failureReason: null });
    expect(variant.content?.body).toContain('400 g');
    expect(variant.guardrails.checks.length).toBeGreaterThan(3);
    expect(variant.provenance).toEqual({
      engine: 'openai-batch',
      model: 'gpt-4o-mini-2024-07-18',
      promptHash: contentHash(buildMessages(item, seniors, undefined)),
      inputHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      seed: 42,
      temperature: 0.7,
      tokens: { prompt: 900, completion: 300 },
      costUsd: 0.0002,
      latencyMs: 0,
      fallbackReason: null,
    });
  });

  it('fails an unreadable answer, a refusal and a cut-off answer with the reason, without a repair round', async () => {
    const garbage = await textVariantFromBatchAnswer({ item, segment: seniors, result: answer({ content: 'Sure! Here is {"title": ' }) });
    expect(garbage).toMatchObject({ status: 'failed', content: null });
    expect(garbage.failureReason).toMatch(/not JSON/);
    expect(garbage.provenance.costUsd).toBe(0.0002);

    const refused = await textVariantFromBatchAnswer({ item, segment: seniors, result: answer({ refusal: 'I cannot help with that.' }) });
    expect(refused).toMatchObject({ status: 'failed', content: null });
    expect(refused.failureReason).toContain('I cannot help with that.');

    const cut = await textVariantFromBatchAnswer({ item, segment: seniors, result: answer({ content: goodAnswer.slice(0, 80), finishReason: 'length' }) });
    expect(cut.failureReason).toMatch(/cut off/);

    const wrongShape = await textVariantFromBatchAnswer({ item, segment: seniors, result: answer({ content: '{"title":"Only a title"}' }) });
    expect(wrongShape.failureReason).toMatch(/does not match the schema/);
  });

  it('blocks an answer that fails a blocking guardrail, keeping its content for the reviewer', async () => {
    const leaky = JSON.stringify({ ...JSON.parse(goodAnswer), cta: 'Call Anna on +1 415 555 0199 or write to anna@example.com' });
    const variant = await textVariantFromBatchAnswer({ item, segment: seniors, result: answer({ content: leaky }) });
    expect(variant.status).toBe('failed');
    expect(variant.content).not.toBeNull();
    expect(variant.failureReason).toMatch(/^blocked by guardrails: pii/);
  });
});
