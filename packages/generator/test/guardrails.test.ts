import { demoSegments } from '@persona/demo-data';
import { startOpenAiTestServer } from '@persona/testkit';
import { OpenAiLlmClient } from '@persona/llm';
import { describe, expect, it } from 'vitest';
import { checkGuardrails, redactPii, type SourceItem } from '../src/index.js';

const source: SourceItem = {
  title: 'Basil in Pots',
  body: 'Gardeners at Sissinghurst Castle Garden grow basil every year. A pot of at least 25 litres is enough. Give each plant 20 cm.',
  category: 'gardening',
  tags: ['herbs'],
};
const segment = { ...demoSegments()[1]!, style: { ...demoSegments()[1]!.style, targetWords: 20, mustInclude: ['basil'], mustAvoid: ['hack'] } };
const content = {
  title: 'Basil in pots: a simple guide',
  summary: 'Grow basil in a pot of at least 25 litres.',
  body: 'Gardeners at Sissinghurst Castle Garden grow basil every year. A pot of at least 25 litres is enough. Give each plant 20 cm of space.',
  cta: 'Start planting',
  rationale: 'Short and calm.',
};
const statusOf = async (changes: Partial<typeof content>, extra: Partial<Parameters<typeof checkGuardrails>[0]> = {}) => {
  const outcome = await checkGuardrails({ content: { ...content, ...changes }, source, segment, ...extra });
  return { outcome, status: (name: string) => outcome.report.checks.find((check) => check.name === name) };
};

describe('guardrails', () => {
  it('passes a faithful variant', async () => {
    const { outcome } = await statusOf({});
    expect(outcome.report.checks.filter((check) => check.status === 'fail')).toEqual([]);
  });

  it('fails invented numbers, units and names', async () => {
    const { status } = await statusOf({ body: `${content.body} Use 40 ml of water, 25 kg of soil, as Monty Don does.` });
    expect(status('faithfulness')?.status).toBe('fail');
    expect(status('faithfulness')?.detail).toMatch(/40 ml.*25 kg.*Monty, Don/);
  });

  it('checks must-include and must-avoid terms', async () => {
    const { status } = await statusOf({ title: 'Pots', summary: 'A pot hack.', body: 'A pot of at least 25 litres is enough.' });
    expect(status('must-include')?.status).toBe('fail');
    expect(status('must-avoid')?.detail).toBe('uses: hack');
  });

  it('blocks personal data and redacts it from prompts', async () => {
    const { status } = await statusOf({ cta: 'Write to jane.doe@example.com or call +44 20 7946 0958' });
    expect(status('pii')?.status).toBe('fail');
    const { redacted, findings } = redactPii('Card 4111 1111 1111 1111, mail a@b.io, phone (555) 123-4567, year 2019, 25 litres.');
    expect(findings.map((finding) => finding.kind).sort()).toEqual(['card', 'email', 'phone']);
    expect(redacted).toContain('year 2019, 25 litres');
    expect(redacted).not.toMatch(/4111|a@b\.io|123-4567/);
  });

  it('strips markup and scripts, and says so', async () => {
    const { outcome, status } = await statusOf({ body: `${content.body}<script>alert("x")</script> <b>Water</b> daily.` });
    expect(outcome.content.body).not.toMatch(/<|alert/);
    expect(outcome.content.body).toContain('Water daily.');
    expect(status('markup')?.status).toBe('warn');
  });

  it('flags near-duplicates of sibling variants', async () => {
    const { status } = await statusOf({}, { siblings: [{ ...content, cta: 'Other' }] });
    expect(status('distinctness')?.status).toBe('fail');
  });

  it('moderates with the local list, or the endpoint when configured', async () => {
    const local = await statusOf({ summary: 'Only an idiot would skip this.' });
    expect(local.status('moderation')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/local term list: harassment/) });
    const server = await startOpenAiTestServer({ flaggedWords: { violence: ['pots'] } });
    try {
      const moderator = new OpenAiLlmClient({ baseUrl: server.baseUrl, apiKey: 't', chatModel: 'm', timeoutMs: 5_000, maxRetries: 0 });
      const remote = await statusOf({}, { moderator });
      expect(remote.status('moderation')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/endpoint: violence/) });
    } finally {
      await server.close();
    }
  });
});
