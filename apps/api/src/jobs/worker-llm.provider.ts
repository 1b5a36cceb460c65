import type { Provider } from '@nestjs/common';
import type { LlmClient } from '@persona/llm';
import { LLM_CLIENT } from '../llm/llm.module.js';

/** The LLM client of queue workers: the endpoint's budget is shared by every worker through Redis. */
export const WORKER_LLM_CLIENT = Symbol('WORKER_LLM_CLIENT');

export const workerLlmProvider: Provider = {
  provide: WORKER_LLM_CLIENT,
  inject: [LLM_CLIENT],
  useFactory: (llm: LlmClient | null) => llm,
};
