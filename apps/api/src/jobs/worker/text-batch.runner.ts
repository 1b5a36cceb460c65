import { Inject, Injectable, Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { buildTextRequest, contentHash, textVariantFromBatchAnswer } from '@persona/generator';
import type { BatchResultLine, BatchStatus, ChatRequest, LlmClient } from '@persona/llm';
import {
  ErrorCode,
  PlatformError,
  type TItem,
  type TSegment,
  type TTextBatchJobPayload,
  type TTextContent,
} from '@persona/shared';
import { SegmentsService } from '../../audience/segments.service.js';
import { ItemsRepository } from '../../catalog/items.repository.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { VariantGenerationService } from '../../generation/variant-generation.service.js';
import { VariantsRepository, type VariantKey } from '../../generation/variants.repository.js';
import { GenerationRuns } from '../runs/generation-runs.js';
import { GenerationJobsRepository, type GenerationJobRow, type ChildKey } from '../store/generation-jobs.repository.js';
import { JobCanceledError, jobVariantSink } from './job-variant.sink.js';
import { RetryPolicy, reasonOf } from '../retry-policy.js';
import { WORKER_LLM_CLIENT } from '../llm-budget/worker-llm.provider.js';

/** Batch states after which the Batch API writes nothing more (the others are polled again later). */
const TERMINAL_BATCH_STATES = new Set(['completed', 'failed', 'expired', 'cancelled']);
/** Items whose answers are checked and stored at once; each item's segments go in order (distinctness). */
const ITEM_CONCURRENCY = 8;
/** The text engine whose key batch texts are stored under: the image children look them up with it. */
const TEXT_KEY_ENGINE = 'openai';

/** What one run of the batch child did, for BullMQ's return value (Bull Board shows it). */
export type TextBatchSummary =
  | { outcome: 'canceled' }
  | { outcome: 'nothing-to-send'; imageChildren: number }
  | { outcome: 'finished'; batchId: string; batchStatus: string; answered: number; done: number; failed: number; skipped: number; imageChildren: number };

type Pair = Pick<ChildKey, 'itemId' | 'segmentId'>;

/** One text the job still owes: counted (a child row) or the headline an image-only job needs (no row). */
interface WantedText extends Pair {
  item: TItem;
  segment: TSegment;
  counted: boolean;
  key: VariantKey & { styleKey: string };
  request: ChatRequest;
  /** `${itemId}.${segmentId}.${hash of the request}`: maps an answer back, and tells a stale one. */
  customId: string;
}

/**
 * The openai-batch engine: every text a job still owes goes out as one Batch API run (half the
 * price, answered within 24 hours), which this child polls until it ends; then the answers are
 * checked and stored like the synchronous engine's, and the image children are queued.
 *
 * Crash safety and idempotency: the database says what is still owed (pending child rows, texts
 * not yet stored), the job row holds the provider's batch id, and each answer is written with
 * the same guarded, pending-only write as a queued child. So a run that dies anywhere and runs
 * again resumes: it polls the batch it already sent instead of sending another, stores only the
 * answers not stored yet, and adds an image run whose ids are fixed (a repeat adds nothing).
 */
@Injectable()
export class TextBatchRunner {
  private readonly logger = new Logger(TextBatchRunner.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(GenerationJobsRepository) private readonly jobs: GenerationJobsRepository,
    @Inject(GenerationRuns) private readonly runs: GenerationRuns,
    @Inject(VariantGenerationService) private readonly generation: VariantGenerationService,
    @Inject(VariantsRepository) private readonly variants: VariantsRepository,
    @Inject(ItemsRepository) private readonly items: ItemsRepository,
    @Inject(SegmentsService) private readonly segments: SegmentsService,
    @Inject(WORKER_LLM_CLIENT) private readonly llm: LlmClient | null,
    @Inject(RetryPolicy) private readonly retries: RetryPolicy,
  ) {}

  async run(job: Job, token: string | undefined, payload: TTextBatchJobPayload): Promise<TextBatchSummary> {
    const row = await this.jobs.findById(payload.jobId);
    if (!row || row.status === 'canceled') return { outcome: 'canceled' };
    if (row.status === 'queued') await this.jobs.markStarted(row.id);
    try {
      if (this.llm === null) {
        throw new PlatformError(ErrorCode.LlmUnavailable, 'The openai-batch engine needs an LLM endpoint on the worker (set LLM_BASE_URL).');
      }
      return await this.advance(job, token, row, this.llm);
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      if (error instanceof JobCanceledError) return { outcome: 'canceled' };
      // No later attempt will send or read this batch: what it owes fails with the reason, so the job can end.
      if (this.retries.failsForGood(error, this.retries.attemptOf(job))) await this.failOwed(row, `The text batch failed: ${reasonOf(error)}`);
      throw error;
    }
  }

  /** One step of the batch's life: send it, or poll it (and wait again), or store its answers. */
  private async advance(job: Job, token: string | undefined, row: GenerationJobRow, llm: LlmClient): Promise<TextBatchSummary> {
    let status: BatchStatus;
    if (row.providerBatchId === null) {
      const wanted = await this.wantedTexts(row, { reuseStored: true });
      if (wanted.length === 0) return { outcome: 'nothing-to-send', imageChildren: await this.addImageRun(row) };
      status = await llm.submitBatch(wanted.map((text) => ({ customId: text.customId, request: text.request })));
      // The one window that could pay twice: a crash after the provider accepted the batch and
      // before this write makes the next attempt send the texts again. Nothing else happens in
      // between, and from here on every attempt polls this batch instead of sending one.
      await this.jobs.setProviderBatch(row.id, status.id);
      this.logger.log(`Job ${row.id}: sent ${wanted.length} texts as batch ${status.id}`);
    } else {
      status = await llm.getBatch(row.providerBatchId);
    }
    await job.updateProgress({ batchId: status.id, status: status.status, ...status.counts });

    if (!TERMINAL_BATCH_STATES.has(status.status)) {
      await job.moveToDelayed(Date.now() + this.config.jobs.batchPollMs, token);
      throw new DelayedError(`Batch ${status.id} is ${status.status}; polling again in ${this.config.jobs.batchPollMs} ms`);
    }
    // An expired or cancelled batch may still have answered part of its lines: those are kept.
    const lines = status.outputFileId !== null || status.errorFileId !== null ? await llm.readBatchResults(status) : [];
    const counts = await this.storeAnswers(row, status, lines);
    return { outcome: 'finished', batchId: status.id, batchStatus: status.status, ...counts, imageChildren: await this.addImageRun(row) };
  }

  /**
   * The texts the job still owes, as batch lines: its pending text children, and for a job that
   * asked for images without texts, the headlines its pending image children need. Before a batch
   * is sent (`reuseStored`), a text stored already (by another job, or the synchronous engine:
   * same key) is recorded as skipped rather than paid for again.
   */
  private async wantedTexts(row: GenerationJobRow, options: { reuseStored: boolean }): Promise<WantedText[]> {
    const counted = await this.jobs.pendingChildren(row.id, 'text');
    const forImages = row.request.kinds.includes('text') ? [] : await this.jobs.pendingChildren(row.id, 'image');
    const pairs = [...counted.map((pair) => ({ ...pair, counted: true })), ...forImages.map((pair) => ({ ...pair, counted: false }))];
    if (pairs.length === 0) return [];
    const items = new Map(
      (await this.items.select(row.workspaceId, { ids: [...new Set(pairs.map((pair) => pair.itemId))] })).map((item) => [item.id, item]),
    );
    const segments = await this.segmentsById(row.workspaceId, [...new Set(pairs.map((pair) => pair.segmentId))]);
    const wanted: WantedText[] = [];
    for (const pair of pairs) {
      const item = items.get(pair.itemId);
      const segment = segments.get(pair.segmentId);
      if (!item || !segment) {
        const reason = `The ${item ? 'segment' : 'item'} was deleted after the job was submitted.`;
        if (pair.counted) await this.jobs.markFailed(this.childKey(row, pair, 'text'), reason);
        continue;
      }
      const key = this.generation.textKey(row.workspaceId, item, segment, TEXT_KEY_ENGINE);
      if (!pair.counted || options.reuseStored) {
        const stored = await this.variants.findByKey(key);
        // A failed variant is no answer to keep: asking again tries again.
        if (stored && stored.status !== 'failed') {
          if (pair.counted) await this.sinkFor(row, pair, true).sink.reuse(stored);
          continue;
        }
      }
      const request = buildTextRequest({ item, segment });
      const customId = `${item.id}.${segment.id}.${contentHash(request).slice(0, 12)}`;
      wanted.push({ itemId: item.id, segmentId: segment.id, item, segment, counted: pair.counted, key, request, customId });
    }
    return wanted;
  }

  /**
   * Stores each answer the way the synchronous engine would have (guardrails, then the variant
   * and the child's outcome in one guarded write). Answers already stored by an earlier run are
   * not owed any more and are passed over; an error line, a stale answer (its item or segment
   * changed after the batch was sent), and a line missing from both files fail their child with
   * the reason: nothing is dropped silently.
   */
  private async storeAnswers(row: GenerationJobRow, status: BatchStatus, lines: readonly BatchResultLine[]) {
    const wanted = await this.wantedTexts(row, { reuseStored: false });
    const answers = new Map(lines.map((line) => [line.customId, line]));
    const byPair = new Map([...answers.keys()].map((customId) => [customId.slice(0, customId.lastIndexOf('.')), customId]));
    const counts = { answered: 0, done: 0, failed: 0, skipped: 0 };
    const fail = async (text: WantedText, reason: string) => {
      counts.failed += 1;
      if (text.counted) await this.jobs.markFailed(this.childKey(row, text, 'text'), reason);
      else this.logger.warn(`Job ${row.id}: no headline text for ${text.itemId} × ${text.segmentId}: ${reason}`);
    };

    const byItem = new Map<string, WantedText[]>();
    for (const text of wanted) byItem.set(text.itemId, [...(byItem.get(text.itemId) ?? []), text]);
    await inPool([...byItem.values()], ITEM_CONCURRENCY, async (texts) => {
      const siblings = await this.storedSiblings(row.workspaceId, texts[0]!.itemId);
      for (const text of texts) {
        const line = answers.get(text.customId);
        if (!line) {
          const sent = byPair.get(`${text.itemId}.${text.segmentId}`);
          await fail(
            text,
            sent !== undefined
              ? `The item or its segment changed after batch ${status.id} was sent, so its answer no longer fits; retry the job to write it again.`
              : status.status === 'completed'
                ? `Batch ${status.id} completed without an answer to this request in its output or error file.`
                : `Batch ${status.id} ${status.status} before answering this request.`,
          );
          continue;
        }
        if (!line.result) {
          await fail(text, `The Batch API answered this request with an error (${line.error?.code ?? 'unknown'}): ${line.error?.message ?? 'no detail'}`);
          continue;
        }
        counts.answered += 1;
        const others = siblings.filter((sibling) => sibling.segmentId !== text.segmentId).map((sibling) => sibling.text);
        const variant = await textVariantFromBatchAnswer({ item: text.item, segment: text.segment, result: line.result, siblings: others, moderator: this.llm });
        const sink = this.sinkFor(row, text, text.counted);
        const stored = await sink.sink.store({
          ...text.key,
          status: variant.status,
          text: variant.content,
          provenance: variant.provenance,
          guardrails: variant.guardrails,
          failureReason: variant.failureReason,
        });
        if (stored.text !== null) siblings.push({ segmentId: text.segmentId, text: stored.text });
        const outcome = sink.outcome();
        if (outcome === 'done' || outcome === 'failed' || outcome === 'skipped') counts[outcome] += 1;
      }
    });
    return counts;
  }

  /** The image children, as a run of their own now that their texts are stored (or failed for good). */
  private async addImageRun(row: GenerationJobRow): Promise<number> {
    if (!row.request.kinds.includes('image')) return 0;
    const children = await this.jobs.pendingChildren(row.id, 'image');
    await this.runs.addImageRun(row.workspaceId, row.id, children);
    return children.length;
  }

  /** A run that ends for good: what it owed fails (images too: no image run will be added for them). */
  private async failOwed(row: GenerationJobRow, reason: string): Promise<void> {
    for (const kind of ['text', 'image'] as const) {
      for (const pair of await this.jobs.pendingChildren(row.id, kind)) await this.jobs.markFailed(this.childKey(row, pair, kind), reason);
    }
  }

  private async storedSiblings(workspaceId: string, itemId: string): Promise<{ segmentId: string; text: TTextContent }[]> {
    const stored = await this.variants.listForItem(workspaceId, itemId, { kind: 'text' });
    return stored.flatMap((variant) => (variant.text === null ? [] : [{ segmentId: variant.segmentId, text: variant.text }]));
  }

  private async segmentsById(workspaceId: string, ids: readonly string[]): Promise<Map<string, TSegment>> {
    const segments = new Map<string, TSegment>();
    for (const id of ids) {
      try {
        segments.set(id, await this.segments.get(workspaceId, id));
      } catch (error) {
        if (!(error instanceof PlatformError && error.code === ErrorCode.NotFound)) throw error;
      }
    }
    return segments;
  }

  /** Writes a text variant and, when counted, its child's outcome: the same guarded write as a queued child. */
  private sinkFor(row: GenerationJobRow, pair: Pair, counted: boolean) {
    return jobVariantSink(this.jobs, this.variants, this.childKey(row, pair, 'text'), counted, row.request.autoApprove);
  }

  private childKey(row: GenerationJobRow, pair: Pair, kind: ChildKey['kind']): ChildKey {
    return { jobId: row.id, itemId: pair.itemId, segmentId: pair.segmentId, kind };
  }
}

/**
 * Runs `task` over `inputs`, at most `limit` at a time. The first error stops new tasks from
 * starting; it is thrown once the running ones have ended, so nothing writes after the caller returns.
 */
async function inPool<T>(inputs: readonly T[], limit: number, task: (input: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (failure === null && next < inputs.length) {
      const input = inputs[next++]!;
      try {
        await task(input);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, lane));
  if (failure !== null) throw (failure as { error: unknown }).error;
}
