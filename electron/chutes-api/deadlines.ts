import { performance } from 'node:perf_hooks';

/**
 * Deadlines watched by one timer that sweeps every `sweepMs` while any is pending, instead of a
 * timer set and cleared per request: in a bulk action the two timer calls cost more than the
 * rest of reading a small answer. A deadline fires up to `sweepMs` late, which is nothing next to
 * a 20 s limit.
 */
export interface Deadlines {
  /** Call `expire` once `ms` have passed, unless the returned function is called first. */
  watch(ms: number, expire: () => void): () => void;
}

export function createDeadlines(sweepMs = 100): Deadlines {
  const pending = new Set<{ at: number; expire: () => void }>();
  let timer: NodeJS.Timeout | null = null;

  function sweep(): void {
    const now = performance.now();
    for (const deadline of pending) {
      if (deadline.at > now) continue;
      pending.delete(deadline);
      deadline.expire();
    }
    // Stopped only here, so a burst of short calls keeps one timer rather than starting one each.
    if (pending.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  }

  return {
    watch(ms, expire) {
      const deadline = { at: performance.now() + ms, expire };
      pending.add(deadline);
      if (!timer) {
        timer = setInterval(sweep, sweepMs);
        // What is being waited for (a socket) keeps the process alive, not this timer.
        timer.unref();
      }
      return () => void pending.delete(deadline);
    },
  };
}
