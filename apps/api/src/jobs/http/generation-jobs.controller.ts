import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { Body, Controller, Delete, Get, Headers, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  ErrorCode,
  PlatformError,
  ZGenerationChildListQuerySchema,
  ZGenerationChildPageSchema,
  ZGenerationJobListQuerySchema,
  ZGenerationJobPageSchema,
  ZGenerationJobPreviewSchema,
  ZGenerationJobRequestSchema,
  ZGenerationJobSchema,
  type TGenerationChildListQuery,
  type TGenerationJobListQuery,
  type TGenerationJobRequest,
} from '@persona/shared';
import { Access } from '../../auth/access.js';
import { CurrentPrincipal, type Principal } from '../../auth/principal.js';
import { Contract } from '../../contract/contract.decorator.js';
import { GenerationJobsRepository } from '../store/generation-jobs.repository.js';
import { GenerationJobsService } from './generation-jobs.service.js';

const ZIdParams = z.object({ id: z.string().min(1) });
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
/** How often the progress stream looks at the job; workers in other processes write it. */
const PROGRESS_POLL_MS = 500;
/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;

@Controller('v1/generation-jobs')
export class GenerationJobsController {
  constructor(@Inject(GenerationJobsService) private readonly jobs: GenerationJobsService) {}

  @Post()
  @Contract({
    summary:
      'Queue batch generation for items × segments × kinds, with an estimate. Send an Idempotency-Key header to make retries of the request safe (202 new job, 200 the job that key created).',
    roles: Access.catalogWrite,
    body: ZGenerationJobRequestSchema,
    bodySize: 'bulk',
    response: ZGenerationJobSchema,
    status: 202,
  })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Body() body: TGenerationJobRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new PlatformError(ErrorCode.ValidationFailed, 'Idempotency-Key must be 1 to 255 visible ASCII characters.', {
        errors: [{ path: 'headers.idempotency-key', message: 'invalid idempotency key' }],
      });
    }
    const { job, created } = await this.jobs.submit(principal.workspaceId, body, idempotencyKey ?? null);
    if (!created) void reply.status(200);
    void reply.header('location', `/v1/generation-jobs/${job.id}`);
    return job;
  }

  @Post('estimate')
  @Contract({
    summary:
      'What a job request would do, before it is submitted: the items its selection matches, and the variants, LLM requests, tokens and cost it would take. Stores and queues nothing; refused for the same reasons a submit is.',
    roles: Access.catalogWrite,
    body: ZGenerationJobRequestSchema,
    bodySize: 'bulk',
    response: ZGenerationJobPreviewSchema,
  })
  estimate(@CurrentPrincipal() principal: Principal, @Body() body: TGenerationJobRequest) {
    return this.jobs.preview(principal.workspaceId, body);
  }

  @Get()
  @Contract({
    summary: 'Generation jobs, newest first',
    roles: Access.read,
    query: ZGenerationJobListQuerySchema,
    response: ZGenerationJobPageSchema,
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: TGenerationJobListQuery) {
    return this.jobs.list(principal.workspaceId, query);
  }

  @Get(':id')
  @Contract({
    summary: 'A generation job with its progress: counts, rate and ETA',
    roles: Access.read,
    params: ZIdParams,
    response: ZGenerationJobSchema,
  })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.jobs.get(principal.workspaceId, id);
  }

  @Get(':id/children')
  @Contract({
    summary: "A job's children (item × segment × kind) with their variant or failure reason",
    roles: Access.read,
    params: ZIdParams,
    query: ZGenerationChildListQuerySchema,
    response: ZGenerationChildPageSchema,
  })
  children(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: TGenerationChildListQuery) {
    return this.jobs.children(principal.workspaceId, id, query);
  }

  @Get(':id/events')
  @Contract({
    summary: 'Server-sent events: a `progress` event (the job) whenever it changes, then `end` when it has finished',
    roles: Access.read,
    params: ZIdParams,
    responseContentType: 'text/event-stream',
  })
  async events(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() reply: FastifyReply) {
    let job = await this.jobs.get(principal.workspaceId, id);
    const abort = new AbortController();
    reply.raw.on('close', () => abort.abort());
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: string, data: unknown) => reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send('progress', job);
    let quietSince = Date.now();
    try {
      while (!GenerationJobsRepository.isFinished(job.status)) {
        await sleep(PROGRESS_POLL_MS, undefined, { signal: abort.signal });
        const next = await this.jobs.get(principal.workspaceId, id);
        if (!isDeepStrictEqual(next.counts, job.counts) || next.status !== job.status) {
          send('progress', next);
          quietSince = Date.now();
        } else if (Date.now() - quietSince > KEEP_ALIVE_MS) {
          reply.raw.write(': keep-alive\n\n');
          quietSince = Date.now();
        }
        job = next;
      }
      send('end', job);
    } catch (error) {
      if (!abort.signal.aborted) send('error', { detail: (error as Error).message });
    } finally {
      reply.raw.end();
    }
  }

  @Post(':id/retry')
  @Contract({
    summary: "Run a finished job's failed children again",
    roles: Access.catalogWrite,
    params: ZIdParams,
    response: ZGenerationJobSchema,
    status: 202,
  })
  retry(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.jobs.retryFailed(principal.workspaceId, id);
  }

  @Delete(':id')
  @Contract({
    summary: 'Cancel a job: pending children are removed; once this answers, the job writes no more variants',
    roles: Access.catalogWrite,
    params: ZIdParams,
    response: ZGenerationJobSchema,
  })
  cancel(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.jobs.cancel(principal.workspaceId, id);
  }
}
