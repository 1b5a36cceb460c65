import DataLoader from 'dataloader';

/** The most calls one statement serves; a longer queue goes out as several statements. */
const MAX_BATCH = 256;

/**
 * Coalesces concurrent calls into one round trip per batch, the way databases group commits:
 * calls made while the previous batch is in flight wait for it and then go out together. A
 * worker running many children at once makes one statement for all of them instead of one each
 * (on this platform a socket write costs more than the statement). A lone call waits only until
 * the end of the current turn of the event loop.
 *
 * `run` answers each input at its index, or with an Error for that input alone. A batch that
 * fails as a whole is run again one input at a time, so an input the database refuses fails its
 * own caller only, not every caller that happened to share its round trip.
 */
export function groupCommit<I, O>(run: (inputs: readonly I[]) => Promise<readonly (O | Error)[]>): (input: I) => Promise<O> {
  let inFlight: Promise<unknown> = Promise.resolve();
  const loader = new DataLoader<I, O, I>(
    (inputs) => {
      const batch = run(inputs).catch((error: unknown) => (inputs.length === 1 ? Promise.reject(error) : oneByOne(run, inputs)));
      inFlight = batch.catch(() => undefined);
      return batch;
    },
    {
      cache: false,
      maxBatchSize: MAX_BATCH,
      batchScheduleFn: (dispatch) => void inFlight.then(() => setImmediate(dispatch)),
    },
  );
  return (input) => loader.load(input);
}

/** Inputs by workspace, for batches that read with one query per workspace (almost always just one). */
export function byWorkspace<I extends { workspaceId: string }>(inputs: readonly I[]): Map<string, I[]> {
  const groups = new Map<string, I[]>();
  for (const input of inputs) groups.set(input.workspaceId, [...(groups.get(input.workspaceId) ?? []), input]);
  return groups;
}

async function oneByOne<I, O>(run: (inputs: readonly I[]) => Promise<readonly (O | Error)[]>, inputs: readonly I[]): Promise<(O | Error)[]> {
  return Promise.all(
    inputs.map((input) =>
      run([input]).then(
        ([answer]) => answer ?? new Error('The batch gave no answer for this input'),
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      ),
    ),
  );
}
