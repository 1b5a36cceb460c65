import { OpenAiLlmClient } from '@persona/llm';
import { startOpenAiTestServer, type OpenAiTestServer } from '@persona/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LlmPersonaUserModel,
  STATISTICAL_USER_PARAMETERS,
  StatisticalUserModel,
  meanInterval,
  measureCardStyle,
  powerLawExponent,
  preferenceOf,
  relevance,
  seededUniform,
  styleFit,
  type SimulatedCard,
  type SimulatedUser,
} from '../src/index.js';

const senior: SimulatedUser = {
  id: 'u-senior',
  attributes: { age: 72, locale: 'en-US', interests: ['gardening'], device: 'tablet', country: 'US' },
  taste: { clusters: [{ key: 'gardening/roses', weight: 1 }], categories: [{ key: 'gardening', weight: 0.7 }, { key: 'recipes', weight: 0.3 }] },
};
const card = (body: string, group = 'gardening/roses', category = 'gardening'): SimulatedCard => ({ itemId: 'itm_1', category, group, title: 'Roses', body, position: 1 });
const words = (n: number, perSentence: number) =>
  Array.from({ length: n }, (_, i) => `word${i}${(i + 1) % perSentence === 0 ? '.' : ''}`).join(' ');

describe('card style', () => {
  it('counts words and sentences and tells steps, bullets and narrative apart', () => {
    expect(measureCardStyle('1. Dig a hole.\n2. Plant the rose.\n3. Water it well.')).toEqual({ words: 9, wordsPerSentence: 3, format: 'steps' });
    expect(measureCardStyle('- one thing\n- another thing').format).toBe('bullets');
    expect(measureCardStyle(words(40, 10))).toMatchObject({ words: 40, wordsPerSentence: 10, format: 'narrative' });
  });
});

describe('statistical user model', () => {
  it('prefers what the user likes: fit peaks at the preferred style and drops away from it', () => {
    const preference = preferenceOf(senior);
    expect(preference.format).toBe('steps');
    const ideal = styleFit(preference, { words: preference.words, wordsPerSentence: preference.wordsPerSentence, format: 'steps' });
    expect(ideal).toBeCloseTo(1, 10);
    expect(styleFit(preference, { words: preference.words, wordsPerSentence: preference.wordsPerSentence, format: 'narrative' })).toBeCloseTo(STATISTICAL_USER_PARAMETERS.formatMismatch, 10);
    expect(styleFit(preference, { words: preference.words * 2, wordsPerSentence: preference.wordsPerSentence, format: 'steps' })).toBeLessThan(0.5);
    expect(styleFit(preference, { words: preference.words, wordsPerSentence: preference.wordsPerSentence + 8, format: 'steps' })).toBeCloseTo(Math.exp(-0.5), 10);
  });

  it('finds items of the user taste more relevant, within [floor, 1]', () => {
    const loved = relevance(senior, card('x'));
    const other = relevance(senior, card('x', 'tech/phones', 'tech'));
    expect(loved).toBe(1);
    expect(other).toBe(STATISTICAL_USER_PARAMETERS.relevanceFloor);
  });

  it('clicks as often as its probability says', async () => {
    const model = new StatisticalUserModel();
    const body = Array.from({ length: 9 }, (_, i) => `${i + 1}. ${words(8, 8)}`).join('\n');
    const random = seededUniform(9);
    let clicks = 0;
    let probability = 0;
    for (let i = 0; i < 20_000; i++) {
      const judgement = await model.judge(senior, card(body), measureCardStyle(body), random);
      clicks += judgement.click ? 1 : 0;
      probability = judgement.probability;
    }
    expect(probability).toBeGreaterThan(0.05);
    // Within four standard errors of a binomial proportion.
    expect(Math.abs(clicks / 20_000 - probability)).toBeLessThan(4 * Math.sqrt((probability * (1 - probability)) / 20_000));
  });
});

describe('simulation statistics', () => {
  it('fits the exponent of a power law and gives t intervals over seeds', () => {
    expect(powerLawExponent([1, 2, 4, 8, 16].map((x) => ({ x, y: 3 * Math.sqrt(x) })))).toBeCloseTo(0.5, 10);
    expect(powerLawExponent([1, 2, 3].map((x) => ({ x, y: 7 * x })))).toBeCloseTo(1, 10);
    const interval = meanInterval([1, 2, 3, 4, 5]);
    expect(interval.mean).toBe(3);
    expect(interval.high - interval.mean).toBeCloseTo(2.776 * Math.sqrt(2.5) / Math.sqrt(5), 3);
  });
});

describe('LLM persona user model', () => {
  let server: OpenAiTestServer;
  beforeAll(async () => {
    server = await startOpenAiTestServer();
  });
  afterAll(() => server.close());

  const client = () => new OpenAiLlmClient({ baseUrl: server.baseUrl, apiKey: 'test-key', chatModel: 'test-persona', embeddingModel: 'e', timeoutMs: 5_000, maxRetries: 0 });
  const body = '1. Dig a hole as deep as the pot.\n2. Set the rose in it.\n3. Fill and water it.';

  it('plays a persona built from the attributes, fences the card as data and follows the answer', async () => {
    server.reset();
    server.script({ reply: { chat: { content: JSON.stringify({ click: true, reason: 'Roses are my thing.' }) } } });
    const judgement = await new LlmPersonaUserModel(client()).judge(senior, card(body), measureCardStyle(body), seededUniform(1));
    expect(judgement).toEqual({ click: true, probability: 1, reason: 'Roses are my thing.' });
    const sent = server.requests[0]!.body as { messages: { content: string }[]; response_format: { type: string } };
    expect(sent.response_format.type).toBe('json_schema');
    expect(sent.messages[0]!.content).toContain('72-year-old');
    expect(sent.messages[0]!.content).toContain('gardening');
    expect(sent.messages[1]!.content).toContain('<card');
    expect(sent.messages[1]!.content).toContain('Set the rose in it.');
  });

  it('counts an answer outside the schema as a skip and says so', async () => {
    server.reset();
    server.script({ reply: { chat: { content: 'Sure, I would click that!' } } });
    const judgement = await new LlmPersonaUserModel(client()).judge(senior, card(body), measureCardStyle(body), seededUniform(1));
    expect(judgement.click).toBe(false);
    expect(judgement.reason).toMatch(/unusable answer/);
  });
});
