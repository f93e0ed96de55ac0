import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPendingImports, PENDING_IMPORT_TTL_MS } from './pending-imports';

afterEach(() => {
  vi.useRealTimers();
});

describe('pending .env imports', () => {
  it('let their values go when they expire, even when nothing else is asked of them', () => {
    vi.useFakeTimers();
    const pending = createPendingImports();
    const values = new Map([['HF_TOKEN', 'hf_value']]);
    pending.add({ chute: { chuteId: 'c', name: 'web-app' }, profileKey: 'p', values });
    vi.advanceTimersByTime(PENDING_IMPORT_TTL_MS - 1);
    expect(pending.size()).toBe(1);
    vi.advanceTimersByTime(2_000);
    expect(pending.size()).toBe(0);
    expect(values.size).toBe(0);
  });
});
