import { describe, expect, it } from 'vitest';
import { groupCommit } from '../src/db/group-commit.js';

/** A batch function that answers after `ms`, recording each batch it was given. */
function recorder(ms: number) {
  const batches: number[][] = [];
  const run = async (inputs: readonly number[]) => {
    batches.push([...inputs]);
    await new Promise((resolve) => setTimeout(resolve, ms));
    return inputs.map((input) => (input < 0 ? new Error(`negative: ${input}`) : input * 10));
  };
  return { batches, run };
}

describe('groupCommit', () => {
  it('sends calls made in one turn as one batch, and each caller gets its own answer', async () => {
    const { batches, run } = recorder(1);
    const call = groupCommit(run);
    expect(await Promise.all([call(1), call(2), call(3)])).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('gathers the calls made while a batch is in flight into the next batch', async () => {
    const { batches, run } = recorder(30);
    const call = groupCommit(run);
    const first = call(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Three calls at different times, all while the first batch is still running.
    const later = [call(2), new Promise((resolve) => setTimeout(resolve, 5)).then(() => call(3)), new Promise((resolve) => setTimeout(resolve, 10)).then(() => call(4))];
    expect(await first).toBe(10);
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('fails only the caller whose input failed, even when the whole statement is refused', async () => {
    const { run } = recorder(1);
    const call = groupCommit(run);
    const results = await Promise.allSettled([call(1), call(-2), call(3)]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('negative: -2');

    const broken = groupCommit<number, number>(async () => {
      throw new Error('connection lost');
    });
    const failed = await Promise.allSettled([broken(1), broken(2)]);
    expect(failed.map((result) => (result as PromiseRejectedResult).reason.message)).toEqual(['connection lost', 'connection lost']);

    // A statement refused for one input's sake is retried one input at a time: only that caller fails.
    const runs: number[][] = [];
    const picky = groupCommit<number, number>(async (inputs) => {
      runs.push([...inputs]);
      if (inputs.includes(13)) throw new Error('unsupported value 13');
      return inputs.map((input) => input + 1);
    });
    const mixed = await Promise.allSettled([picky(1), picky(13), picky(3)]);
    expect(mixed.map((result) => (result.status === 'fulfilled' ? result.value : result.reason.message))).toEqual([2, 'unsupported value 13', 4]);
    expect(runs).toEqual([[1, 13, 3], [1], [13], [3]]);
    // The next batch goes out after a failed one.
    expect(await call(4)).toBe(40);
  });
});
