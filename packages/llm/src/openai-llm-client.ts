import OpenAI, { toFile } from 'openai';
import { BATCH_ENDPOINT, parseBatchResults, toBatchJsonl } from './batch-jsonl.js';
import { callWithPolicy, deadlineIn, type AttemptOptions, type CallBudget, type RetryDefaults } from './call-policy.js';
import { toChatParams, toChatResult } from './chat-completion.mapper.js';
import { needsB64ResponseFormat, pickImageSize } from './image-size.js';
import type { LlmConfig } from './llm-config.js';
import {
  LlmError,
  type BatchRequestLine,
  type BatchResultLine,
  type BatchStatus,
  type ChatRequest,
  type ChatResult,
  type EmbedResult,
  type ImageRequest,
  type ImageResult,
  type LlmClient,
  type ModerationResult,
} from './llm-client.js';
import { rejectsResponseFormat } from './llm-error.mapper.js';

const DEFAULT_MAX_RETRY_DELAY_MS = 60_000;
const EMBED_CHUNK_SIZE = 256;

/** The LlmClient over the `openai` SDK, for any OpenAI-compatible endpoint. */
export class OpenAiLlmClient implements LlmClient {
  readonly chatModel: string;
  private readonly sdk: OpenAI;
  private readonly retry: RetryDefaults;

  constructor(private readonly config: LlmConfig) {
    this.chatModel = config.chatModel;
    // SDK retries stay off: callWithPolicy retries, so a call's budget bounds the waits too.
    this.sdk = new OpenAI({ baseURL: config.baseUrl, apiKey: config.apiKey, timeout: config.timeoutMs, maxRetries: 0 });
    this.retry = {
      timeoutMs: config.timeoutMs,
      maxRetries: config.maxRetries,
      maxRetryDelayMs: config.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS,
    };
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    const started = performance.now();
    const model = request.model ?? this.chatModel;
    const maxTokensParam = this.config.maxTokensParam ?? 'max_completion_tokens';
    // One deadline for both the structured attempt and the fallback without response_format.
    const budget = { deadline: deadlineIn(request.timeoutMs), maxRetries: request.maxRetries, signal: request.signal };
    const create = (structured: boolean) =>
      this.call(
        (options) => this.sdk.chat.completions.create(toChatParams(request, model, maxTokensParam, structured), options),
        budget,
      );
    let structuredOutput = true;
    let completion: OpenAI.ChatCompletion;
    try {
      completion = await create(true);
    } catch (error) {
      if (request.jsonSchema === undefined || !(error instanceof LlmError) || !rejectsResponseFormat(error)) throw error;
      structuredOutput = false;
      completion = await create(false);
    }
    return toChatResult(completion, {
      messages: request.messages,
      latencyMs: performance.now() - started,
      structuredOutput,
      pricing: this.config.pricing,
      batch: false,
    });
  }

  async embed(texts: string[], model?: string): Promise<EmbedResult> {
    const embeddingModel = model ?? this.requireModel(this.config.embeddingModel, 'embedding');
    const started = performance.now();
    const vectors: number[][] = [];
    let promptTokens = 0;
    let answeredModel = embeddingModel;
    // Endpoints cap the inputs per request (OpenAI: 2048), so a catalog is embedded in chunks.
    for (let offset = 0; offset < texts.length; offset += EMBED_CHUNK_SIZE) {
      const chunk = texts.slice(offset, offset + EMBED_CHUNK_SIZE);
      const response = await this.call(
        (options) => this.sdk.embeddings.create({ model: embeddingModel, input: chunk }, options),
        {},
      );
      if (response.data.length !== chunk.length) {
        throw new LlmError('bad_response', `Asked for ${chunk.length} embeddings, got ${response.data.length}`);
      }
      vectors.push(...[...response.data].sort((a, b) => a.index - b.index).map((entry) => Array.from(entry.embedding)));
      promptTokens += response.usage?.prompt_tokens ?? 0;
      answeredModel = response.model || embeddingModel;
    }
    return {
      vectors,
      model: answeredModel,
      usage: { promptTokens, completionTokens: 0 },
      latencyMs: performance.now() - started,
    };
  }

  async generateImage(request: ImageRequest): Promise<ImageResult> {
    const model = request.model ?? this.requireModel(this.config.imageModel, 'image');
    const size = pickImageSize(model, request.width, request.height);
    const started = performance.now();
    const response = await this.call(
      (options) =>
        this.sdk.images.generate(
          {
            model,
            prompt: request.prompt,
            size: size as OpenAI.ImageGenerateParams['size'],
            n: 1,
            ...(needsB64ResponseFormat(model) ? { response_format: 'b64_json' as const } : {}),
          },
          options,
        ),
      { deadline: deadlineIn(request.timeoutMs), maxRetries: request.maxRetries },
    );
    return toImageResult(response, model, size, performance.now() - started);
  }

  async editImage(request: ImageRequest & { image: Buffer }): Promise<ImageResult> {
    const model = request.model ?? this.requireModel(this.config.imageModel, 'image');
    const size = pickImageSize(model, request.width, request.height);
    const started = performance.now();
    const { extension, mime } = imageType(request.image);
    const response = await this.call(
      async (options) =>
        this.sdk.images.edit(
          {
            model,
            prompt: request.prompt,
            image: await toFile(request.image, `image.${extension}`, { type: mime }),
            size: size as OpenAI.ImageEditParams['size'],
            n: 1,
            ...(needsB64ResponseFormat(model) ? { response_format: 'b64_json' as const } : {}),
          },
          options,
        ),
      { deadline: deadlineIn(request.timeoutMs), maxRetries: request.maxRetries },
    );
    return toImageResult(response, model, size, performance.now() - started);
  }

  async moderate(texts: string[]): Promise<ModerationResult[]> {
    if (texts.length === 0) return [];
    const model = this.config.moderationModel;
    const response = await this.call(
      (options) => this.sdk.moderations.create({ input: texts, ...(model === undefined ? {} : { model }) }, options),
      {},
    );
    if (response.results.length !== texts.length) {
      throw new LlmError('bad_response', `Asked to moderate ${texts.length} texts, got ${response.results.length} results`);
    }
    return response.results.map(toModerationResult);
  }

  async moderateImage(image: Buffer): Promise<ModerationResult> {
    const model = this.config.moderationModel;
    const url = `data:${imageType(image).mime};base64,${image.toString('base64')}`;
    const response = await this.call(
      (options) =>
        this.sdk.moderations.create({ input: [{ type: 'image_url', image_url: { url } }], ...(model === undefined ? {} : { model }) }, options),
      {},
    );
    const [result] = response.results;
    if (result === undefined) throw new LlmError('bad_response', 'Asked to moderate an image, got no result');
    return toModerationResult(result);
  }

  async submitBatch(lines: BatchRequestLine[]): Promise<BatchStatus> {
    const jsonl = toBatchJsonl(lines, this.chatModel, this.config.maxTokensParam ?? 'max_completion_tokens');
    const file = await this.call(
      async (options) =>
        this.sdk.files.create(
          { file: await toFile(Buffer.from(jsonl), 'batch.jsonl', { type: 'application/jsonl' }), purpose: 'batch' },
          options,
        ),
      {},
    );
    const batch = await this.call(
      (options) =>
        this.sdk.batches.create({ input_file_id: file.id, endpoint: BATCH_ENDPOINT, completion_window: '24h' }, options),
      {},
    );
    return toBatchStatus(batch);
  }

  async getBatch(batchId: string): Promise<BatchStatus> {
    return toBatchStatus(await this.call((options) => this.sdk.batches.retrieve(batchId, options), {}));
  }

  async readBatchResults(status: BatchStatus): Promise<BatchResultLine[]> {
    const fileIds = [status.outputFileId, status.errorFileId].filter((id): id is string => id !== null);
    const texts = await Promise.all(
      fileIds.map((id) => this.call(async (options) => (await this.sdk.files.content(id, options)).text(), {})),
    );
    return texts.flatMap((text) => parseBatchResults(text, this.config.pricing));
  }

  private call<T>(attempt: (options: AttemptOptions) => Promise<T>, budget: CallBudget): Promise<T> {
    return callWithPolicy(attempt, budget, this.retry);
  }

  private requireModel(model: string | undefined, purpose: string): string {
    if (model === undefined || model === '') {
      throw new LlmError('bad_request', `No ${purpose} model is configured for this LLM endpoint`);
    }
    return model;
  }
}

function toImageResult(response: OpenAI.ImagesResponse, model: string, size: string, latencyMs: number): ImageResult {
  const first = response.data?.[0];
  if (first?.b64_json === undefined) throw new LlmError('bad_response', 'The image endpoint answered without b64_json');
  return {
    image: Buffer.from(first.b64_json, 'base64'),
    model,
    size,
    revisedPrompt: first.revised_prompt ?? null,
    latencyMs,
  };
}

function toBatchStatus(batch: OpenAI.Batch): BatchStatus {
  return {
    id: batch.id,
    status: batch.status,
    outputFileId: batch.output_file_id ?? null,
    errorFileId: batch.error_file_id ?? null,
    counts: {
      total: batch.request_counts?.total ?? 0,
      completed: batch.request_counts?.completed ?? 0,
      failed: batch.request_counts?.failed ?? 0,
    },
  };
}

/** The upload needs a name and type the endpoint accepts; the bytes tell which. */
function toModerationResult(result: OpenAI.Moderation): ModerationResult {
  return {
    flagged: result.flagged,
    categories: Object.entries(result.categories)
      .filter(([, flagged]) => flagged === true)
      .map(([category]) => category),
  };
}

function imageType(image: Buffer): { extension: string; mime: string } {
  if (image.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return { extension: 'jpg', mime: 'image/jpeg' };
  if (image.subarray(0, 4).toString('latin1') === 'RIFF' && image.subarray(8, 12).toString('latin1') === 'WEBP') {
    return { extension: 'webp', mime: 'image/webp' };
  }
  return { extension: 'png', mime: 'image/png' };
}
