import { afterEach, describe, expect, it, vi } from 'vitest';
import { appError } from '../../../shared/errors';
import { call, errorOf } from './client';

/** The web host's answer, as `fetch` in the page receives it. */
function answer(body: BodyInit, status = 200): void {
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(body, { status })));
}

async function failureOf(promise: Promise<unknown>) {
  return promise.then(
    () => expect.fail('the call succeeded'),
    (error: unknown) => errorOf(error),
  );
}

describe('calls over the web host', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('passes on a result and a typed failure', async () => {
    answer(JSON.stringify({ ok: true, value: { version: 't' } }));
    expect(await call('getAppInfo', {})).toEqual({ version: 't' });
    const refused = appError('unauthorized', 'Missing or wrong access token.');
    answer(JSON.stringify({ ok: false, error: refused }), 401);
    expect(await failureOf(call('getAppInfo', {}))).toEqual(refused);
  });

  it('says the web host stopped part-way when its answer is cut off', async () => {
    const cutOff = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"ok":true,"value":{"vers'));
        controller.error(new TypeError('network error'));
      },
    });
    answer(cutOff);
    const error = await failureOf(call('getAppInfo', {}));
    expect(error).toMatchObject({ code: 'network', reason: 'network', detail: { network: 'reset' } });
    expect(error.message).toContain('The web host stopped answering part-way through its answer.');
  });

  it('says something else answered when the body is not a result', async () => {
    for (const [body, status] of [
      ['{}', 200],
      ['{"ok":false,"error":{"message":"upstream down"}}', 502],
      ['null', 200],
      ['<html>Bad gateway</html>', 502],
    ] as const) {
      answer(body, status);
      const error = await failureOf(call('getAppInfo', {}));
      expect(error).toMatchObject({ code: 'network', detail: { network: 'non-json' } });
      expect(error.message).toBe(
        `Something other than the web host answered (HTTP ${status}, not a Chutes Desktop result), such as a proxy or tunnel in between.`,
      );
    }
  });
});
