import { UnrecoverableError, type Job } from 'bullmq';

/** Does one kind of queued job; its return value is what BullMQ (and Bull Board) shows. */
export type JobHandler = (job: Job, token: string | undefined) => Promise<unknown>;

/** A handler for every name a queue carries: the compiler insists on each one. */
export type JobHandlers<Name extends string> = { readonly [N in Name]: JobHandler };

/** A queue's processor was built without a handler for one of its job names. */
export class MissingJobHandlerError extends Error {
  constructor(queue: string, names: readonly string[]) {
    super(`The "${queue}" queue has no handler for job name(s) ${names.map((name) => `"${name}"`).join(', ')}; refusing to start.`);
    this.name = 'MissingJobHandlerError';
  }
}

/**
 * The handlers of one queue, checked when the processor is built (at boot): a job name of the
 * queue without a handler stops the process from starting instead of failing jobs at run time.
 * The type already asks for every name; the check catches what types cannot (a handler left
 * undefined by a cast or a wiring mistake) and names read from the queue's list at run time.
 */
export class JobHandlerRegistry<Name extends string> {
  private readonly handlers: ReadonlyMap<string, JobHandler>;

  constructor(
    readonly queue: string,
    names: readonly Name[],
    handlers: JobHandlers<Name>,
  ) {
    const missing = names.filter((name) => typeof (handlers as Record<string, unknown>)[name] !== 'function');
    if (missing.length > 0) throw new MissingJobHandlerError(queue, missing);
    this.handlers = new Map(names.map((name) => [name, handlers[name]]));
  }

  /** Runs the job's handler; a name this queue does not know fails at once, without retries. */
  run(job: Job, token: string | undefined): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new UnrecoverableError(`The "${this.queue}" queue has no handler for job name "${job.name}".`);
    return handler(job, token);
  }

  get names(): string[] {
    return [...this.handlers.keys()];
  }
}
