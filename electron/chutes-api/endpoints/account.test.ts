import { afterEach, describe, expect, it } from 'vitest';
import { failureIs, type AppFailure } from '../../../shared/errors';
import { MemorySeedVault } from '../../keychain/memory-seed-vault.test-helper';
import { newHotkey } from '../../profiles/fixtures.test-helper';
import { header, signatureValid, startFakeChutes, type FakeChutes, type Reply } from '../fixtures/fake-chutes';
import { createTransport } from '../transport';
import { accountEndpoints } from './account';
import { quotaView, subscriptionView } from './account-usage';

// Server shapes the sandbox does not produce: older and newer answers of `../shared/reference/chutes-account-api.md` §3.2–3.9.
let fake: FakeChutes | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function endpoints(reply: (path: string) => Reply) {
  fake = await startFakeChutes((hit) => reply(hit.path));
  const vault = new MemorySeedVault();
  const hotkey = await newHotkey();
  await vault.putSeed(hotkey.ss58, Buffer.from(hotkey.seedHex, 'hex'));
  const transport = createTransport({ baseUrl: fake.url, vault, retry: { retries: 0 } });
  return { api: accountEndpoints(transport, hotkey.ss58), hotkey, fake };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => e,
  );

describe('answer shapes', () => {
  it('keeps each quota shape as what it means, and names the subscription tier', () => {
    expect(quotaView({})).toEqual({ kind: 'unlimited' });
    expect(quotaView({ '*': 200 })).toEqual({ kind: 'default', perDay: [{ chuteId: '*', quota: 200 }] });
    const rows = quotaView([{ chute_id: '*', quota: 5001, is_default: true, effective_date: '2026-02-01T00:00:00' }]);
    expect(rows).toMatchObject({
      kind: 'rows',
      tierUsd: 20,
      rows: [{ quota: 5001, effectiveDate: '2026-02-01T00:00:00' }],
    });
    expect(quotaView([{ chute_id: '*', quota: 123 }])).toMatchObject({ tierUsd: null });
  });

  it('reads the older subscription shape without reset times', () => {
    const v = subscriptionView({
      subscription: true,
      monthly_price: 3,
      monthly: { usage: 2, cap: 15, remaining: 13 },
      four_hour: { usage: 0.5, cap: 1.25, remaining: 0.75 },
    });
    expect(v).toEqual({
      subscribed: true,
      monthlyPriceUsd: 3,
      custom: false,
      anchorDate: null,
      monthly: { usageUsd: 2, capUsd: 15, remainingUsd: 13, resetAt: null, uncapped: false },
      fourHour: { usageUsd: 0.5, capUsd: 1.25, remainingUsd: 0.75, resetAt: null, uncapped: false },
    });
  });
});

describe('answers no real server sends', () => {
  const range = { start: '2026-12-01T00:00:00.000Z', end: '2026-12-02T00:00:00.000Z', perChute: false };
  const usageAnswer = (item: Record<string, unknown>) => (path: string) =>
    path === '/users/login/nonce'
      ? { json: { nonce: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' } }
      : path === '/users/login'
        ? { json: { token: 't' } }
        : { json: { total: 2, page: 0, limit: 2500, items: [item, { ...item, bucket: '2026-12-01T02:00:00' }] } };

  it('refuses a usage bucket that is not a time as an unexpected shape (it crashed the channel)', async () => {
    const { api } = await endpoints(usageAnswer({ bucket: '', amount: 1, count: 1 }));
    expect(failureIs(await failure(api.usage(range)), 'unexpected-shape')).toBe(true);
  });

  it('leaves out (and counts) a discount above 100 %, and refuses negative caps or quotas as an unexpected shape', async () => {
    let discount = 5;
    let cap = 10;
    const { api } = await endpoints((path) =>
      path === '/users/login/nonce'
        ? { json: { nonce: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' } }
        : path === '/users/login'
          ? { json: { token: 't' } }
          : path === '/users/me/quotas'
            ? { json: { '*': 200 } }
            : path === '/users/me/discounts'
              ? { json: [{ chute_id: 'c', discount }] }
              : path === '/users/me/subscription_usage'
                ? { json: { subscription: true, monthly: { usage: 1, cap, remaining: 1 } } }
                : { json: { quota: 200, used: 0 } },
    );
    // One bad discount row no longer hides the quotas and subscription beside it (account-usage.test.ts).
    expect(await api.limits()).toMatchObject({ discounts: [], discountsLeftOut: 1 });
    discount = 0.25;
    cap = -10;
    expect(failureIs(await failure(api.limits()), 'unexpected-shape')).toBe(true);
    cap = 10;
    expect(await api.limits()).toMatchObject({ discounts: [{ chuteId: 'c', fraction: 0.25 }] });
  });

  it('reads a bitmask no server can mean as none (it showed 31 roles for -1)', async () => {
    let signer = '';
    const { api, hotkey } = await endpoints(() => ({
      json: { username: 'u', user_id: 'i', hotkey: signer, permissions_bitmask: -1 },
    }));
    signer = hotkey.ss58;
    expect(await api.self()).toMatchObject({ username: 'u', permissions_bitmask: null });
  });

  it("refuses an account answer for another hotkey than the one that signed (it would be saved as this one's)", async () => {
    const { api } = await endpoints(() => ({
      json: { username: 'mallory', user_id: 'i', hotkey: '5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw' },
    }));
    const e = await failure(api.self());
    expect(failureIs(e, 'unexpected-shape')).toBe(true);
    expect((e as Error).message).toContain('with the account of another hotkey');
  });

  it('leaves out buckets outside the range asked for, so the totals are what the chart shows', async () => {
    const { api } = await endpoints((path) =>
      path === '/users/login/nonce'
        ? { json: { nonce: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' } }
        : path === '/users/login'
          ? { json: { token: 't' } }
          : {
              json: {
                total: 3,
                page: 0,
                limit: 2500,
                items: [
                  { bucket: '1970-01-01T00:00:00', amount: 5, count: 1 },
                  { bucket: '2026-12-01T03:00:00', amount: 2, count: 4 },
                  { bucket: '2999-01-01T00:00:00', amount: 7, count: 1 },
                ],
              },
            },
    );
    const usage = await api.usage(range);
    expect(usage.items.map((i) => i.bucket)).toEqual(['2026-12-01T03:00:00.000Z']);
    expect(usage.totals).toMatchObject({ amountUsd: 2, requests: 4 });
    expect(usage.truncated).toBe(false);
  });

  it('refuses amounts whose sum cannot be a number, instead of showing Infinity', async () => {
    const { api } = await endpoints(usageAnswer({ bucket: '2026-12-01T01:00:00', amount: 1e308, count: 1 }));
    expect(failureIs(await failure(api.usage(range)), 'unexpected-shape')).toBe(true);
  });
});

describe('quirks', () => {
  it('reports a refund as sent only when Chutes says it was transferred', async () => {
    let body: unknown = { status: 'failed', message: 'Refund failed: chain error' };
    const { api } = await endpoints(() => ({ json: body }));
    const address = '5F3sa2TJAWMqDhXG6jhV4N8ko9SxwGy8TpaNS1repo5EYjQX';
    const e = await failure(api.returnDeveloperDeposit(address));
    expect(failureIs(e, 'unexpected-shape')).toBe(true);
    expect((e as Error).message).toBe(
      'Chutes answered the refund request without saying it was transferred: Refund failed: chain error',
    );
    body = 'ok';
    expect(failureIs(await failure(api.returnDeveloperDeposit(address)), 'unexpected-shape')).toBe(true);
    body = { status: 'transferred', message: 'Sent 1 TAO in block 0xabc' };
    expect(await api.returnDeveloperDeposit(address)).toEqual({ message: 'Sent 1 TAO in block 0xabc' });
  });

  it('treats a 200 carrying status_code from the deposit refund as a failure (§3.9)', async () => {
    const { api } = await endpoints(() => ({
      json: { status_code: 400, detail: 'Wallet 5X does not have any free balance!', headers: null },
    }));
    const e = await failure(api.returnDeveloperDeposit('5F3sa2TJAWMqDhXG6jhV4N8ko9SxwGy8TpaNS1repo5EYjQX'));
    expect(failureIs(e, 'refund-failed')).toBe(true);
    expect((e as Error).message).toContain('does not have any free balance');
  });

  it('says a refund failed whatever the quirk body holds as its status_code (no value makes an internal error)', async () => {
    let statusCode: unknown = { toString: 1 };
    const { api } = await endpoints(() => ({ json: { status_code: statusCode, detail: 'no free balance' } }));
    const address = '5F3sa2TJAWMqDhXG6jhV4N8ko9SxwGy8TpaNS1repo5EYjQX';
    const odd = await failure(api.returnDeveloperDeposit(address));
    expect(failureIs(odd, 'refund-failed')).toBe(true);
    expect((odd as Error).message).toContain('(status not given)');
    statusCode = 400;
    expect(((await failure(api.returnDeveloperDeposit(address))) as Error).message).toContain('(status 400)');
  });

  it('shows both forms of a refused delete: 409 with an object detail, and the older 500', async () => {
    let status = 409;
    const { api } = await endpoints(() =>
      status === 409
        ? {
            status,
            json: {
              detail: {
                message: 'User has special roles/permissions and cannot be deleted. Remove their roles first.',
                user_id: 'u',
              },
            },
          }
        : { status, raw: 'Internal Server Error' },
    );
    const e409 = await failure(api.deleteMe('fp'));
    expect(failureIs(e409, 'account-not-deletable')).toBe(true);
    expect((e409 as Error).message).toContain('special roles');
    status = 500;
    const e500 = await failure(api.deleteMe('fp'));
    expect(failureIs(e500, 'account-not-deletable')).toBe(true);
    expect((e500 as Error).message).toContain('still owns chutes, images or secrets');
  });

  it('says how much to move when the balance is outside the deletable range, above or below it', async () => {
    let held = '100';
    const { api } = await endpoints(() => ({
      status: 409,
      json: { detail: { message: `User balance (${held}) is outside the deletable range of +/-25.0`, user_id: 'u' } },
    }));
    const above = await failure(api.deleteMe('fp'));
    expect((above as Error).message).toContain('within ±$25.00, and this one holds $100.00');
    expect((above as AppFailure).appError.detail?.hint).toBe(
      'Transfer at least $75.00 to another user, then try again.',
    );
    expect((above as AppFailure).appError.detail?.fixAt).toBe('balance-transfers');
    held = '-40.5';
    const below = await failure(api.deleteMe('fp'));
    expect((below as AppFailure).appError.detail?.hint).toBe('Top up at least $15.50, then try again.');
    expect((below as AppFailure).appError.detail?.fixAt).toBe('top-up');
    // Just over the range: "at least" rounds up to the cent, and the balance is not rounded onto the limit.
    held = '25.004';
    const justOver = await failure(api.deleteMe('fp'));
    expect((justOver as Error).message).toContain('within ±$25.00, and this one holds $25.004');
    expect((justOver as AppFailure).appError.detail?.hint).toContain('Transfer at least $0.01 to');
    held = '100.004';
    expect(((await failure(api.deleteMe('fp'))) as AppFailure).appError.detail?.hint).toContain(
      'Transfer at least $75.01 to',
    );
  });

  it('counts a delete as done only when Chutes says {deleted: true}: a proxy page or another body deleted nothing', async () => {
    let answer: { status?: number; json?: unknown; raw?: string } = { raw: '<html>Welcome to the hotel Wi-Fi</html>' };
    const { api } = await endpoints(() => answer);
    const portal = await failure(api.deleteMe('fp'));
    expect((portal as AppFailure).appError.detail?.network).toBe('non-json');
    answer = { json: { deleted: false } };
    expect(failureIs(await failure(api.deleteMe('fp')), 'unexpected-shape')).toBe(true);
    answer = { json: { deleted: true } };
    await expect(api.deleteMe('fp')).resolves.toBeUndefined();
  });

  it('changes the fingerprint in hotkey mode with the <hotkey>:<new>:<nonce> message and no Authorization', async () => {
    const { api, hotkey, fake: server } = await endpoints(() => ({ json: { status: 'Fingerprint updated' } }));
    await api.changeFingerprintSigned('new-fp-value');
    const hit = server.hits[0];
    expect(hit?.headers.authorization).toBeUndefined();
    const nonce = header(hit!, 'x-chutes-nonce') ?? '';
    expect(Math.abs(Number(nonce) - Date.now() / 1000)).toBeLessThan(5);
    expect(
      signatureValid(`${hotkey.ss58}:new-fp-value:${nonce}`, header(hit!, 'x-chutes-signature') ?? '', hotkey.ss58),
    ).toBe(true);
  });

  it('refuses a browser-login nonce no real server sends (3 MB) as an unexpected shape', async () => {
    const { api } = await endpoints(() => ({ json: { nonce: 'n'.repeat(3_000_000) } }));
    expect(failureIs(await failure(api.cliLoginNonce()), 'unexpected-shape')).toBe(true);
  });

  it('refuses a browser-login nonce that is not a UUID (it is signed, and must not read as another signed message)', async () => {
    const { api } = await endpoints(() => ({ json: { nonce: '5DfhGy:1700000000:me' } }));
    expect(failureIs(await failure(api.cliLoginNonce()), 'unexpected-shape')).toBe(true);
  });

  it('finds the browser login where /idp/cli_login/nonce answers', async () => {
    const { api } = await endpoints((path) =>
      path === '/idp/cli_login/nonce'
        ? { json: { nonce: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' } }
        : { status: 404, json: { detail: 'Not Found' } },
    );
    expect(await api.cliLoginNonce()).toBe('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
  });

  it('says "not offered" only for an unknown route; a 503 or a rate limit is a failure of its own', async () => {
    const absent = await endpoints(() => ({ status: 404, json: { detail: 'Not Found' } }));
    expect(await absent.api.cliLoginNonce()).toBeNull();
    const busy = await endpoints(() => ({ status: 503, json: { detail: 'Service Unavailable' } }));
    const e503 = (await failure(busy.api.cliLoginNonce())) as Error;
    expect(e503.message).toContain('503');
    const limited = await endpoints(() => ({ status: 429, json: { detail: 'Too many requests' } }));
    expect(failureIs(await failure(limited.api.cliLoginNonce()), 'rate-limited')).toBe(true);
    const odd = await endpoints(() => ({ json: { nope: 1 } }));
    expect(failureIs(await failure(odd.api.cliLoginNonce()), 'unexpected-shape')).toBe(true);
  });
});
