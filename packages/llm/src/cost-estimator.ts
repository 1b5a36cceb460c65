import type { CostEstimate, TokenUsage } from './llm-client.js';

export interface ModelPrice {
  /** USD per 1M prompt tokens. */
  inputPerMillion: number;
  /** USD per 1M completion tokens. */
  outputPerMillion: number;
}

export type PricingTable = Readonly<Record<string, ModelPrice>>;

/** OpenAI list prices (USD per 1M tokens) of the models the platform is likely to use; override per deployment. */
export const DEFAULT_PRICING: PricingTable = {
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gpt-5': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'gpt-5-mini': { inputPerMillion: 0.25, outputPerMillion: 2 },
  'gpt-5-nano': { inputPerMillion: 0.05, outputPerMillion: 0.4 },
  'o4-mini': { inputPerMillion: 1.1, outputPerMillion: 4.4 },
  'text-embedding-3-small': { inputPerMillion: 0.02, outputPerMillion: 0 },
  'text-embedding-3-large': { inputPerMillion: 0.13, outputPerMillion: 0 },
  'gpt-image-1': { inputPerMillion: 5, outputPerMillion: 40 },
};

/** The Batch API bills half the synchronous price. */
const BATCH_DISCOUNT = 0.5;

/**
 * The price of a call from its token usage. Dated snapshots (`gpt-4o-mini-2024-07-18`) use the
 * longest matching name in the table; a model not in the table costs 0 with `priced: false`.
 */
export function estimateCost(
  model: string,
  usage: TokenUsage,
  options: { pricing?: PricingTable; batch?: boolean } = {},
): CostEstimate {
  const price = findPrice(model, options.pricing ?? DEFAULT_PRICING);
  if (price === undefined) return { usd: 0, priced: false };
  const usd =
    (usage.promptTokens * price.inputPerMillion + usage.completionTokens * price.outputPerMillion) / 1_000_000;
  return { usd: options.batch === true ? usd * BATCH_DISCOUNT : usd, priced: true };
}

function findPrice(model: string, pricing: PricingTable): ModelPrice | undefined {
  const exact = pricing[model];
  if (exact !== undefined) return exact;
  const prefix = Object.keys(pricing)
    .filter((name) => model.startsWith(`${name}-`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : pricing[prefix];
}
