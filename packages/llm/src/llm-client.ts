/**
 * The port every LLM consumer (LLM ranker, text and image engines, moderation, batch mode) talks
 * to. `OpenAiLlmClient` implements it over the `openai` SDK for any OpenAI-compatible endpoint;
 * nothing else in the platform imports the SDK.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface JsonSchemaFormat {
  name: string;
  /** A JSON Schema object (e.g. from `z.toJSONSchema`). */
  schema: Record<string, unknown>;
  strict: boolean;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** Defaults to the client's configured chat model. */
  model?: string;
  temperature?: number;
  seed?: number;
  maxTokens?: number;
  /** Number of choices to ask for (n). */
  n?: number;
  /** Ask for structured output; endpoints that reject it are retried without it. */
  jsonSchema?: JsonSchemaFormat;
  /** Total time budget for the call, retries and their waits included: a caller that must answer fast sets it. */
  timeoutMs?: number;
  /** Overrides the client's retry count for this call (0: fail on the first error). */
  maxRetries?: number;
  signal?: AbortSignal;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatChoice {
  content: string | null;
  refusal: string | null;
  finishReason: string;
}

/** Estimated price of a call; `priced` is false when the model is not in the pricing table (usd is then 0). */
export interface CostEstimate {
  usd: number;
  priced: boolean;
}

export interface ChatResult {
  choices: ChatChoice[];
  model: string;
  usage: TokenUsage;
  cost: CostEstimate;
  latencyMs: number;
  /** False when the endpoint refused `response_format: json_schema` and we asked again without it. */
  structuredOutput: boolean;
}

export interface EmbedResult {
  vectors: number[][];
  model: string;
  usage: TokenUsage;
  latencyMs: number;
}

export interface ImageRequest {
  prompt: string;
  /** Pixel size the model is asked for; the client maps it to a size the model supports. */
  width: number;
  height: number;
  model?: string;
  /** For edits: the source image. */
  image?: Buffer;
  /** Total time budget for the call, retries and their waits included. */
  timeoutMs?: number;
  /** Overrides the client's retry count for this call. */
  maxRetries?: number;
}

export interface ImageResult {
  image: Buffer;
  model: string;
  size: string;
  revisedPrompt: string | null;
  latencyMs: number;
}

export interface ModerationResult {
  flagged: boolean;
  categories: string[];
}

export interface BatchRequestLine {
  customId: string;
  request: ChatRequest;
}

export interface BatchStatus {
  id: string;
  status: string;
  outputFileId: string | null;
  errorFileId: string | null;
  counts: { total: number; completed: number; failed: number };
}

export interface BatchResultLine {
  customId: string;
  result?: ChatResult;
  error?: { code: string; message: string };
}

export interface LlmClient {
  readonly chatModel: string;
  chat(request: ChatRequest): Promise<ChatResult>;
  embed(texts: string[], model?: string): Promise<EmbedResult>;
  generateImage(request: ImageRequest): Promise<ImageResult>;
  editImage(request: ImageRequest & { image: Buffer }): Promise<ImageResult>;
  moderate(texts: string[]): Promise<ModerationResult[]>;
  /** One image (PNG, JPEG or WebP) through a multimodal moderation model. */
  moderateImage(image: Buffer): Promise<ModerationResult>;
  submitBatch(lines: BatchRequestLine[]): Promise<BatchStatus>;
  getBatch(batchId: string): Promise<BatchStatus>;
  readBatchResults(status: BatchStatus): Promise<BatchResultLine[]>;
}

/** Why an LLM call did not produce a usable answer: callers fall back on these, never on messages. */
export type LlmErrorKind =
  | 'timeout'
  | 'rate_limited'
  | 'server_error'
  | 'bad_request'
  | 'auth'
  | 'connection'
  | 'bad_response'
  | 'refused';

export class LlmError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LlmError';
  }

  /** Whether trying again later may succeed (a queue retries these, and gives up on the rest). */
  get retryable(): boolean {
    return ['timeout', 'rate_limited', 'server_error', 'connection'].includes(this.kind);
  }
}
