import { describe, expect, it } from 'vitest';
import { createDeadlines } from './deadlines';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createDeadlines', () => {
  it('fires a deadline once it has passed, and not one that was let go', async () => {
    const deadlines = createDeadlines(10);
    const fired: string[] = [];
    deadlines.watch(30, () => fired.push('late'));
    const unwatch = deadlines.watch(30, () => fired.push('done in time'));
    deadlines.watch(500, () => fired.push('not yet'));
    unwatch();
    await sleep(120);
    expect(fired).toEqual(['late']);
  });

  it('never fires early, and fires each deadline once', async () => {
    const deadlines = createDeadlines(5);
    const started = performance.now();
    const at: number[] = [];
    deadlines.watch(60, () => at.push(performance.now() - started));
    await sleep(150);
    expect(at).toHaveLength(1);
    expect(at[0]).toBeGreaterThanOrEqual(59);
  });
});
