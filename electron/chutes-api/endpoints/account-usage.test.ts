import { afterEach, describe, expect, it } from 'vitest';
import { MemorySeedVault } from '../../keychain/memory-seed-vault.test-helper';
import { newHotkey } from '../../profiles/fixtures.test-helper';
import { startFakeChutes, type FakeChutes, type Hit, type Reply } from '../fixtures/fake-chutes';
import { createTransport } from '../transport';
import { getLimits, getUsage, quotaView, subscriptionView, USAGE_PAGE } from './account-usage';

// Quotas, subscription and usage against answers the sandbox does not give: older servers without
// a route, the newest server's windows without figures, and pages that shift while being read.
let fake: FakeChutes | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const NIL = '00000000-0000-0000-0000-000000000000';

async function serve(reply: (hit: Hit) => Reply) {
  fake = await startFakeChutes((hit) =>
    hit.path === '/users/login/nonce'
      ? { json: { nonce: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' } }
      : hit.path === '/users/login'
        ? { json: { token: 't' } }
        : reply(hit),
  );
  const vault = new MemorySeedVault();
  const hotkey = await newHotkey();
  await vault.putSeed(hotkey.ss58, Buffer.from(hotkey.seedHex, 'hex'));
  const transport = createTransport({ baseUrl: fake.url, vault, retry: { retries: 0 } });
  return { transport, hotkey: hotkey.ss58, hits: fake.hits };
}

const notFound: Reply = { status: 404, json: { detail: 'Not Found' } };

function limitsServer(over: Partial<Record<string, Reply>> = {}) {
  return serve(
    (hit) =>
      over[hit.path] ??
      (hit.path === '/users/me/quotas'
        ? { json: [{ chute_id: '*', quota: 2000 }] }
        : hit.path === '/users/me/discounts'
          ? { json: [] }
          : hit.path === '/users/me/subscription_usage'
            ? { json: { subscription: false } }
            : hit.path.startsWith('/users/me/quota_usage/')
              ? { json: { quota: 2000, used: 7 } }
              : notFound),
  );
}

describe("today's use", () => {
  it('asks for a chute id no quota row can name, so the server reads the default counter, not the "*" one', async () => {
    const { transport, hotkey, hits } = await limitsServer();
    const limits = await getLimits(transport, hotkey);
    expect(limits.todayUsed).toEqual({ quota: 2000, used: 7 });
    const asked = hits.filter((h) => h.path.startsWith('/users/me/quota_usage/')).map((h) => h.path);
    expect(asked).toEqual([`/users/me/quota_usage/${NIL}`]);
  });

  it('keeps no count for a free or invoiced account: the server does not count one', async () => {
    const { transport, hotkey } = await limitsServer({
      [`/users/me/quota_usage/${NIL}`]: { json: { quota: 'unlimited', used: 0 } },
    });
    expect((await getLimits(transport, hotkey)).todayUsed).toEqual({ quota: 'unlimited' });
  });
});

describe('routes an older server lacks', () => {
  it('shows the rest of the limits when subscription_usage or discounts answer 404', async () => {
    const { transport, hotkey } = await limitsServer({
      '/users/me/subscription_usage': notFound,
      '/users/me/discounts': notFound,
    });
    const limits = await getLimits(transport, hotkey);
    expect(limits.subscription).toBeNull();
    expect(limits.discounts).toBeNull();
    expect(limits.quotas).toMatchObject({ kind: 'rows', tierUsd: 10 });
    expect(limits.todayUsed).toEqual({ quota: 2000, used: 7 });
  });

  it('still fails on any other status from those routes', async () => {
    const { transport, hotkey } = await limitsServer({
      '/users/me/subscription_usage': { status: 500, json: { detail: 'boom' } },
    });
    await expect(getLimits(transport, hotkey)).rejects.toThrow();
  });
});

describe('a discount row that is not one', () => {
  it('is left out and counted, and the rest of the limits still shows', async () => {
    const { transport, hotkey } = await limitsServer({
      '/users/me/discounts': {
        json: [
          { chute_id: 'c-good', discount: 0.25 },
          { chute_id: 'c-over', discount: 1.5 },
          { chute_id: 'c-under', discount: -0.1 },
          { discount: 0.1 },
          'nonsense',
        ],
      },
    });
    const limits = await getLimits(transport, hotkey);
    expect(limits.discounts).toEqual([{ chuteId: 'c-good', fraction: 0.25 }]);
    expect(limits.discountsLeftOut).toBe(4);
    expect(limits.quotas).toMatchObject({ kind: 'rows' });
    expect(limits.todayUsed).toEqual({ quota: 2000, used: 7 });
  });

  it('counts none left out when every row reads', async () => {
    const { transport, hotkey } = await limitsServer();
    const limits = await getLimits(transport, hotkey);
    expect(limits.discounts).toEqual([]);
    expect(limits.discountsLeftOut).toBe(0);
  });
});

describe('figures the server leaves out', () => {
  it('keeps usage and cap unknown instead of $0.00 when a window does not report them', () => {
    const v = subscriptionView({ subscription: true, monthly_price: 20, monthly: { uncapped: true }, four_hour: {} });
    expect(v).toMatchObject({
      monthly: { usageUsd: null, capUsd: null, uncapped: true },
      fourHour: { usageUsd: null, capUsd: null, uncapped: false },
    });
  });

  it("prefers the server's subscription price to the tier table, and names no tier when it says none", () => {
    const rows = [{ chute_id: '*', quota: 2000 }];
    expect(quotaView(rows)).toMatchObject({ tierUsd: 10 });
    expect(quotaView(rows, subscriptionView({ subscription: false }))).toMatchObject({ tierUsd: null });
    expect(quotaView(rows, subscriptionView({ subscription: true, monthly_price: 25 }))).toMatchObject({ tierUsd: 25 });
    expect(quotaView(rows, subscriptionView({ subscription: true }))).toMatchObject({ tierUsd: 10 });
  });

  it('keeps updated_at as when the quotas were last set, never as when a quota took effect', () => {
    const view = quotaView([{ chute_id: '*', quota: 5, updated_at: '2026-01-02T03:04:05' }]);
    expect(view).toMatchObject({ rows: [{ effectiveDate: null, updatedAt: '2026-01-02T03:04:05' }] });
  });
});

describe('usage pages that shift while being read', () => {
  const range = { start: '2025-01-01T00:00:00.000Z', end: '2026-03-31T23:59:59.000Z', perChute: true };
  // Newest first, as the server orders them: one row per hour, chute "a".
  const row = (i: number) => ({
    bucket: new Date(Date.parse('2026-03-31T23:00:00Z') - i * 3_600_000).toISOString().slice(0, 19),
    chute_id: 'a',
    amount: 1,
    count: 1,
  });

  it('counts a row read twice once (a new row between pages pushes the last one onto the next page)', async () => {
    const { transport, hotkey } = await serve((hit) => {
      const page = Number(hit.query.get('page'));
      // Page 1 starts with page 0's last row again: one new row appeared at the top meanwhile.
      const from = page === 0 ? 0 : USAGE_PAGE - 1;
      const items = Array.from({ length: page === 0 ? USAGE_PAGE : 11 }, (_, i) => row(from + i));
      return { json: { total: USAGE_PAGE + 11, page, limit: USAGE_PAGE, items } };
    });
    const usage = await getUsage(transport, hotkey, range);
    expect(usage.items).toHaveLength(USAGE_PAGE + 10);
    expect(new Set(usage.items.map((i) => `${i.bucket}|${i.chuteId}`)).size).toBe(usage.items.length);
    expect(usage.totals.requests).toBe(USAGE_PAGE + 10);
  });

  it("leaves out a cut answer's oldest hour, whose other chutes were not read", async () => {
    const { transport, hotkey } = await serve((hit) => {
      const page = Number(hit.query.get('page'));
      const items = Array.from({ length: USAGE_PAGE }, (_, i) => {
        const n = page * USAGE_PAGE + i;
        // Two chutes an hour (one in the newest): the last row read is one of its hour's two.
        return { ...row(Math.floor((n + 1) / 2)), chute_id: n % 2 === 0 ? 'a' : 'b' };
      });
      return { json: { total: 5 * USAGE_PAGE, page, limit: USAGE_PAGE, items } };
    });
    const usage = await getUsage(transport, hotkey, range);
    expect(usage.truncated).toBe(true);
    const oldest = usage.items[0]?.bucket;
    expect(usage.items.filter((i) => i.bucket === oldest)).toHaveLength(2);
  });
});
