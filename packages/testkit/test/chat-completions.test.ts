import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './sdk-fixture.js';
import { faults, startOpenAiTestServer } from '../src/index.js';

const recipeSchema = {
  type: 'object',
  properties: {
    headline: { type: 'string', minLength: 5, maxLength: 60 },
    tone: { type: 'string', enum: ['warm', 'formal', 'playful'] },
    steps: { type: 'array', items: { type: 'string' }, minItems: 3, maxItems: 5 },
    servings: { type: 'integer', minimum: 1, maximum: 8 },
    publishedAt: { type: 'string', format: 'date-time' },
  },
  required: ['headline', 'tone', 'steps', 'servings', 'publishedAt'],
  additionalProperties: false,
};

const sdk = useTestServer();

const ask = (content: string, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) =>
  sdk.openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra });

describe('default chat answers', () => {
  it('answers text deterministically, with plausible usage', async () => {
    const first = await ask('Suggest a title for a lemon tart recipe');
    const second = await ask('Suggest a title for a lemon tart recipe');
    const other = await ask('Summarise the news');
    expect(first.choices[0]?.message.content).toContain('lemon tart');
    expect(first.choices[0]?.message.content).toBe(second.choices[0]?.message.content);
    expect(other.choices[0]?.message.content).not.toBe(first.choices[0]?.message.content);
    expect(first.choices[0]?.finish_reason).toBe('stop');
    expect(first.model).toBe('gpt-4o-mini');
    expect(first.usage?.prompt_tokens).toBeGreaterThan(5);
    expect(first.usage?.total_tokens).toBe((first.usage?.prompt_tokens ?? 0) + (first.usage?.completion_tokens ?? 0));
  });

  it('answers json_schema requests with JSON that validates against the schema', async () => {
    const validate = addFormats.default(new Ajv2020({ strict: false })).compile(recipeSchema);
    for (const dish of ['tart', 'soup', 'salad', 'bread']) {
      const completion = await ask(`Write a ${dish} variant`, {
        response_format: { type: 'json_schema', json_schema: { name: 'variant', schema: recipeSchema, strict: true } },
      });
      const value: unknown = JSON.parse(completion.choices[0]?.message.content ?? 'null');
      expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('returns n distinct choices', async () => {
    const completion = await ask('Rank these items', { n: 3 });
    const contents = completion.choices.map((choice) => choice.message.content);
    expect(completion.choices.map((choice) => choice.index)).toEqual([0, 1, 2]);
    expect(new Set(contents).size).toBe(3);
  });

  it('cuts answers longer than max_tokens with finish_reason length', async () => {
    const completion = await ask('Tell me a long story about a kitchen', { max_tokens: 3 });
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.choices[0]?.message.content).toHaveLength(12);
  });

  it('rejects requests without messages, and streaming, which it does not serve', async () => {
    await expect(sdk.openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [] })).rejects.toBeInstanceOf(
      OpenAI.BadRequestError,
    );
    const stream = sdk.openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true });
    await expect(stream).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});

describe('scripts', () => {
  it('answers scripted chat replies in order, then falls back to the default', async () => {
    sdk.server.script({ reply: { chat: { content: 'first' } } }, { reply: { chat: { content: 'second' } } });
    expect((await ask('a')).choices[0]?.message.content).toBe('first');
    expect((await ask('b')).choices[0]?.message.content).toBe('second');
    expect((await ask('c')).choices[0]?.message.content).toContain('Test answer');
    expect(sdk.server.pendingScripts()).toBe(0);
  });

  it('matches on path, body text and predicate, and honours times', async () => {
    sdk.server.script(
      { match: { path: '/embeddings' }, reply: { body: { wrong: true } } },
      { match: { bodyIncludes: 'seniors' }, times: 2, reply: { chat: { content: 'large type' } } },
      { match: { predicate: (request) => JSON.stringify(request.body).includes('"n":2') }, reply: { chat: [{ content: 'x' }, { content: 'y' }] } },
    );
    expect((await ask('for seniors')).choices[0]?.message.content).toBe('large type');
    expect((await ask('for young cooks')).choices[0]?.message.content).toContain('Test answer');
    expect((await ask('seniors again')).choices[0]?.message.content).toBe('large type');
    expect((await ask('seniors thrice')).choices[0]?.message.content).toContain('Test answer');
    expect((await ask('two', { n: 2 })).choices.map((choice) => choice.message.content)).toEqual(['x', 'y']);
    expect(sdk.server.pendingScripts()).toBe(1);
  });

  it('lets a reply be computed from the request', async () => {
    sdk.server.script({
      times: Infinity,
      reply: (request) => ({ chat: { content: `echo ${(request.body as { messages: { content: string }[] }).messages[0]?.content}` } }),
    });
    expect((await ask('hello')).choices[0]?.message.content).toBe('echo hello');
    expect((await ask('again')).choices[0]?.message.content).toBe('echo again');
    expect(sdk.server.pendingScripts()).toBe(0);
  });

  it('reports a reply function that throws as a 500 naming the script', async () => {
    sdk.server.script({
      reply: () => {
        throw new Error('fixture missing');
      },
    });
    await expect(ask('x')).rejects.toThrow(/Test script reply threw: fixture missing/);
  });

  it('sends a raw body as is', async () => {
    sdk.server.script({ reply: { body: { id: 'raw', object: 'chat.completion', choices: [], custom: 1 }, headers: { 'x-extra': 'yes' } } });
    const { data, response } = await sdk.openai.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
      .withResponse();
    expect(data).toMatchObject({ id: 'raw', custom: 1 });
    expect(response.headers.get('x-extra')).toBe('yes');
  });
});

describe('faults', () => {
  it('429 carries Retry-After seconds and retry-after-ms', async () => {
    sdk.server.script({ reply: faults.rateLimited(2) }, { reply: { fault: { kind: 'http_error', status: 429, retryAfterMs: 150 } } });
    const first = await ask('x').catch((error: unknown) => error);
    expect(first).toBeInstanceOf(OpenAI.RateLimitError);
    expect((first as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('2');
    const second = await ask('x').catch((error: unknown) => error);
    expect((second as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after-ms')).toBe('150');
  });

  it('500 and 503 are server errors', async () => {
    sdk.server.script({ reply: faults.serverError(500) }, { reply: faults.serverError(503) });
    const first = await ask('x').catch((error: unknown) => error);
    const second = await ask('x').catch((error: unknown) => error);
    expect(first).toBeInstanceOf(OpenAI.InternalServerError);
    expect((second as InstanceType<typeof OpenAI.InternalServerError>).status).toBe(503);
  });

  it('a slow answer arrives late, or lets the client timeout fire', async () => {
    sdk.server.script({ delayMs: 300 });
    const started = Date.now();
    await ask('x');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    sdk.server.script({ delayMs: 2_000 });
    const error = await sdk.openai.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, { timeout: 100 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  it('malformed body: HTTP 200 that is not JSON', async () => {
    sdk.server.script({ reply: faults.malformedBody() });
    await expect(ask('x')).rejects.toThrow();
    expect(sdk.server.requests).toHaveLength(1);
  });

  it('malformed content, truncated output, refusal and empty choices', async () => {
    const format = { type: 'json_schema' as const, json_schema: { name: 'variant', schema: recipeSchema, strict: true } };
    sdk.server.script(
      { reply: faults.malformedContent() },
      { reply: faults.truncated() },
      { reply: faults.refusal('Not allowed.') },
      { reply: faults.emptyChoices() },
    );
    const malformed = await ask('x', { response_format: format });
    expect(() => JSON.parse(malformed.choices[0]?.message.content ?? '')).toThrow();
    const truncated = await ask('x', { response_format: format });
    expect(truncated.choices[0]?.finish_reason).toBe('length');
    expect(() => JSON.parse(truncated.choices[0]?.message.content ?? '')).toThrow();
    const refused = await ask('x', { response_format: format });
    expect(refused.choices[0]?.message).toMatchObject({ refusal: 'Not allowed.', content: null });
    expect((await ask('x')).choices).toEqual([]);
  });

  it('any status with an OpenAI error body', async () => {
    sdk.server.script({ reply: faults.responseFormatUnsupported() }, { reply: { fault: { kind: 'http_error', status: 401 } } });
    const badRequest = await ask('x').catch((error: unknown) => error);
    expect(badRequest).toBeInstanceOf(OpenAI.BadRequestError);
    expect((badRequest as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('response_format');
    await expect(ask('x')).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });
});

describe('request log', () => {
  it('records method, path, headers, parsed body and time', async () => {
    const before = Date.now();
    await ask('log me', { temperature: 0.2 });
    const [request] = sdk.server.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/chat/completions', source: 'http' });
    expect(request?.headers.authorization).toBe('Bearer test');
    expect(request?.body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.2, messages: [{ content: 'log me' }] });
    expect(request?.receivedAt).toBeGreaterThanOrEqual(before);
  });

  it('enforces the API key when configured', async () => {
    const guarded = await startOpenAiTestServer({ apiKey: 'secret' });
    try {
      const wrong = new OpenAI({ baseURL: guarded.baseUrl, apiKey: 'nope', maxRetries: 0 });
      const right = new OpenAI({ baseURL: guarded.baseUrl, apiKey: 'secret', maxRetries: 0 });
      await expect(
        wrong.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
      ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
      await expect(
        right.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
      ).resolves.toBeDefined();
    } finally {
      await guarded.close();
    }
  });
});
