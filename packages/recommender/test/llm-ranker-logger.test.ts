import { OpenAiLlmClient, type LlmClient } from '@persona/llm';
import { faults, startOpenAiTestServer, type OpenAiTestServer } from '@persona/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlmListwiseRanker, type ListwiseRankingInput, type RankerLoggerPort } from '../src/index.js';

const input: ListwiseRankingInput = {
  history: ['Slow-cooked lentil soup', 'Ten-minute tomato pasta'],
  candidates: [
    { itemId: 'item-1', title: 'Roast vegetables for a crowd', category: 'recipes' },
    { itemId: 'item-2', title: 'A weekend in Lisbon', category: 'travel' },
    { itemId: 'item-3', title: 'Five pantry soups', category: 'recipes' },
  ],
  priorScores: [0.9, 0.5, 0.4],
  seedKey: 'user-1',
};

/** Records what the ranker reports, as the API's Nest logger would print it. */
function recordingLogger(): RankerLoggerPort & { logged: { message: string; error: unknown }[] } {
  const logged: { message: string; error: unknown }[] = [];
  return { logged, error: (message, error) => void logged.push({ message, error }) };
}

describe('LlmListwiseRanker reports bugs through its logger port', () => {
  let server: OpenAiTestServer;
  let client: OpenAiLlmClient;

  beforeAll(async () => {
    server = await startOpenAiTestServer();
    client = new OpenAiLlmClient({ baseUrl: server.baseUrl, apiKey: 'test-key', chatModel: 'test-ranker', embeddingModel: 'test-embedding', timeoutMs: 5_000, maxRetries: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('logs an error that is not an LLM error, and still falls back to the classical ranking', async () => {
    // A client that breaks its contract (an answer without usage): a bug, not an outage.
    const broken: LlmClient = Object.assign(Object.create(client) as LlmClient, {
      chat: async (request: Parameters<LlmClient['chat']>[0]) => ({ ...(await client.chat(request)), usage: undefined as never }),
    });
    const logger = recordingLogger();
    const outcome = await new LlmListwiseRanker(broken, { logger, cache: { get: () => undefined, set: () => undefined } }).rank(input);
    expect(outcome).toMatchObject({ ok: false, fallbackReason: 'llm_unavailable' });
    expect(logger.logged).toHaveLength(1);
    expect(logger.logged[0]!.error).toBeInstanceOf(TypeError);
  }, 30_000);

  it('does not log LLM trouble, which its fallback reason already names', async () => {
    server.script({ match: { path: '/v1/chat/completions' }, reply: faults.serverError(503) });
    const logger = recordingLogger();
    const outcome = await new LlmListwiseRanker(client, { logger, cache: { get: () => undefined, set: () => undefined } }).rank(input);
    expect(outcome).toMatchObject({ ok: false, fallbackReason: 'llm_server_error' });
    expect(logger.logged).toHaveLength(0);
  }, 30_000);
});
