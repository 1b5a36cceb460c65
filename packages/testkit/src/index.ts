export * from './openai-test-server.js';
export * from './script-rule.js';
export * from './recorded-request.js';
export { obedientModel } from './obedient-model.answer.js';
export { INJECTION_CORPUS, type InjectionCase, type InjectionFamily } from './injection-corpus.js';
export { sampleJsonSchema } from './json-schema-sample.js';
export { embedText } from './embeddings.handler.js';
export { renderPromptImage } from './images.handler.js';
export { DEFAULT_FLAGGED_WORDS } from './moderations.handler.js';
