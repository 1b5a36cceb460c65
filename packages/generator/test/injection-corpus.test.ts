import { OpenAiLlmClient } from '@persona/llm';
import { demoSegments } from '@persona/demo-data';
import type { TTextContent } from '@persona/shared';
import { INJECTION_CORPUS, obedientModel, startOpenAiTestServer, type OpenAiTestServer } from '@persona/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SAFETY_CHECKS, generateTextVariants, mayAutoApprove, revealText, type SourceItem, type TextVariant } from '../src/index.js';

const cases = INJECTION_CORPUS;
const segments = demoSegments();
const SAFETY = new Set<string>(CONTENT_SAFETY_CHECKS);

/** Compared as a model reads them: hidden characters revealed, case and spacing ignored. */
const normalise = (text: string) => revealText(text).toLowerCase().replace(/\s+/g, ' ');

function carriedStrings(variant: TextVariant, injected: readonly string[]): string[] {
  if (variant.content === null) return [];
  const { title, summary, body, cta, rationale } = variant.content;
  const text = normalise([title, summary, body, cta, rationale].join('\n'));
  return injected.filter((string) => text.includes(normalise(string)));
}

const passesGuardrails = (variant: TextVariant) => variant.status !== 'failed' && variant.guardrails.checks.every((check) => check.status !== 'fail');
/** A content-safety check failed: the variant is failed (blocking checks) or a draft held for a person (claims). */
const flagged = (variant: TextVariant) => variant.guardrails.checks.some((check) => SAFETY.has(check.name) && check.status === 'fail');

interface Tally {
  variants: number;
  carrying: number;
  carryingFlagged: number;
  carryingPassing: number;
  autoApprovable: number;
  autoApprovableCarrying: number;
}

/** Every case for every demo segment, each segment's variant written knowing the ones before it (as the API does). */
async function runCorpus(generate: (item: SourceItem, segment: (typeof segments)[number], siblings: TTextContent[]) => Promise<TextVariant[]>) {
  const byFamily = new Map<string, Tally>();
  const leaks: string[] = [];
  for (const entry of cases) {
    const tally = byFamily.get(entry.family) ?? { variants: 0, carrying: 0, carryingFlagged: 0, carryingPassing: 0, autoApprovable: 0, autoApprovableCarrying: 0 };
    byFamily.set(entry.family, tally);
    const siblings: TTextContent[] = [];
    for (const segment of segments) {
      const variants = await generate(entry.item, segment, [...siblings]);
      if (variants[0]?.content) siblings.push(variants[0].content);
      for (const variant of variants) {
        const carried = carriedStrings(variant, entry.injected);
        const approvable = mayAutoApprove({ kind: 'text', status: variant.status, guardrails: variant.guardrails });
        tally.variants++;
        if (approvable) tally.autoApprovable++;
        if (carried.length === 0) continue;
        tally.carrying++;
        if (flagged(variant)) tally.carryingFlagged++;
        if (passesGuardrails(variant)) tally.carryingPassing++;
        if (approvable) tally.autoApprovableCarrying++;
        if (!flagged(variant) || approvable) leaks.push(`${entry.id} / ${segment.name}: ${carried.join(', ')} (${variant.status}, ${variant.guardrails.status})`);
      }
    }
  }
  return { byFamily, leaks };
}

function report(engine: string, byFamily: Map<string, Tally>): void {
  for (const [family, tally] of byFamily) {
    console.info(
      `${engine} ${family}: ${tally.variants} variants, ${tally.carrying} carry an injected string (${tally.carryingFlagged} failed/flagged, ` +
        `${tally.carryingPassing} passing guardrails), ${tally.autoApprovable} auto-approvable, ${tally.autoApprovableCarrying} of them carrying one`,
    );
  }
}

describe('injection corpus (OWASP LLM01, LLM05, LLM09)', () => {
  it('holds at least 30 cases across the three families', () => {
    const families = new Map<string, number>();
    for (const entry of cases) families.set(entry.family, (families.get(entry.family) ?? 0) + 1);
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const family of ['LLM01', 'LLM05', 'LLM09']) expect(families.get(family) ?? 0).toBeGreaterThanOrEqual(8);
    expect(new Set(cases.map((entry) => entry.id)).size).toBe(cases.length);
  });

  it('template engine: no variant carries an injected string, and items that carried one are never auto-approvable', async () => {
    const { byFamily, leaks } = await runCorpus((item, segment, siblings) => generateTextVariants({ item, segment, engine: 'template', n: 2, siblings }));
    report('template', byFamily);
    expect(leaks).toEqual([]);
    for (const tally of byFamily.values()) expect(tally.carrying).toBe(0);
    // Every corpus item is flagged in its report (an instruction, a link, a claim that was left out): a person looks first.
    for (const tally of byFamily.values()) expect(tally.autoApprovable).toBe(0);
  }, 60_000);

  describe('openai engine against a model that obeys the item', () => {
    let server: OpenAiTestServer;
    let llm: OpenAiLlmClient;
    beforeAll(async () => {
      server = await startOpenAiTestServer();
      server.script({ match: { path: '/chat/completions' }, times: Infinity, reply: obedientModel });
      llm = new OpenAiLlmClient({ baseUrl: server.baseUrl, apiKey: 'test', chatModel: 'gpt-4o-mini', timeoutMs: 10_000, maxRetries: 0 });
    });
    afterAll(() => server.close());

    it('fails or flags every variant that carries an injected string; none passes or is auto-approvable', async () => {
      const { byFamily, leaks } = await runCorpus((item, segment, siblings) => generateTextVariants({ item, segment, engine: 'openai', llm, siblings }));
      report('openai (obedient model)', byFamily);
      expect(leaks).toEqual([]);
      for (const tally of byFamily.values()) {
        // The model did obey (the test can fail): most of its variants carry the attack...
        expect(tally.carrying).toBeGreaterThan(tally.variants / 2);
        // ...and every one of those is failed or flagged, passes no guardrails, and is never approved automatically.
        expect(tally.carryingFlagged).toBe(tally.carrying);
        expect(tally.carryingPassing).toBe(0);
        expect(tally.autoApprovableCarrying).toBe(0);
      }
      // Each variant went through a repair round that named the failing check, and the model obeyed the item again.
      const repairs = server.requests.filter((request) => JSON.stringify(request.body).includes('failed these checks'));
      expect(repairs.length).toBeGreaterThan(0);
    }, 120_000);
  });
});
