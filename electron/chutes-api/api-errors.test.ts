import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure, type AppError } from '../../shared/errors';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import { detailText, fastApiFields } from './failure-map';
import { createTestClient } from './fixtures/test-client';
import { startFakeChutes, type FakeChutes, type Reply } from './fixtures/fake-chutes';

const SEED = Buffer.from('fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e', 'hex');
const HOTKEY = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV';
const NOW = Date.parse('2026-03-01T12:00:00Z');

let fake: FakeChutes | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** The typed error a signed POST meets when the server answers `reply`. */
async function errorFor(reply: Reply, path = '/api_keys/'): Promise<{ error: AppError; host: string }> {
  fake = await startFakeChutes(() => reply);
  const vault = new MemorySeedVault();
  await vault.putSeed(HOTKEY, SEED);
  const client = createTestClient({ baseUrl: fake.url, vault, now: () => NOW });
  const thrown = await client
    .request({ method: 'POST', path, body: { name: 'n' }, auth: { kind: 'hotkey', hotkey: HOTKEY } })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  if (!(thrown instanceof AppFailure)) throw new Error(`expected AppFailure, got ${String(thrown)}`);
  return { error: thrown.appError, host: new URL(fake.url).host };
}

describe('HTTP error mapping', () => {
  it('turns Invalid nonce! into clock-skew with the skew measured from the Date header', async () => {
    const serverDate = new Date(NOW - 700_000).toUTCString();
    const { error } = await errorFor({
      status: 401,
      json: { detail: 'Invalid nonce!' },
      headers: { date: serverDate },
    });
    expect(error).toEqual({
      code: 'clock-skew',
      reason: 'clock-skew',
      message:
        "Your computer's clock is 700 s ahead of the server's; Chutes only accepts signatures made within 600 s.",
      detail: {
        status: 401,
        serverDetail: 'Invalid nonce!',
        skewSeconds: 700,
        hint: expect.stringContaining('automatic date and time') as unknown,
      },
    });
  });

  it('reports a clock behind the server as a negative skew', async () => {
    const { error } = await errorFor({
      status: 401,
      json: { detail: 'Invalid nonce!' },
      headers: { date: new Date(NOW + 900_000).toUTCString() },
    });
    expect(error.detail?.skewSeconds).toBe(-900);
    expect(error.message).toContain('900 s behind');
  });

  it("names the refinger's own ±300 s window, so a 420 s skew does not read as within the limit", async () => {
    const { error } = await errorFor(
      {
        status: 401,
        json: { detail: 'Invalid nonce: 1772366000' },
        headers: { date: new Date(NOW - 420_000).toUTCString() },
      },
      '/users/change_fingerprint',
    );
    expect(error.message).toBe(
      "Your computer's clock is 420 s ahead of the server's; Chutes only accepts signatures made within 300 s for this request.",
    );
  });

  it('says the reference texts of transfers and refingers in their own words', async () => {
    const notRegistered = await errorFor({ status: 401, json: { detail: 'No user found with that hotkey.' } });
    expect(notRegistered.error.reason).toBe('hotkey-not-registered');
    const refinger = await errorFor({
      status: 401,
      json: { detail: 'No user found with the provided hotkey/coldkey' },
    });
    expect(refinger.error.message).toContain('found no account for this hotkey, or its signature did not check out');
    const transfer = await errorFor({ status: 400, json: { detail: 'Transfer failed.' } });
    expect(transfer.error).toMatchObject({
      code: 'server',
      message: `Chutes at ${transfer.host} could not complete the transfer.`,
    });
  });

  it('names the host when the hotkey is not registered', async () => {
    const { error, host } = await errorFor({
      status: 401,
      json: { detail: `Could not find user with hotkey: ${HOTKEY}` },
    });
    expect(error.code).toBe('unauthorized');
    expect(error.message).toBe(`This hotkey is not registered with Chutes at ${host}.`);
    expect(error.detail?.serverDetail).toBe(`Could not find user with hotkey: ${HOTKEY}`);
  });

  it('says a refused signature in words, with what to check, whatever the length of the server text', async () => {
    for (const detail of [
      `Invalid request signature for hotkey ${HOTKEY}. Message: ${HOTKEY}:1700000000:${'ab'.repeat(32)}`,
      'Signature verification failed.',
    ]) {
      const { error, host } = await errorFor({ status: 401, json: { detail } });
      expect(error.message).toBe(`Chutes at ${host} did not accept this hotkey's signature.`);
      expect(error.reason).toBe('credentials-rejected');
      expect(error.detail?.hint).toContain('Profiles & hotkeys');
      expect(error.detail?.serverDetail).toBe(detail);
    }
  });

  it.each([
    [401, `Invalid request signature for hotkey ${HOTKEY}. Message: ${HOTKEY}:1:abc`, 'unauthorized'],
    [403, 'Banned secret key: PYTHONPATH', 'forbidden'],
    [404, 'API key with id x not found or does not belong to you', 'not-found'],
    [409, 'An API key already exists with this name', 'conflict'],
    [429, 'Too many requests', 'rate-limited'],
    [400, 'Invalid username.', 'invalid-input'],
    [500, 'Internal Server Error', 'server'],
  ] as const)('maps %i to its code, keeping the server detail and status', async (status, detail, code) => {
    const { error } = await errorFor({ status, json: { detail } });
    expect(error.code).toBe(code);
    expect(error.detail).toMatchObject({ status, serverDetail: detail });
  });

  it('puts short server texts into the sentence', async () => {
    const { error, host } = await errorFor({
      status: 409,
      json: { detail: 'An API key already exists with this name' },
    });
    expect(error.message).toBe(
      'That conflicts with something that already exists: An API key already exists with this name.',
    );
    const forbidden = await errorFor({ status: 403, json: { detail: 'Banned secret key: PYTHONPATH' } });
    expect(forbidden.error.message).toBe(
      `Chutes at ${forbidden.host} refused this action: Banned secret key: PYTHONPATH.`,
    );
    expect(host).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('turns FastAPI 422 lists into fields, without echoing the submitted input', async () => {
    const detail = [
      { type: 'missing', loc: ['body', 'name'], msg: 'Field required', input: { value: 'CANARY-SECRET-VALUE' } },
      {
        type: 'bool_parsing',
        loc: ['body', 'scopes', 0, 'action'],
        msg: 'Input should be a valid string',
        input: 'CANARY-SECRET-VALUE',
      },
      { type: 'int_parsing', loc: ['query', 'limit'], msg: 'Input should be a valid integer', input: 'x' },
    ];
    const { error } = await errorFor({ status: 422, json: { detail } });
    expect(error.code).toBe('invalid-input');
    expect(error.detail?.fields).toEqual([
      { path: 'name', message: 'Field required' },
      { path: 'scopes.0.action', message: 'Input should be a valid string' },
      { path: 'limit', message: 'Input should be a valid integer' },
    ]);
    expect(error.message).toBe(
      // The notice lists all three beneath it.
      'The server rejected some fields (name: Field required; and 2 more).',
    );
    expect(JSON.stringify(error)).not.toContain('CANARY-SECRET-VALUE');
    const one = await errorFor({ status: 422, json: { detail: detail.slice(0, 1) } });
    expect(one.error.message).toBe('The server rejected a field (name: Field required).');
  });

  it('keeps a 422 list to a readable size, and names made of objects out of the field path', () => {
    const items = Array.from({ length: 2000 }, (_, i) => ({ loc: ['body', { x: 1 }, i], msg: 'bad' }));
    const fields = fastApiFields(items);
    expect(fields).toHaveLength(20);
    expect(fields[3]).toEqual({ path: '3', message: 'bad' });
  });

  it('cuts a detail nested thousands deep instead of overflowing the stack', () => {
    const deep: unknown = JSON.parse(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`);
    const text = detailText(deep);
    expect(text).toBe(`${'{"a":'.repeat(8)}"…"${'}'.repeat(8)}`);
  });

  it('stringifies object details', async () => {
    const { error } = await errorFor({ status: 409, json: { detail: { message: 'has chutes', chutes: ['a'] } } });
    expect(error.detail?.serverDetail).toBe('{"message":"has chutes","chutes":["a"]}');
    expect(error.message).toBe('That conflicts with something that already exists.');
  });
});
