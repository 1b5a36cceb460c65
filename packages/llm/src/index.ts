export * from './llm-client.js';
export type { LlmConfig } from './llm-config.js';
export { OpenAiLlmClient } from './openai-llm-client.js';
export { createLlmClient } from './create-llm-client.js';
export { countTokens, countChatTokens } from './token-counter.js';
export { estimateCost, DEFAULT_PRICING, type ModelPrice, type PricingTable } from './cost-estimator.js';
export { pickImageSize } from './image-size.js';
export { toJsonSchemaFormat, parseStructuredOutput } from './structured-output.js';
