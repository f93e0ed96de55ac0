import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestKey } from '../../e2e/sandbox/test-client';
import { useSandbox } from '../../e2e/sandbox/vitest-sandbox';
import { accountScreenContract } from '../../shared/contract/account-screen';
import { failureIs } from '../../shared/errors';
import { createChutesClient } from '../chutes-api';
import type { CallContext } from '../ipc-router';
import { createFingerprintStore, type FingerprintStore } from '../keychain/fingerprint-store';
import { AppFailure } from '../../shared/errors';
import { profileWorld, type ProfileWorld } from '../profiles/fixtures.test-helper';
import { accountScreenHandlers } from './account-screen-handlers';

// The Account screen's handlers against the team's strict emulator of the Chutes API.
const fixture = useSandbox();
let world: ProfileWorld;

beforeEach(async () => {
  world = await profileWorld();
});
afterEach(() => world.dispose());

async function setup(username = 'alice', breakLocal?: (fingerprints: FingerprintStore) => FingerprintStore) {
  const key = TestKey.random();
  const account = await fixture.client.register(key, username);
  await world.vault.putSeed(key.ss58, Buffer.from(key.seedHex, 'hex'), 'default');
  const profile = await world.store.upsert({
    baseUrl: fixture.sb.url,
    username,
    userId: account.user_id,
    hotkeyName: 'default',
    hotkeySs58: key.ss58,
    source: { kind: 'manual' },
  });
  const fingerprints = (breakLocal ?? ((f) => f))(createFingerprintStore(world.vault));
  const chutes = createChutesClient({
    vault: world.vault,
    profiles: world.store,
    activity: { append: () => Promise.resolve() },
    defaultBaseUrl: fixture.sb.url,
  });
  const raw = accountScreenHandlers({ profiles: world.store, chutes, vault: world.vault, fingerprints });
  // Reviewed for this profile unless a test says otherwise (as the screens do): tests read as the user acts.
  const reviewed = new Set(['changeFingerprint', 'changeAccountHotkey', 'deleteAccount']);
  const h = Object.fromEntries(
    Object.entries(raw).map(([name, fn]) => [
      name,
      (args: unknown) =>
        (fn as (a: unknown, c: CallContext) => unknown)(
          reviewed.has(name) ? { reviewedFor: profile.id, ...(args as object) } : args,
          { transport: 'ipc' },
        ),
    ]),
  ) as Reviewed<Bound<typeof raw>>;
  return { key, account, profile, fingerprints, h, fpAccount: { userId: account.user_id, baseUrl: fixture.sb.url } };
}

/** `reviewedFor` optional where the wrapper fills it in. */
type Reviewed<B> = {
  [K in keyof B]: B[K] extends (args: infer A) => infer R
    ? (args: A extends { reviewedFor: string } ? Omit<A, 'reviewedFor'> & { reviewedFor?: string } : A) => R
    : never;
};
type Bound<H> = { [K in keyof H]: H[K] extends (args: infer A, ctx: CallContext) => infer R ? (args: A) => R : never };

const failure = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => e,
  );

describe('overview and limits', () => {
  it('reads /users/me with roles as names and the balance with its time', async () => {
    const { h, account, key } = await setup();
    fixture.sb.setBalance(account.user_id, 12.5);
    fixture.sb.setRoles(account.user_id, (1 << 0) | (1 << 5));
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
    const { h, account, profile } = await setup();
    await world.store.upsert({ ...profile, userId: 'not-the-real-id', username: 'alicia', displayName: undefined });
    const stale = (await world.store.snapshot()).profiles.find((p) => p.id === profile.id);
    expect(stale).toMatchObject({ userId: 'not-the-real-id', username: 'alicia' });
    const o = await h.accountOverview({});
    expect(o).toMatchObject({ userId: account.user_id, username: 'alice' });
    const healed = (await world.store.snapshot()).profiles.find((p) => p.id === profile.id);
    expect(healed).toMatchObject({ userId: account.user_id, username: 'alice', hotkeySs58: profile.hotkeySs58 });
    // The delete form asks for the server's name, and main now checks the same one.
    const refused = await failure(
      h.deleteAccount({ confirmUsername: 'alicia', fingerprint: account.fingerprint, remember: false }),
    );
    expect(failureIs(refused, 'username-mismatch')).toBe(true);
  });

  it('says when the profile could not follow the server, instead of an overview no screen would show', async () => {
    const { h, profile } = await setup();
    await world.store.upsert({ ...profile, userId: 'not-the-real-id', displayName: undefined });
    world.store.followAccount = () =>
      Promise.reject(new AppFailure('conflict', 'Another process is changing your profiles.'));
    const refused = await failure(h.accountOverview({}));
    expect(refused).toBeInstanceOf(AppFailure);
    expect((refused as AppFailure).appError.message).toMatch(
      /^Chutes says this hotkey's account is alice \(user id .+\), but the profile says alice \(not-the-real-id\), and updating the profile failed: Another process/,
    );
  });

  it('reads the three quota shapes, subscription caps and discounts with one hotkey login', async () => {
    const { h, account } = await setup();
    let limits = await h.accountLimits({});
    expect(limits.quotas).toMatchObject({
      kind: 'rows',
      rows: [{ chuteId: '*', quota: 0, isDefault: true }],
      tierUsd: null,
    });
    expect(limits.subscription).toEqual({ subscribed: false });

    fixture.sb.setQuotas(account.user_id, [{ chute_id: '*', quota: 2000 }]);
    fixture.sb.setDiscounts(account.user_id, [{ chute_id: 'c-1', discount: 0.25 }]);
    fixture.sb.setSubscription(account.user_id, {
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

    fixture.sb.setQuotas(account.user_id, []);
    expect((await h.accountLimits({})).quotas).toEqual({ kind: 'default', perDay: [{ chuteId: '*', quota: 200 }] });
    fixture.sb.setRoles(account.user_id, 1 << 4);
    expect((await h.accountLimits({})).quotas).toEqual({ kind: 'unlimited' });
    const logins = fixture.sb.requests(100).filter((r) => r.path === '/users/login');
    expect(logins).toHaveLength(1);
  });

  it("says when today's use could not be read, and says nothing when the server has no such route", async () => {
    const { h, account } = await setup();
    expect((await h.accountLimits({})).todayUsed).toEqual({ quota: 0, used: 0 });
    // Counted under the default counter, as the server counts a chute without a quota of its own.
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString().slice(0, 19);
    fixture.sb.addUsage(account.user_id, [{ bucket: hour, amount: 0.1, count: 3, chute_id: 'c-1' }]);
    expect((await h.accountLimits({})).todayUsed).toEqual({ quota: 0, used: 3 });
    fixture.sb.setRoles(account.user_id, 1 << 8);
    expect((await h.accountLimits({})).todayUsed).toEqual({ quota: 'unlimited' });
    fixture.sb.setRoles(account.user_id, 0);
    fixture.sb.faultOnce({
      method: 'GET',
      path: '/users/me/quota_usage/00000000-0000-0000-0000-000000000000',
      status: 503,
      times: 3,
    });
    const failed = await h.accountLimits({});
    expect(failed.todayUsed).toEqual({ unreadable: expect.stringMatching(/503|unavailable|try again/i) as unknown });
    expect(failed.quotas.kind).toBe('rows');
    fixture.sb.faultOnce({
      method: 'GET',
      path: '/users/me/quota_usage/00000000-0000-0000-0000-000000000000',
      status: 404,
    });
    expect((await h.accountLimits({})).todayUsed).toBeNull();
  });

  it('reads hourly usage in a range, oldest first, with totals; per chute on demand', async () => {
    const { h, account } = await setup();
    fixture.sb.addUsage(account.user_id, [
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
});

describe('fingerprint operations', () => {
  it('says the dashboard login is not offered where /idp is absent', async () => {
    const { h } = await setup();
    const d = await h.dashboardLogin({});
    expect(d.supported).toBe(false);
    expect(d.supported ? '' : d.message).toContain('does not offer the browser login');
  });

  it('hands out a signed browser-login URL where /idp/cli_login exists; the server accepts it once', async () => {
    const { h } = await setup();
    fixture.sb.setIdp(true);
    const d = await h.dashboardLogin({});
    if (!d.supported) throw new Error('expected the browser login');
    expect(d.url.startsWith(`${fixture.sb.url}/idp/cli_login?`)).toBe(true);
    const first = await fetch(d.url, { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('https://chutes.ai/app');
    expect((await fetch(d.url, { redirect: 'manual' })).status).toBe(400);
  });

  it('asks for a fingerprint when none is kept, rejects a wrong one, keeps a right one only when asked', async () => {
    const { h, account, fingerprints, fpAccount } = await setup();
    fixture.sb.setBalance(account.user_id, 5);
    const none = await failure(h.deleteAccount({ confirmUsername: 'alice', remember: false }));
    expect(failureIs(none, 'fingerprint-needed')).toBe(true);
    const wrongName = await failure(
      h.deleteAccount({ confirmUsername: 'Alice', fingerprint: account.fingerprint, remember: false }),
    );
    expect(failureIs(wrongName, 'username-mismatch')).toBe(true);

    const other = TestKey.random();
    await world.vault.putSeed(other.ss58, Buffer.from(other.seedHex, 'hex'), 'second');
    const bad = await failure(h.changeAccountHotkey({ newHotkey: other.ss58, fingerprint: 'not-it', remember: true }));
    expect(failureIs(bad, 'fingerprint-rejected')).toBe(true);
    expect(await fingerprints.has(fpAccount)).toBe(false);

    const moved = await h.changeAccountHotkey({
      newHotkey: other.ss58,
      fingerprint: account.fingerprint,
      remember: true,
    });
    expect(moved).toMatchObject({ hotkeySs58: other.ss58, hotkeyName: 'second', userId: account.user_id });
    expect(await fingerprints.read(fpAccount)).toBe(account.fingerprint);
    expect(fixture.sb.users()[0]?.hotkey).toBe(other.ss58);
    // Signed calls now go with the new hotkey.
    expect((await h.accountOverview({})).hotkey).toBe(other.ss58);
  });

  it('refuses to move to a hotkey without a seed in the keychain, or one another account uses', async () => {
    const { h, account } = await setup();
    const stranger = TestKey.random();
    expect(
      failureIs(
        await failure(
          h.changeAccountHotkey({ newHotkey: stranger.ss58, fingerprint: account.fingerprint, remember: false }),
        ),
        'new-hotkey-seed-missing',
      ),
    ).toBe(true);
    const bobKey = TestKey.random();
    await fixture.client.register(bobKey, 'bob');
    await world.vault.putSeed(bobKey.ss58, Buffer.from(bobKey.seedHex, 'hex'));
    expect(
      failureIs(
        await failure(
          h.changeAccountHotkey({ newHotkey: bobKey.ss58, fingerprint: account.fingerprint, remember: false }),
        ),
        'hotkey-taken',
      ),
    ).toBe(true);
  });

  it('changes the fingerprint with the hotkey (no old one needed) and replaces a kept one', async () => {
    const { h, account, fingerprints, fpAccount } = await setup();
    await fingerprints.save(fpAccount, account.fingerprint);
    expect(await h.changeFingerprint({ newFingerprint: 'brand-new-secret-1', remember: false })).toEqual({
      stored: true,
      keepProblem: null,
    });
    expect(await fingerprints.read(fpAccount)).toBe('brand-new-secret-1');
    // The old one no longer works; the new one does.
    expect(
      failureIs(
        await failure(
          h.changeFingerprint({ fingerprint: account.fingerprint, newFingerprint: 'x-second-value', remember: false }),
        ),
        'fingerprint-rejected',
      ),
    ).toBe(true);
    expect(
      await h.changeFingerprint({
        fingerprint: 'brand-new-secret-1',
        newFingerprint: 'x-second-value',
        remember: false,
      }),
    ).toEqual({ stored: true, keepProblem: null });
    expect(fixture.sb.requests(5).some((r) => r.path === '/users/change_fingerprint' && r.status === 200)).toBe(true);
  });

  it('refuses a fingerprint change, a move or a delete reviewed for another profile, sending nothing', async () => {
    const { h, account } = await setup();
    const before = fixture.sb.requests(500).length;
    for (const refused of [
      () =>
        h.changeFingerprint({ newFingerprint: 'brand-new-secret-3', remember: false, reviewedFor: 'another-profile' }),
      () =>
        h.deleteAccount({
          confirmUsername: 'alice',
          fingerprint: account.fingerprint,
          remember: false,
          reviewedFor: 'x',
        }),
      () =>
        h.changeAccountHotkey({
          newHotkey: TestKey.random().ss58,
          fingerprint: account.fingerprint,
          remember: false,
          reviewedFor: 'x',
        }),
    ])
      expect(failureIs(await failure(refused()), 'profile-changed')).toBe(true);
    expect(fixture.sb.requests(500).length).toBe(before);
    expect(fixture.sb.users()).toHaveLength(1);
  });

  it('reports a change made on the server as made when the keychain then fails, and drops the stale kept fingerprint', async () => {
    const locked = new AppFailure('keychain-unavailable', 'The keychain is locked.');
    const { h, account, fingerprints, fpAccount } = await setup('alice', (f) => ({
      ...f,
      save: () => Promise.reject(locked),
    }));
    await createFingerprintStore(world.vault).save(fpAccount, account.fingerprint);
    expect(await h.changeFingerprint({ newFingerprint: 'brand-new-secret-2', remember: false })).toEqual({
      stored: false,
      keepProblem: 'The keychain is locked.',
    });
    // The old one would now fail every fingerprint operation: it is not kept as if it were current.
    expect(await fingerprints.has(fpAccount)).toBe(false);
    expect(fixture.sb.requests(5).some((r) => r.path === '/users/change_fingerprint' && r.status === 200)).toBe(true);
  });

  it('reports a delete made on the server as made when removing the profile here then fails', async () => {
    const { h, account, profile } = await setup();
    const remove = world.store.remove.bind(world.store);
    world.store.remove = () => Promise.reject(new AppFailure('conflict', 'Another process is changing your profiles.'));
    const done = await h.deleteAccount({ confirmUsername: 'alice', fingerprint: account.fingerprint, remember: false });
    expect(done).toEqual({
      deleted: true,
      profileRemoved: false,
      profileProblem: 'Another process is changing your profiles.',
    });
    expect(fixture.sb.users()).toHaveLength(0);
    world.store.remove = remove;
    expect((await world.store.snapshot()).profiles.some((p) => p.id === profile.id)).toBe(true);
  });

  it('deletes the account (kept fingerprint), forgets it and the profile; a refusal names what to fix', async () => {
    const { h, account, fingerprints, fpAccount, profile } = await setup();
    await fingerprints.save(fpAccount, account.fingerprint);
    fixture.sb.setBalance(account.user_id, 100);
    const refused = await failure(h.deleteAccount({ confirmUsername: 'alice', remember: false }));
    expect(failureIs(refused, 'account-not-deletable')).toBe(true);
    expect((refused as Error).message).toContain('within ±$25.00, and this one holds $100.00');
    fixture.sb.setBalance(account.user_id, 0);
    fixture.sb.addChute(account.user_id, 'my-chute');
    const owns = await failure(h.deleteAccount({ confirmUsername: 'alice', remember: false }));
    expect((owns as Error).message).toContain('it still owns 1 chute');
    fixture.sb.state().chutes = {};
    expect(await h.deleteAccount({ confirmUsername: 'alice', remember: false })).toEqual({
      deleted: true,
      profileRemoved: true,
      profileProblem: null,
    });
    expect(await fingerprints.has(fpAccount)).toBe(false);
    expect((await world.store.snapshot()).profiles.find((p) => p.id === profile.id)).toBeUndefined();
    expect(fixture.sb.users()).toHaveLength(0);
  });

  it('refuses, before sending, a fingerprint the delete or any header cannot carry', async () => {
    const { h, fingerprints, fpAccount } = await setup();
    // Set with the hotkey (the schema refuses such new fingerprints; older clients may not have).
    await h.changeFingerprint({ newFingerprint: 'correct horse battery', remember: false });
    const spaced = await failure(
      h.deleteAccount({ confirmUsername: 'alice', fingerprint: 'correct horse battery', remember: false }),
    );
    expect(failureIs(spaced, 'fingerprint-unsendable')).toBe(true);
    expect((spaced as Error).message).toContain('only the last word');
    expect(fixture.sb.users()).toHaveLength(1);
    await fingerprints.save(fpAccount, 'trailing-space ');
    const stored = await failure(h.deleteAccount({ confirmUsername: 'alice', remember: false }));
    expect(failureIs(stored, 'fingerprint-unsendable')).toBe(true);
    expect((stored as Error).message).toContain('kept in the keychain cannot be sent');
  });

  it('takes only fingerprints a header can carry at the contract', () => {
    const { changeFingerprint, deleteAccount } = accountScreenContract;
    for (const good of ['brand-new-secret-1', 'caf\u00e9-latte-1'])
      expect(changeFingerprint.input.safeParse({ newFingerprint: good, reviewedFor: 'p' }).success).toBe(true);
    for (const bad of ['correct horse battery', 'euro\u20ac-sign-2', 'nbsp\u00a0inside'])
      expect(changeFingerprint.input.safeParse({ newFingerprint: bad, reviewedFor: 'p' }).success).toBe(false);
    const del = (fingerprint: string) =>
      deleteAccount.input.safeParse({ confirmUsername: 'a', fingerprint, reviewedFor: 'p' }).success;
    expect(del('old fingerprint with spaces')).toBe(true);
    expect(del(' leading')).toBe(false);
    expect(del('trailing ')).toBe(false);
    expect(del('\u20ac')).toBe(false);
  });
});

describe('transfers and the legacy refund', () => {
  it('transfers an amount or everything and reports both balances; typed refusals', async () => {
    const { h, account, profile } = await setup();
    const reviewedFor = profile.id;
    const bob = await fixture.client.register(TestKey.random(), 'bob');
    fixture.sb.setBalance(account.user_id, 10);
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
      const { h, account, profile } = await setup();
      await fixture.client.register(TestKey.random(), 'carol');
      fixture.sb.setBalance(account.user_id, 10);
      fixture.sb.faultOnce({ method: 'POST', path: '/users/balance_transfer', [fault]: true });
      const e = await failure(h.transferBalance({ target: 'carol', amountUsd: 1, reviewedFor: profile.id }));
      expect(failureIs(e, 'answer-lost')).toBe(true);
      expect((e as Error).message).toContain(`${cause}, so it may or may not have gone through`);
      // It did go through, once.
      expect(fixture.sb.requests(20).filter((r) => r.path === '/users/balance_transfer')).toHaveLength(1);
      expect(fixture.sb.state().users[account.user_id]?.balance).toBe(9);
    },
  );

  it('explains that an account without a developer deposit has nothing to refund', async () => {
    const { h, key, profile } = await setup();
    const e = await failure(h.refundDeveloperDeposit({ address: key.ss58, reviewedFor: profile.id }));
    expect(failureIs(e, 'no-developer-deposit')).toBe(true);
    expect((e as Error).message).toContain('never paid a developer deposit');
  });

  it('sends nothing when another profile became active after the review', async () => {
    const { h, account, profile } = await setup();
    await fixture.client.register(TestKey.random(), 'bob');
    fixture.sb.setBalance(account.user_id, 10);
    const other = await world.store.upsert({
      baseUrl: fixture.sb.url,
      username: 'carol',
      userId: 'carol-id',
      hotkeyName: 'other',
      hotkeySs58: TestKey.random().ss58,
      source: { kind: 'manual' },
    });
    await world.store.setActive(other.id);
    const e = await failure(h.transferBalance({ target: 'bob', amountUsd: 1, reviewedFor: profile.id }));
    expect(failureIs(e, 'profile-changed')).toBe(true);
    expect((e as Error).message).toContain(`changed from ${profile.displayName} to carol`);
    expect((e as Error).message).toContain('after the transfer to bob was reviewed');
    const refund = await failure(h.refundDeveloperDeposit({ address: TestKey.random().ss58, reviewedFor: profile.id }));
    expect(failureIs(refund, 'profile-changed')).toBe(true);
    expect((refund as Error).message).toContain('after the refund request was reviewed');
    await world.store.setActive(profile.id);
    expect(fixture.sb.users().find((u) => u.user_id === account.user_id)?.balance).toBe(10);
  });
});
