import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAiLlmClient } from '@persona/llm';
import { LlmPersonaUserModel, StatisticalUserModel } from '@persona/recommender';
import { startOpenAiTestServer, type OpenAiTestServer } from '@persona/testkit';
import { runSimulation } from '../sim/simulation.runner.js';

describe('closed-loop simulator', () => {
  it('drives the real API: every served choice is logged, every simulated click credited once', async () => {
    const { days, logged } = await runSimulation({
      policy: 'thompson', seed: 3, users: 30, days: 2, items: 6, feedSize: 4, explorationFloor: 0.1, pooledPriorStrength: 100, model: new StatisticalUserModel(), concurrency: 4,
    });
    expect(days).toHaveLength(2);
    for (const day of days) {
      expect(day.decisions).toBeGreaterThan(0);
      expect(day.expectedClicks).toBeGreaterThan(0);
      expect(day.expectedClicks).toBeLessThan(day.decisions);
      expect(day.controlClicks).toBeGreaterThan(0);
    }
    expect(logged.exposures).toBe(days.reduce((n, d) => n + d.decisions, 0));
    expect(logged.clicks).toBe(days.reduce((n, d) => n + d.clicks, 0));
    expect(logged.clicks).toBeGreaterThan(0);
  }, 600_000);
});

describe('closed-loop simulator with the LLM persona user model', () => {
  let server: OpenAiTestServer;
  beforeAll(async () => {
    server = await startOpenAiTestServer();
  });
  afterAll(() => server.close());

  it('has every served card judged through the LlmClient port (the real openai SDK against the testkit server) and sends its answers back', async () => {
    // The persona taps the first card of a feed and skips the others.
    server.script({
      times: Infinity,
      reply: (request) => {
        const card = (request.body as { messages: { content: string }[] }).messages[1]!.content;
        return { chat: { content: JSON.stringify({ click: card.includes('position="1"'), reason: 'first thing I saw' }) } };
      },
    });
    const llm = new OpenAiLlmClient({ baseUrl: server.baseUrl, apiKey: 'test-key', chatModel: 'test-persona', embeddingModel: 'e', timeoutMs: 10_000, maxRetries: 0 });
    const { days, logged } = await runSimulation({
      policy: 'uniform', seed: 5, users: 12, days: 1, items: 4, feedSize: 3, explorationFloor: 0.1, pooledPriorStrength: 100, model: new LlmPersonaUserModel(llm), concurrency: 4,
    });
    const chats = server.requests.filter((r) => r.path.endsWith('/chat/completions'));
    // One chat per served card, each with the card as served: a title and the body.
    expect(chats.length).toBeGreaterThan(0);
    for (const chat of chats) expect((chat.body as { messages: { content: string }[] }).messages[1]!.content).toMatch(/<title>[^<]+<\/title>/);
    const [day] = days;
    // Without probabilities, CTRs are the observed clicks, and oracle and control are unknown.
    expect(day!.expectedClicks).toBe(day!.clicks);
    expect(day!.oracleClicks).toBeNaN();
    expect(logged.clicks).toBe(day!.clicks);
    expect(logged.clicks).toBeGreaterThan(0);
    expect(logged.clicks).toBeLessThan(logged.exposures);
  }, 600_000);
});
