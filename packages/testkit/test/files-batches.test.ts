import OpenAI, { toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './sdk-fixture.js';
import { faults, startOpenAiTestServer } from '../src/index.js';

const sdk = useTestServer();

const chatLine = (customId: string, content: string) =>
  JSON.stringify({
    custom_id: customId,
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content }] },
  });

async function uploadBatchInput(client: OpenAI, lines: string[]) {
  return client.files.create({ file: await toFile(Buffer.from(lines.join('\n')), 'input.jsonl'), purpose: 'batch' });
}

interface OutputLine {
  custom_id: string | null;
  response: { status_code: number; body: OpenAI.ChatCompletion } | null;
  error: unknown;
}

const parseJsonl = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutputLine);

describe('files', () => {
  it('uploads, describes and serves a file', async () => {
    const file = await sdk.openai.files.create({ file: await toFile(Buffer.from('hello'), 'a.txt'), purpose: 'user_data' });
    expect(file).toMatchObject({ object: 'file', bytes: 5, filename: 'a.txt', purpose: 'user_data' });
    expect(await sdk.openai.files.retrieve(file.id)).toMatchObject({ id: file.id });
    expect(await (await sdk.openai.files.content(file.id)).text()).toBe('hello');
    await expect(sdk.openai.files.retrieve('file-missing')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe('batches', () => {
  it('runs chat lines through the chat handler, honouring scripts, into output and error files', async () => {
    sdk.server.script(
      { match: { bodyIncludes: 'scripted' }, reply: { chat: { content: 'from the script' } } },
      { match: { bodyIncludes: 'failing' }, reply: faults.serverError(500) },
    );
    const input = await uploadBatchInput(sdk.openai, [
      chatLine('a', 'plain question'),
      chatLine('b', 'scripted question'),
      chatLine('c', 'failing question'),
      '{not json',
    ]);
    const batch = await sdk.openai.batches.create({
      input_file_id: input.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    expect(batch).toMatchObject({ status: 'completed', request_counts: { total: 4, completed: 2, failed: 2 } });
    const output = parseJsonl(await (await sdk.openai.files.content(batch.output_file_id ?? '')).text());
    expect(output.map((line) => line.custom_id)).toEqual(['a', 'b']);
    expect(output[1]?.response?.body.choices[0]?.message.content).toBe('from the script');
    expect(output[0]?.response?.status_code).toBe(200);
    const errors = parseJsonl(await (await sdk.openai.files.content(batch.error_file_id ?? '')).text());
    expect(errors[0]).toMatchObject({ custom_id: 'c', response: { status_code: 500 } });
    expect(errors[1]).toMatchObject({ custom_id: null, response: null, error: { code: 'invalid_json_line' } });
    expect(sdk.server.requests.filter((request) => request.source === 'batch')).toHaveLength(3);
  });

  it('completes after N polls when configured, and cancels unfinished batches', async () => {
    const slow = await startOpenAiTestServer({ batchPollsUntilComplete: 2 });
    try {
      const client = new OpenAI({ baseURL: slow.baseUrl, apiKey: 'test', maxRetries: 0 });
      const input = await uploadBatchInput(client, [chatLine('a', 'q')]);
      const create = () => client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
      const batch = await create();
      expect(batch.status).toBe('validating');
      expect((await client.batches.retrieve(batch.id)).status).toBe('in_progress');
      const done = await client.batches.retrieve(batch.id);
      expect(done).toMatchObject({ status: 'completed', request_counts: { completed: 1 }, error_file_id: null });
      await expect(client.batches.cancel(batch.id)).rejects.toBeInstanceOf(OpenAI.BadRequestError);
      const other = await create();
      expect(await client.batches.cancel(other.id)).toMatchObject({ status: 'cancelled' });
      expect((await client.batches.retrieve(other.id)).status).toBe('cancelled');
    } finally {
      await slow.close();
    }
  });

  it('rejects unknown input files and other endpoints', async () => {
    await expect(
      sdk.openai.batches.create({ input_file_id: 'file-x', endpoint: '/v1/chat/completions', completion_window: '24h' }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    const input = await uploadBatchInput(sdk.openai, [chatLine('a', 'q')]);
    await expect(
      sdk.openai.batches.create({ input_file_id: input.id, endpoint: '/v1/embeddings', completion_window: '24h' }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});
