import { describe, expect, it } from 'vitest';
import { TestKey } from '../../e2e/sandbox/test-client';
import { AppFailure, failureIs } from '../../shared/errors';
import { PUBLIC_CHUTES } from '../../e2e/sandbox/routes-catalog';
import { useAccountScreen, failure } from './account-screen.test-helper';

// The Account screen's reading and money handlers against the sandbox (fingerprint, move and delete: account-fingerprint-handlers.test.ts).
const screen = useAccountScreen();

describe('overview and limits', () => {
  it('reads /users/me with roles as names and the balance with its time', async () => {
    const { h, account, key } = await screen.setup();
    screen.fixture.sb.setBalance(account.user_id, 12.5);
    screen.fixture.sb.setRoles(account.user_id, (1 << 0) | (1 << 5));
    const o = await h.accountOverview({});
    expect(o).toMatchObject({
      username: 'alice',
      userId: account.user_id,
      hotkey: key.ss58,
      balanceUsd: 12.5,
      fingerprintStored: false,
    });
    expect(o.roles.map((r) => r.name)).toEqual(['developer', 'unlimited']);
    expect(o.roles[1]?.description).toBe('No rate limits.');
    expect(Date.now() - Date.parse(o.asOf)).toBeLessThan(5000);
  });

  it("makes the profile follow the server's user id and username for its hotkey (a config.ini can say otherwise)", async () => {
    const { h, account, profile } = await screen.setup();
    await screen.world.store.upsert({
      ...profile,
      userId: 'not-the-real-id',
      username: 'alicia',
      displayName: undefined,
    });
    const stale = (await screen.world.store.snapshot()).profiles.find((p) => p.id === profile.id);
    expect(stale).toMatchObject({ userId: 'not-the-real-id', username: 'alicia' });
    const o = await h.accountOverview({});
    expect(o).toMatchObject({ userId: account.user_id, username: 'alice' });
    const healed = (await screen.world.store.snapshot()).profiles.find((p) => p.id === profile.id);
    expect(healed).toMatchObject({ userId: account.user_id, username: 'alice', hotkeySs58: profile.hotkeySs58 });
    // The delete form asks for the server's name, and main now checks the same one.
    const refused = await failure(
      h.deleteAccount({ confirmUsername: 'alicia', fingerprint: account.fingerprint, remember: false }),
    );
    expect(failureIs(refused, 'username-mismatch')).toBe(true);
  });

  it('says when the profile could not follow the server, instead of an overview no screen would show', async () => {
    const { h, profile } = await screen.setup();
    await screen.world.store.upsert({ ...profile, userId: 'not-the-real-id', displayName: undefined });
    screen.world.store.followAccount = () =>
      Promise.reject(new AppFailure('conflict', 'Another process is changing your profiles.'));
    const refused = await failure(h.accountOverview({}));
    expect(refused).toBeInstanceOf(AppFailure);
    expect((refused as AppFailure).appError.message).toMatch(
      /^Chutes says this hotkey's account is alice \(user id .+\), but the profile says alice \(not-the-real-id\), and updating the profile failed: Another process/,
    );
  });

  it('reads the three quota shapes, subscription caps and discounts with one hotkey login', async () => {
    const { h, account } = await screen.setup();
    let limits = await h.accountLimits({});
    expect(limits.quotas).toMatchObject({
      kind: 'rows',
      rows: [{ chuteId: '*', quota: 0, isDefault: true }],
      tierUsd: null,
    });
    expect(limits.subscription).toEqual({ subscribed: false });

    screen.fixture.sb.setQuotas(account.user_id, [{ chute_id: '*', quota: 2000 }]);
    screen.fixture.sb.setDiscounts(account.user_id, [{ chute_id: 'c-1', discount: 0.25 }]);
    screen.fixture.sb.setSubscription(account.user_id, {
      subscription: true,
      monthly_price: 10,
      four_hour: { usage: 1.2, cap: 4.17, remaining: 2.97, reset_at: '2026-01-01T04:00:00Z' },
      monthly: { uncapped: true },
    });
    limits = await h.accountLimits({});
    expect(limits.quotas).toMatchObject({ kind: 'rows', tierUsd: 10 });
    expect(limits.discounts).toEqual([{ chuteId: 'c-1', fraction: 0.25 }]);
    expect(limits.subscription).toMatchObject({
      subscribed: true,
      monthlyPriceUsd: 10,
      fourHour: { usageUsd: 1.2, capUsd: 4.17 },
      monthly: { uncapped: true, capUsd: null },
    });

    screen.fixture.sb.setQuotas(account.user_id, []);
    expect((await h.accountLimits({})).quotas).toEqual({ kind: 'default', perDay: [{ chuteId: '*', quota: 200 }] });
    screen.fixture.sb.setRoles(account.user_id, 1 << 4);
    expect((await h.accountLimits({})).quotas).toEqual({ kind: 'unlimited' });
    const logins = screen.fixture.sb.requests(100).filter((r) => r.path === '/users/login');
    expect(logins).toHaveLength(1);
  });

  it("says when today's use could not be read, and says nothing when the server has no such route", async () => {
    const { h, account } = await screen.setup();
    expect((await h.accountLimits({})).todayUsed).toEqual({ quota: 0, used: 0 });
    // Counted under the default counter, as the server counts a chute without a quota of its own.
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString().slice(0, 19);
    screen.fixture.sb.addUsage(account.user_id, [{ bucket: hour, amount: 0.1, count: 3, chute_id: 'c-1' }]);
    expect((await h.accountLimits({})).todayUsed).toEqual({ quota: 0, used: 3 });
    screen.fixture.sb.setRoles(account.user_id, 1 << 8);
    expect((await h.accountLimits({})).todayUsed).toEqual({ quota: 'unlimited' });
    screen.fixture.sb.setRoles(account.user_id, 0);
    screen.fixture.sb.faultOnce({
      method: 'GET',
      path: '/users/me/quota_usage/00000000-0000-0000-0000-000000000000',
      status: 503,
      times: 3,
    });
    const failed = await h.accountLimits({});
    expect(failed.todayUsed).toEqual({ unreadable: expect.stringMatching(/503|unavailable|try again/i) as unknown });
    expect(failed.quotas.kind).toBe('rows');
    screen.fixture.sb.faultOnce({
      method: 'GET',
      path: '/users/me/quota_usage/00000000-0000-0000-0000-000000000000',
      status: 404,
    });
    expect((await h.accountLimits({})).todayUsed).toBeNull();
  });

  it("reads today's use of each chute with a quota of its own, and says one it could not read on its row", async () => {
    const { h, account } = await screen.setup();
    expect((await h.accountLimits({})).usedTodayByChute).toEqual({});
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString().slice(0, 19);
    screen.fixture.sb.setQuotas(account.user_id, [
      { chute_id: '*', quota: 2000 },
      { chute_id: 'c-own', quota: 50 },
      { chute_id: 'c-idle', quota: 10 },
    ]);
    screen.fixture.sb.addUsage(account.user_id, [
      { bucket: hour, amount: 0.1, count: 4, chute_id: 'c-own' },
      { bucket: hour, amount: 0.1, count: 3, chute_id: 'c-other' },
    ]);
    let limits = await h.accountLimits({});
    expect(limits.usedTodayByChute).toEqual({ 'c-own': { used: 4 }, 'c-idle': { used: 0 } });
    // The default's counter leaves the chutes with their own out.
    expect(limits.todayUsed).toEqual({ quota: 2000, used: 3 });
    screen.fixture.sb.faultOnce({ method: 'GET', path: '/users/me/quota_usage/c-idle', status: 503, times: 3 });
    limits = await h.accountLimits({});
    expect(limits.usedTodayByChute['c-own']).toEqual({ used: 4 });
    expect(limits.usedTodayByChute['c-idle']).toEqual({
      unreadable: expect.stringMatching(/503|unavailable|try again/i) as unknown,
    });
    // Not counted (free account): no figure per chute either.
    screen.fixture.sb.setRoles(account.user_id, 1 << 4);
    expect((await h.accountLimits({})).usedTodayByChute).toEqual({});
  });

  it('reads hourly usage in a range, oldest first, with totals; per chute on demand', async () => {
    const { h, account } = await screen.setup();
    screen.fixture.sb.addUsage(account.user_id, [
      { bucket: '2026-01-02T10:00:00', amount: 0.5, count: 5, chute_id: 'a' },
      { bucket: '2026-01-02T10:00:00', amount: 0.25, count: 2, chute_id: 'b' },
      { bucket: '2026-01-02T12:00:00', amount: 1, count: 10, chute_id: 'a' },
      { bucket: '2026-01-05T12:00:00', amount: 9, count: 90, chute_id: 'a' },
    ]);
    const range = { start: '2026-01-02T00:00:00.000Z', end: '2026-01-03T00:00:00.000Z' };
    const u = await h.accountUsage({ ...range, perChute: false });
    expect(u.items.map((i) => [i.bucket, i.amountUsd, i.requests])).toEqual([
      ['2026-01-02T10:00:00.000Z', 0.75, 7],
      ['2026-01-02T12:00:00.000Z', 1, 10],
    ]);
    expect(u.totals).toMatchObject({ amountUsd: 1.75, requests: 17 });
    const per = await h.accountUsage({ ...range, perChute: true });
    expect(per.items).toHaveLength(3);
    expect(per.items.map((i) => i.chuteId)).toEqual(['a', 'b', 'a']);
  });

  it('names the chutes usage shows by id: its own and public ones; another’s private chute stays unnamed', async () => {
    const { h, account } = await screen.setup();
    const bob = await screen.fixture.client.register(TestKey.random(), 'bob');
    const mine = screen.fixture.sb.addChute(account.user_id, 'mine').chute_id;
    const theirs = screen.fixture.sb.addChute(bob.user_id, 'theirs').chute_id;
    const pub = PUBLIC_CHUTES[1] ?? { chute_id: '', name: '' };
    expect(await h.chuteNames({ ids: [mine, theirs, pub.chute_id] })).toEqual({
      [mine]: 'mine',
      [pub.chute_id]: pub.name,
    });
  });
});

describe('transfers and the legacy refund', () => {
  it('transfers an amount or everything and reports both balances; typed refusals', async () => {
    const { h, account, profile } = await screen.setup();
    const reviewedFor = profile.id;
    const bob = await screen.fixture.client.register(TestKey.random(), 'bob');
    screen.fixture.sb.setBalance(account.user_id, 10);
    const t = await h.transferBalance({ target: 'bob', amountUsd: 2.5, reviewedFor });
    expect(t).toMatchObject({ transferredUsd: 2.5, toUser: bob.user_id, fromBalanceUsd: 7.5, toBalanceUsd: 2.5 });
    expect(
      failureIs(
        await failure(h.transferBalance({ target: 'bob', amountUsd: 100, reviewedFor })),
        'balance-insufficient',
      ),
    ).toBe(true);
    expect(
      failureIs(await failure(h.transferBalance({ target: 'nobody-here', reviewedFor })), 'transfer-target-missing'),
    ).toBe(true);
    expect(failureIs(await failure(h.transferBalance({ target: 'alice', reviewedFor })), 'transfer-to-self')).toBe(
      true,
    );
    const all = await h.transferBalance({ target: bob.user_id, reviewedFor });
    expect(all).toMatchObject({ transferredUsd: 7.5, fromBalanceUsd: 0, toBalanceUsd: 10 });
  });

  it.each([
    ['lost', 'drop_after', 'no answer came back (connection closed)'],
    ['in a shape it cannot read', 'garble_after', 'its answer (HTTP 200) was not in a form the app can read'],
  ] as const)(
    'a transfer whose answer is %s says it may have gone through, and is not re-sent',
    async (_, fault, cause) => {
      const { h, account, profile } = await screen.setup();
      await screen.fixture.client.register(TestKey.random(), 'carol');
      screen.fixture.sb.setBalance(account.user_id, 10);
      screen.fixture.sb.faultOnce({ method: 'POST', path: '/users/balance_transfer', [fault]: true });
      const e = await failure(h.transferBalance({ target: 'carol', amountUsd: 1, reviewedFor: profile.id }));
      expect(failureIs(e, 'answer-lost')).toBe(true);
      expect((e as Error).message).toContain(`${cause}, so it may or may not have gone through`);
      // It did go through, once.
      expect(screen.fixture.sb.requests(20).filter((r) => r.path === '/users/balance_transfer')).toHaveLength(1);
      expect(screen.fixture.sb.state().users[account.user_id]?.balance).toBe(9);
    },
  );

  it('explains that an account without a developer deposit has nothing to refund', async () => {
    const { h, key, profile } = await screen.setup();
    const e = await failure(h.refundDeveloperDeposit({ address: key.ss58, reviewedFor: profile.id }));
    expect(failureIs(e, 'no-developer-deposit')).toBe(true);
    expect((e as Error).message).toContain('never paid a developer deposit');
  });

  it('sends nothing when another profile became active after the review', async () => {
    const { h, account, profile } = await screen.setup();
    await screen.fixture.client.register(TestKey.random(), 'bob');
    screen.fixture.sb.setBalance(account.user_id, 10);
    const other = await screen.world.store.upsert({
      baseUrl: screen.fixture.sb.url,
      username: 'carol',
      userId: 'carol-id',
      hotkeyName: 'other',
      hotkeySs58: TestKey.random().ss58,
      source: { kind: 'manual' },
    });
    await screen.world.store.setActive(other.id);
    const e = await failure(h.transferBalance({ target: 'bob', amountUsd: 1, reviewedFor: profile.id }));
    expect(failureIs(e, 'profile-changed')).toBe(true);
    expect((e as Error).message).toContain(`changed from ${profile.displayName} to carol`);
    expect((e as Error).message).toContain('after the transfer to bob was reviewed');
    const refund = await failure(h.refundDeveloperDeposit({ address: TestKey.random().ss58, reviewedFor: profile.id }));
    expect(failureIs(refund, 'profile-changed')).toBe(true);
    expect((refund as Error).message).toContain('after the refund request was reviewed');
    await screen.world.store.setActive(profile.id);
    expect(screen.fixture.sb.users().find((u) => u.user_id === account.user_id)?.balance).toBe(10);
  });
});
