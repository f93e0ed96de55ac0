/** Runs `job` after every job queued before it has settled. */
export type SerialQueue = <T>(job: () => Promise<T>) => Promise<T>;

/**
 * A promise queue: jobs run one at a time in call order, and a failed job does not stop later
 * ones. Used under every read-modify-write of shared state (file-lock.ts), which would lose entries if interleaved.
 */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}
