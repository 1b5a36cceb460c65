import { setTimeout as sleep } from 'node:timers/promises';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { BATCH_ENDPOINT, batchObject, BatchStore } from './batch-store.js';
import { answerChat } from './chat-completions.handler.js';
import { answerEmbeddings } from './embeddings.handler.js';
import { fileObject, FileStore } from './file-store.js';
import { answerImageEdit, answerImageGeneration } from './images.handler.js';
import { answerModerations, DEFAULT_FLAGGED_WORDS } from './moderations.handler.js';
import { isRecordedFile, type RecordedRequest } from './recorded-request.js';
import { ScriptBook } from './script-book.js';
import type { ScriptReply, ScriptRule } from './script-rule.js';
import {
  errorAnswer,
  httpErrorAnswer,
  jsonAnswer,
  MALFORMED_JSON_BODY,
  type ServerAnswer,
} from './server-answer.js';

export interface OpenAiTestServerOptions {
  /** Status polls (GET /v1/batches/:id) before a batch completes; 0 (default) completes it on creation. */
  batchPollsUntilComplete?: number;
  /** Vector size for embedding models the server does not know (default 256). */
  embeddingDimensions?: number;
  /** Moderation word list by category (default DEFAULT_FLAGGED_WORDS). */
  flaggedWords?: Readonly<Record<string, readonly string[]>>;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
}

export interface OpenAiTestServer {
  /** e.g. `http://127.0.0.1:41234/v1`: pass it as the SDK's baseURL. */
  readonly baseUrl: string;
  /** Every request received, oldest first (batch lines included, marked `source: 'batch'`). */
  readonly requests: readonly RecordedRequest[];
  /** Adds scripted answers, consumed in order; unmatched requests get the default answer. */
  script(...rules: ScriptRule[]): void;
  /** Scripted rules with a finite `times` not fully used yet. */
  pendingScripts(): number;
  /** Forgets scripts, the request log, files and batches. */
  reset(): void;
  close(): Promise<void>;
}

type Handler = (request: RecordedRequest, reply: ScriptReply | undefined) => ServerAnswer | Promise<ServerAnswer>;

/** Starts an OpenAI-compatible server on a free loopback port. */
export async function startOpenAiTestServer(options: OpenAiTestServerOptions = {}): Promise<OpenAiTestServer> {
  const server = new TestServer(options);
  await server.listen();
  return server;
}

class TestServer implements OpenAiTestServer {
  readonly requests: RecordedRequest[] = [];
  baseUrl = '';
  private readonly app: FastifyInstance;
  private readonly book = new ScriptBook();
  private readonly files = new FileStore();
  private readonly batches: BatchStore;
  private readonly closing = new AbortController();

  constructor(private readonly options: OpenAiTestServerOptions) {
    this.batches = new BatchStore(
      this.files,
      (request) => {
        this.requests.push(request);
        return this.answer(request, answerChat, { delay: false, chat: true });
      },
      options.batchPollsUntilComplete ?? 0,
    );
    this.app = Fastify({ bodyLimit: 64 * 1024 * 1024, forceCloseConnections: true });
    this.routes();
  }

  async listen(): Promise<void> {
    await this.app.register(multipart, { limits: { fileSize: 64 * 1024 * 1024 } });
    await this.app.listen({ host: '127.0.0.1', port: 0 });
    const address = this.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('Test server has no TCP address');
    this.baseUrl = `http://127.0.0.1:${address.port}/v1`;
  }

  script(...rules: ScriptRule[]): void {
    this.book.add(rules);
  }

  pendingScripts(): number {
    return this.book.pending();
  }

  reset(): void {
    this.book.clear();
    this.requests.length = 0;
    this.files.clear();
    this.batches.clear();
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.app.close();
  }

  private routes(): void {
    this.route('POST', '/v1/chat/completions', answerChat);
    this.route('POST', '/v1/embeddings', (request) => answerEmbeddings(request, this.options.embeddingDimensions ?? 256));
    this.route('POST', '/v1/images/generations', answerImageGeneration);
    this.route('POST', '/v1/images/edits', answerImageEdit);
    this.route('POST', '/v1/moderations', (request) => answerModerations(request, this.flaggedWords()));
    this.route('POST', '/v1/files', (request) => this.uploadFile(request));
    this.route('GET', '/v1/files/:id', (request) => this.fileInfo(request));
    this.route('GET', '/v1/files/:id/content', (request) => this.fileContent(request));
    this.route('POST', '/v1/batches', (request) => this.createBatch(request));
    this.route('GET', '/v1/batches/:id', (request) => this.pollBatch(request));
    this.route('POST', '/v1/batches/:id/cancel', (request) => this.cancelBatch(request));
  }

  private route(method: 'GET' | 'POST', url: string, handler: Handler): void {
    this.app.route({
      method,
      url,
      handler: async (req, res) => {
        const recorded: RecordedRequest = {
          method,
          path: req.url.split('?')[0] ?? req.url,
          headers: flattenHeaders(req.headers),
          body: req.isMultipart() ? await readMultipart(req) : (req.body ?? null),
          receivedAt: Date.now(),
          source: 'http',
        };
        this.requests.push(recorded);
        await send(res, await this.answer(recorded, handler, { delay: true, chat: url === '/v1/chat/completions' }));
      },
    });
  }

  /** Scripts first (delay, then the scripted reply), otherwise the endpoint's default answer. */
  private async answer(
    request: RecordedRequest,
    handler: Handler,
    how: { delay: boolean; chat: boolean },
  ): Promise<ServerAnswer> {
    const auth = this.checkAuth(request);
    if (auth !== undefined) return auth;
    const rule = this.book.take(request);
    if (how.delay && rule?.delayMs !== undefined) {
      await sleep(rule.delayMs, undefined, { signal: this.closing.signal }).catch(() => undefined);
    }
    let reply: ScriptReply | undefined;
    try {
      reply = typeof rule?.reply === 'function' ? await rule.reply(request) : rule?.reply;
    } catch (error) {
      return errorAnswer(500, `Test script reply threw: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (reply !== undefined && 'body' in reply) {
      return { status: reply.status ?? 200, headers: reply.headers, json: reply.body };
    }
    if (reply !== undefined && 'fault' in reply) {
      if (reply.fault.kind === 'http_error') return httpErrorAnswer(reply.fault);
      if (reply.fault.kind === 'malformed_body') {
        return { status: 200, raw: { contentType: 'application/json', data: MALFORMED_JSON_BODY } };
      }
    }
    if (reply !== undefined && !how.chat) {
      return errorAnswer(500, `Test script error: ${JSON.stringify(reply)} only fits chat completions.`);
    }
    return handler(request, reply);
  }

  private checkAuth(request: RecordedRequest): ServerAnswer | undefined {
    const expected = this.options.apiKey;
    if (expected === undefined || request.source === 'batch') return undefined;
    if (request.headers.authorization === `Bearer ${expected}`) return undefined;
    return errorAnswer(401, 'Incorrect API key provided.');
  }

  private flaggedWords(): Readonly<Record<string, readonly string[]>> {
    return this.options.flaggedWords ?? DEFAULT_FLAGGED_WORDS;
  }

  private uploadFile(request: RecordedRequest): ServerAnswer {
    const body = request.body as { file?: unknown; purpose?: unknown };
    if (!isRecordedFile(body.file)) return errorAnswer(400, "Missing required parameter: 'file'.", 'file');
    if (typeof body.purpose !== 'string') return errorAnswer(400, "Missing required parameter: 'purpose'.", 'purpose');
    return jsonAnswer(fileObject(this.files.add(body.file.filename, body.purpose, body.file.data)));
  }

  private fileInfo(request: RecordedRequest): ServerAnswer {
    const file = this.files.get(pathId(request));
    return file === undefined ? errorAnswer(404, `No such File object: ${pathId(request)}`) : jsonAnswer(fileObject(file));
  }

  private fileContent(request: RecordedRequest): ServerAnswer {
    const file = this.files.get(pathId(request));
    if (file === undefined) return errorAnswer(404, `No such File object: ${pathId(request)}`);
    return { status: 200, raw: { contentType: 'application/octet-stream', data: file.data } };
  }

  private async createBatch(request: RecordedRequest): Promise<ServerAnswer> {
    const body = request.body as { input_file_id?: unknown; endpoint?: unknown; completion_window?: unknown; metadata?: unknown };
    if (typeof body.input_file_id !== 'string') return errorAnswer(400, "Missing 'input_file_id'.", 'input_file_id');
    const input = this.files.get(body.input_file_id);
    if (input === undefined) return errorAnswer(404, `No such File object: ${body.input_file_id}`, 'input_file_id');
    if (input.purpose !== 'batch') return errorAnswer(400, "The input file must have purpose 'batch'.", 'input_file_id');
    if (body.endpoint !== BATCH_ENDPOINT) {
      return errorAnswer(400, `This test server batches ${BATCH_ENDPOINT} only.`, 'endpoint');
    }
    if (body.completion_window !== '24h') return errorAnswer(400, "'completion_window' must be '24h'.", 'completion_window');
    return jsonAnswer(batchObject(await this.batches.create(input.id, BATCH_ENDPOINT, '24h', body.metadata)));
  }

  private async pollBatch(request: RecordedRequest): Promise<ServerAnswer> {
    const batch = await this.batches.poll(pathId(request));
    return batch === undefined ? errorAnswer(404, `No such batch: ${pathId(request)}`) : jsonAnswer(batchObject(batch));
  }

  private cancelBatch(request: RecordedRequest): ServerAnswer {
    const batch = this.batches.cancel(pathId(request));
    if (batch === undefined) return errorAnswer(404, `No such batch: ${pathId(request)}`);
    if (batch === 'finished') return errorAnswer(400, 'Cannot cancel a batch that has already finished.');
    return jsonAnswer(batchObject(batch));
  }
}

/** `/v1/files/<id>` and `/v1/batches/<id>/cancel` both carry the id as their fourth segment. */
function pathId(request: RecordedRequest): string {
  return request.path.split('/')[3] ?? '';
}

async function readMultipart(req: FastifyRequest): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = {};
  for await (const part of req.parts()) {
    const value =
      part.type === 'file'
        ? { filename: part.filename, contentType: part.mimetype, data: await part.toBuffer() }
        : part.value;
    // The SDK sends arrays as repeated `name[]` fields (e.g. several images for an edit).
    const name = part.fieldname.replace(/\[\]$/, '');
    const existing = fields[name];
    fields[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return fields;
}

async function send(res: FastifyReply, answer: ServerAnswer): Promise<void> {
  res.code(answer.status);
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.header(name, value);
  if (answer.raw !== undefined) {
    await res.type(answer.raw.contentType).send(answer.raw.data);
    return;
  }
  await res.type('application/json').send(JSON.stringify(answer.json ?? null));
}

function flattenHeaders(headers: FastifyRequest['headers']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]],
    ),
  );
}
