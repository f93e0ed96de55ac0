import { describe, expect, it } from 'vitest';
import { createSerialQueue } from './serial-queue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createSerialQueue', () => {
  it('runs jobs one at a time in call order', async () => {
    const queue = createSerialQueue();
    const events: string[] = [];
    const job = (name: string) => async () => {
      events.push(`${name}:start`);
      await tick();
      events.push(`${name}:end`);
      return name;
    };
    expect(await Promise.all([queue(job('a')), queue(job('b')), queue(job('c'))])).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
  });

  it('passes a failure to its caller and keeps running later jobs', async () => {
    const queue = createSerialQueue();
    const boom = new Error('boom');
    const failed = queue(() => Promise.reject(boom));
    const next = queue(() => Promise.resolve('still runs'));
    await expect(failed).rejects.toBe(boom);
    expect(await next).toBe('still runs');
  });
});
