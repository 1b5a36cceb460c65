import { UnrecoverableError, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobHandlerRegistry, MissingJobHandlerError, type JobHandlers } from '../src/jobs/job-handlers.js';
import { GENERATION_JOB_NAMES, MAINTENANCE_JOB_NAMES, type GenerationJobName } from '../src/jobs/job-queues.js';
import { MaintenanceProcessor } from '../src/jobs/maintenance/maintenance.processor.js';
import { GenerationProcessor } from '../src/jobs/worker/generation.processor.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const done = async () => 'done';

describe('job handler registry', () => {
  it('refuses to be built when a job name of its queue has no handler', () => {
    // What the type forbids and a wiring mistake can still do: a handler left undefined.
    const handlers = { text: done, image: done, 'text-batch': done, finish: undefined } as unknown as JobHandlers<GenerationJobName>;
    expect(() => new JobHandlerRegistry('generation', GENERATION_JOB_NAMES, handlers)).toThrow(MissingJobHandlerError);
    expect(() => new JobHandlerRegistry('generation', GENERATION_JOB_NAMES, handlers)).toThrow(/"finish"/);
  });

  it('fails a job whose name the queue does not know at once, without retries', () => {
    const registry = new JobHandlerRegistry('generation', GENERATION_JOB_NAMES, { text: done, image: done, 'text-batch': done, finish: done });
    expect(() => registry.run({ name: 'paint' } as Job, undefined)).toThrow(UnrecoverableError);
  });

  describe('in a booted API', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp('pglite', { EMBEDDED_WORKER: 'true' });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
    });

    it('has a handler for every job name of both queues', () => {
      expect(app.app.get(GenerationProcessor).handlers.names.sort()).toEqual([...GENERATION_JOB_NAMES].sort());
      expect(app.app.get(MaintenanceProcessor).handlers.names.sort()).toEqual([...MAINTENANCE_JOB_NAMES].sort());
    });
  });
});
