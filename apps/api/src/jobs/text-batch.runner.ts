import { Injectable } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import type { TTextBatchJobPayload } from '@persona/shared';

/** The openai-batch engine: every pending text of a job through the Batch API. */
@Injectable()
export class TextBatchRunner {
  async run(_job: Job, _token: string | undefined, payload: TTextBatchJobPayload): Promise<string> {
    throw new UnrecoverableError(`openai-batch is not available yet (job ${payload.jobId})`);
  }
}
