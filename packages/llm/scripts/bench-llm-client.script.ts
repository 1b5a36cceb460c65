/**
 * Overhead of the LLM client and the test server, per operation, on this machine:
 *   npm run bench -w packages/llm
 * Numbers are the client's own cost (SDK, mapping, retry policy) plus loopback HTTP; a real
 * endpoint adds its model time on top.
 */
import { startOpenAiTestServer } from '@persona/testkit';
import { countChatTokens, countTokens, OpenAiLlmClient, parseStructuredOutput, toJsonSchemaFormat } from '../src/index.js';
import { z } from 'zod';

const Ranking = z.object({ ranking: z.array(z.object({ itemId: z.string(), score: z.number() })).min(5).max(10) });

async function measure(label: string, runs: number, operation: (run: number) => Promise<unknown> | unknown): Promise<void> {
  for (let run = 0; run < Math.min(5, runs); run++) await operation(run);
  const started = performance.now();
  for (let run = 0; run < runs; run++) await operation(run);
  const perRun = (performance.now() - started) / runs;
  console.log(`${label.padEnd(48)} ${perRun.toFixed(3).padStart(9)} ms/op  (${runs} runs)`);
}

const server = await startOpenAiTestServer();
const client = new OpenAiLlmClient({
  baseUrl: server.baseUrl,
  apiKey: 'bench',
  chatModel: 'gpt-4o-mini',
  embeddingModel: 'text-embedding-3-small',
  imageModel: 'gpt-image-1',
  timeoutMs: 10_000,
  maxRetries: 0,
});
const messages = [
  { role: 'system' as const, content: 'You rank content items for one reader. Answer JSON only.' },
  { role: 'user' as const, content: `Candidates:\n${Array.from({ length: 30 }, (_, i) => `- item-${i}: a recipe about ${i % 7 === 0 ? 'lemons' : 'soups'}`).join('\n')}` },
];
const jsonSchema = toJsonSchemaFormat('ranking', Ranking);
const article = 'The quick brown fox jumps over the lazy dog while a lemon tart cools on the sill. '.repeat(120);

try {
  await measure('countTokens (10 KB text)', 200, () => countTokens(article));
  await measure('countChatTokens (30-candidate ranking prompt)', 2_000, () => countChatTokens(messages));
  await measure('chat, text', 200, (run) => client.chat({ messages: [...messages, { role: 'user', content: `run ${run}` }] }));
  await measure('chat, json_schema + parseStructuredOutput', 200, async (run) =>
    parseStructuredOutput(await client.chat({ messages: [...messages, { role: 'user', content: `run ${run}` }], jsonSchema }), Ranking),
  );
  await measure('chat, 10 concurrent (per batch of 10)', 20, async (run) => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => client.chat({ messages: [{ role: 'user', content: `${run}-${i}` }] })));
  });
  await measure('embed, 256 texts x 1536 dims', 10, () => client.embed(Array.from({ length: 256 }, (_, i) => `item ${i} about lemons`)));
  await measure('generateImage 1024x1024 (server renders with sharp)', 10, (run) =>
    client.generateImage({ prompt: `tart ${run}`, width: 1024, height: 1024 }),
  );
} finally {
  await server.close();
}
