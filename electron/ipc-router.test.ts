import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../shared/errors';
import { MAX_PAYLOAD_BYTES } from '../shared/ipc-contract';
import { createRouter, type Handlers } from './ipc-router';
import { internalFailureMessage, setLogSink } from './log';

const info = {
  version: '1',
  host: 'web' as const,
  apiUrl: 'http://x',
  apiUrlSource: 'default' as const,
  configPath: '/c',
  configPathSource: 'default' as const,
  allowMissingConfig: false,
  walletsPath: '/w',
  walletsPathSource: 'default' as const,
  dataDir: '/d',
};

// Only the channels these tests call; the router looks handlers up by name.
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const base: Pick<Handlers, 'getAppInfo' | 'checkConnection'> = {
    getAppInfo: () => Promise.resolve(info),
    checkConnection: ({ apiUrl }) =>
      Promise.resolve({ reachable: false, url: apiUrl ?? 'none', reason: 'other', message: 'x' }),
  };
  return { ...base, ...overrides } as Handlers;
}

const ctx = { transport: 'http' as const };
let restore: (() => void) | null = null;
afterEach(() => restore?.());

describe('router', () => {
  it('runs a handler with the validated input', async () => {
    const result = await createRouter(handlers()).dispatch(
      'checkConnection',
      { apiUrl: 'https://api.example.com' },
      ctx,
    );
    expect(result).toEqual({
      ok: true,
      value: { reachable: false, url: 'https://api.example.com', reason: 'other', message: 'x' },
    });
  });

  it('refuses an unknown channel with a typed error', async () => {
    const result = await createRouter(handlers()).dispatch('deleteEverything', {}, ctx);
    expect(result).toEqual({
      ok: false,
      error: { code: 'not-found', reason: 'not-found', message: 'Unknown channel "deleteEverything".' },
    });
  });

  it('does not treat inherited object keys as channels', async () => {
    const result = await createRouter(handlers()).dispatch('toString', {}, ctx);
    expect(result.ok).toBe(false);
  });

  it('reports malformed payloads with field paths', async () => {
    const result = await createRouter(handlers()).dispatch('checkConnection', { apiUrl: 'ftp://nope' }, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.detail?.fields?.[0]?.path).toBe('apiUrl');
    expect(result.error.message).toMatch(/^apiUrl: Enter a full http/);
  });

  it('rejects unexpected keys (strict schemas)', async () => {
    const result = await createRouter(handlers()).dispatch('getAppInfo', { extra: 1 }, ctx);
    expect(result.ok ? 'ok' : result.error.code).toBe('invalid-input');
  });

  it('caps the payload size before parsing', async () => {
    const result = await createRouter(handlers()).dispatch('getAppInfo', { blob: 'x'.repeat(MAX_PAYLOAD_BYTES) }, ctx);
    expect(result.ok ? 'ok' : result.error.code).toBe('payload-too-large');
  });

  it('passes AppFailure through as a typed error', async () => {
    const router = createRouter(
      handlers({
        getAppInfo: () =>
          Promise.reject(
            new AppFailure('conflict', 'Already there.', { hint: 'Pick another.' }, 'export-target-exists'),
          ),
      }),
    );
    expect(await router.dispatch('getAppInfo', {}, ctx)).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        reason: 'export-target-exists',
        message: 'Already there.',
        detail: { hint: 'Pick another.' },
      },
    });
  });

  it('hides unexpected exceptions and scrubs key material from the log', async () => {
    const lines: string[] = [];
    restore = (() => {
      const previous = setLogSink((l) => lines.push(l));
      return () => setLogSink(previous);
    })();
    const seed = 'ab'.repeat(32);
    const router = createRouter(handlers({ getAppInfo: () => Promise.reject(new Error(`boom with ${seed}`)) }));
    const result = await router.dispatch('getAppInfo', {}, ctx);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'internal',
        reason: 'internal',
        message: internalFailureMessage(),
      },
    });
    expect(internalFailureMessage()).toMatch(
      /^Something went wrong inside the app \(a bug, not your input\)\. Try again;/,
    );
    expect(JSON.stringify(result)).not.toContain(seed);
    expect(lines.join('\n')).toContain('boom with');
    expect(lines.join('\n')).not.toContain(seed);
  });
});
