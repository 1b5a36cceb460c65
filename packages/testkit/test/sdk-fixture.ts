import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startOpenAiTestServer, type OpenAiTestServer, type OpenAiTestServerOptions } from '../src/index.js';

/** One test server per file, reset between tests, with a real SDK client that never retries. */
export function useTestServer(options?: OpenAiTestServerOptions): { server: OpenAiTestServer; openai: OpenAI } {
  const context = {} as { server: OpenAiTestServer; openai: OpenAI };
  beforeAll(async () => {
    context.server = await startOpenAiTestServer(options);
    context.openai = new OpenAI({ baseURL: context.server.baseUrl, apiKey: 'test', maxRetries: 0 });
  });
  afterEach(() => context.server.reset());
  afterAll(() => context.server.close());
  return context;
}
