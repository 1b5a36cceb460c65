import { faults, startOpenAiTestServer, type OpenAiTestServer } from '@persona/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OpenAiLlmClient } from '../src/index.js';

const jsonSchema = {
  name: 'headline',
  schema: { type: 'object', properties: { headline: { type: 'string' } }, required: ['headline'], additionalProperties: false },
  strict: true,
};
const line = (customId: string, content: string) => ({
  customId,
  request: { messages: [{ role: 'user' as const, content }], jsonSchema },
});

let server: OpenAiTestServer;

beforeAll(async () => {
  server = await startOpenAiTestServer({ batchPollsUntilComplete: 2 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

const client = () =>
  new OpenAiLlmClient({ baseUrl: server.baseUrl, apiKey: 'test', chatModel: 'gpt-4o-mini', timeoutMs: 5_000, maxRetries: 0 });

describe('batch mode', () => {
  it('submits JSONL, polls to completion and maps results back by custom id', async () => {
    server.script(
      { match: { bodyIncludes: 'item-refuse' }, reply: faults.refusal('No.') },
      { match: { bodyIncludes: 'item-fail' }, reply: faults.badRequest('bad line') },
    );
    const llm = client();
    const submitted = await llm.submitBatch([line('a', 'item-ok'), line('b', 'item-refuse'), line('c', 'item-fail')]);
    expect(submitted.status).toBe('validating');

    const upload = server.requests.find((request) => request.path === '/v1/files');
    const file = (upload?.body as { purpose: string; file: { data: Buffer } }) ?? { purpose: '', file: { data: Buffer.from('') } };
    expect(file.purpose).toBe('batch');
    const jsonl = file.file.data.toString('utf8').split('\n').map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(jsonl[0]).toMatchObject({
      custom_id: 'a',
      method: 'POST',
      url: '/v1/chat/completions',
      body: { model: 'gpt-4o-mini', response_format: { type: 'json_schema', json_schema: { name: 'headline' } } },
    });
    expect(server.requests.find((request) => request.path === '/v1/batches')?.body).toMatchObject({
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });

    expect((await llm.getBatch(submitted.id)).status).toBe('in_progress');
    const done = await llm.getBatch(submitted.id);
    expect(done).toMatchObject({ status: 'completed', counts: { total: 3, completed: 2, failed: 1 } });

    const results = await llm.readBatchResults(done);
    const byId = new Map(results.map((result) => [result.customId, result]));
    expect(JSON.parse(byId.get('a')?.result?.choices[0]?.content ?? '')).toHaveProperty('headline');
    expect(byId.get('a')?.result?.cost.priced).toBe(true);
    expect(byId.get('b')?.error).toMatchObject({ code: 'refused' });
    expect(byId.get('c')?.error).toMatchObject({ message: 'bad line' });
  });

  it('refuses duplicate custom ids before uploading anything', async () => {
    await expect(client().submitBatch([line('a', 'x'), line('a', 'y')])).rejects.toMatchObject({ kind: 'bad_request' });
    expect(server.requests).toHaveLength(0);
  });
});
