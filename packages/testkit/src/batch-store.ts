import { randomUUID } from 'node:crypto';
import type { FileStore } from './file-store.js';
import type { RecordedRequest } from './recorded-request.js';
import type { ServerAnswer } from './server-answer.js';

/** Answers one chat line of a batch exactly as the HTTP route would (scripts included). */
export type BatchLineAnswerer = (request: RecordedRequest) => Promise<ServerAnswer>;

type BatchState = 'validating' | 'in_progress' | 'completed' | 'cancelled';

export interface Batch {
  id: string;
  inputFileId: string;
  endpoint: string;
  completionWindow: string;
  metadata: unknown;
  state: BatchState;
  polls: number;
  createdAt: number;
  finishedAt: number | null;
  outputFileId: string | null;
  errorFileId: string | null;
  counts: { total: number; completed: number; failed: number };
}

export const BATCH_ENDPOINT = '/v1/chat/completions';

/**
 * OpenAI's batch lifecycle, compressed: a batch completes when it is created, or after the
 * configured number of status polls, and then writes output and error files in OpenAI's format.
 */
export class BatchStore {
  private readonly batches = new Map<string, Batch>();

  constructor(
    private readonly files: FileStore,
    private readonly answerLine: BatchLineAnswerer,
    private readonly pollsUntilComplete: number,
  ) {}

  async create(inputFileId: string, endpoint: string, completionWindow: string, metadata: unknown): Promise<Batch> {
    const batch: Batch = {
      id: `batch_${randomUUID()}`,
      inputFileId,
      endpoint,
      completionWindow,
      metadata: metadata ?? null,
      state: 'validating',
      polls: 0,
      createdAt: Math.floor(Date.now() / 1000),
      finishedAt: null,
      outputFileId: null,
      errorFileId: null,
      counts: { total: 0, completed: 0, failed: 0 },
    };
    this.batches.set(batch.id, batch);
    if (this.pollsUntilComplete === 0) await this.run(batch);
    return batch;
  }

  async poll(id: string): Promise<Batch | undefined> {
    const batch = this.batches.get(id);
    if (batch === undefined || batch.state === 'completed' || batch.state === 'cancelled') return batch;
    batch.polls += 1;
    if (batch.polls >= this.pollsUntilComplete) await this.run(batch);
    else batch.state = 'in_progress';
    return batch;
  }

  /** Cancels a batch that has not finished; returns undefined when it does not exist. */
  cancel(id: string): Batch | 'finished' | undefined {
    const batch = this.batches.get(id);
    if (batch === undefined) return undefined;
    if (batch.state === 'completed' || batch.state === 'cancelled') return 'finished';
    batch.state = 'cancelled';
    batch.finishedAt = Math.floor(Date.now() / 1000);
    return batch;
  }

  clear(): void {
    this.batches.clear();
  }

  private async run(batch: Batch): Promise<void> {
    const input = this.files.get(batch.inputFileId)?.data.toString('utf8') ?? '';
    const lines = input.split('\n').filter((line) => line.trim() !== '');
    const outputs: string[] = [];
    const errors: string[] = [];
    for (const line of lines) {
      const result = await this.runLine(line);
      (result.ok ? outputs : errors).push(JSON.stringify(result.line));
    }
    batch.counts = { total: lines.length, completed: outputs.length, failed: errors.length };
    batch.outputFileId = outputs.length > 0 ? this.writeFile(batch, 'output', outputs) : null;
    batch.errorFileId = errors.length > 0 ? this.writeFile(batch, 'error', errors) : null;
    batch.state = 'completed';
    batch.finishedAt = Math.floor(Date.now() / 1000);
  }

  private async runLine(line: string): Promise<{ ok: boolean; line: unknown }> {
    const id = `batch_req_${randomUUID()}`;
    let parsed: { custom_id?: unknown; method?: unknown; url?: unknown; body?: unknown };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      return { ok: false, line: lineError(id, null, 'invalid_json_line', 'This line is not valid JSON.') };
    }
    const customId = typeof parsed.custom_id === 'string' ? parsed.custom_id : null;
    if (parsed.url !== BATCH_ENDPOINT || parsed.method !== 'POST') {
      return { ok: false, line: lineError(id, customId, 'invalid_url', `Lines must POST to ${BATCH_ENDPOINT}.`) };
    }
    const answer = await this.answerLine({
      method: 'POST',
      path: BATCH_ENDPOINT,
      headers: {},
      body: parsed.body,
      receivedAt: Date.now(),
      source: 'batch',
    });
    const requestId = `req_${randomUUID()}`;
    if (answer.json === undefined) {
      return { ok: false, line: lineError(id, customId, 'server_error', 'The model produced an unreadable response.') };
    }
    const response = { status_code: answer.status, request_id: requestId, body: answer.json };
    return { ok: answer.status === 200, line: { id, custom_id: customId, response, error: null } };
  }

  private writeFile(batch: Batch, kind: 'output' | 'error', lines: string[]): string {
    return this.files.add(`${batch.id}_${kind}.jsonl`, 'batch_output', Buffer.from(lines.join('\n') + '\n')).id;
  }
}

function lineError(id: string, customId: string | null, code: string, message: string): unknown {
  return { id, custom_id: customId, response: null, error: { code, message } };
}

/** The Batch object of OpenAI's API. */
export function batchObject(batch: Batch): unknown {
  const finished = batch.finishedAt;
  return {
    id: batch.id,
    object: 'batch',
    endpoint: batch.endpoint,
    errors: null,
    input_file_id: batch.inputFileId,
    completion_window: batch.completionWindow,
    status: batch.state,
    output_file_id: batch.outputFileId,
    error_file_id: batch.errorFileId,
    created_at: batch.createdAt,
    in_progress_at: batch.state === 'validating' ? null : batch.createdAt,
    expires_at: batch.createdAt + 86_400,
    finalizing_at: batch.state === 'completed' ? finished : null,
    completed_at: batch.state === 'completed' ? finished : null,
    failed_at: null,
    expired_at: null,
    cancelling_at: batch.state === 'cancelled' ? finished : null,
    cancelled_at: batch.state === 'cancelled' ? finished : null,
    request_counts: batch.counts,
    metadata: batch.metadata,
  };
}
