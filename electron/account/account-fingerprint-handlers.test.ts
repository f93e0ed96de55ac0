import { describe, expect, it } from 'vitest';
import { TestKey } from '../../e2e/sandbox/test-client';
import { accountScreenContract } from '../../shared/contract/account-screen';
import { AppFailure, failureIs } from '../../shared/errors';
import { createFingerprintStore } from '../keychain/fingerprint-store';
import { useAccountScreen, failure } from './account-screen.test-helper';

// The Account screen's fingerprint, hotkey-move and delete handlers against the sandbox.
const screen = useAccountScreen();

describe('fingerprint operations', () => {
  it('says the dashboard login is not offered where /idp is absent', async () => {
    const { h } = await screen.setup();
    const d = await h.dashboardLogin({});
    expect(d.supported).toBe(false);
    expect(d.supported ? '' : d.message).toContain('does not offer the browser login');
  });

  it('hands out a signed browser-login URL where /idp/cli_login exists; the server accepts it once', async () => {
    const { h } = await screen.setup();
    screen.fixture.sb.setIdp(true);
    const d = await h.dashboardLogin({});
    if (!d.supported) throw new Error('expected the browser login');
    expect(d.url.startsWith(`${screen.fixture.sb.url}/idp/cli_login?`)).toBe(true);
    const first = await fetch(d.url, { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('https://chutes.ai/app');
    expect((await fetch(d.url, { redirect: 'manual' })).status).toBe(400);
  });

  it('asks for a fingerprint when none is kept, rejects a wrong one, keeps a right one only when asked', async () => {
    const { h, account, fingerprints, fpAccount } = await screen.setup();
    screen.fixture.sb.setBalance(account.user_id, 5);
    const none = await failure(h.deleteAccount({ confirmUsername: 'alice', remember: false }));
    expect(failureIs(none, 'fingerprint-needed')).toBe(true);
    const wrongName = await failure(
      h.deleteAccount({ confirmUsername: 'Alice', fingerprint: account.fingerprint, remember: false }),
    );
    expect(failureIs(wrongName, 'username-mismatch')).toBe(true);

    const other = TestKey.random();
    await screen.world.vault.putSeed(other.ss58, Buffer.from(other.seedHex, 'hex'), 'second');
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
    expect(screen.fixture.sb.users()[0]?.hotkey).toBe(other.ss58);
    // Signed calls now go with the new hotkey.
    expect((await h.accountOverview({})).hotkey).toBe(other.ss58);
  });

  it('refuses to move to a hotkey without a seed in the keychain, or one another account uses', async () => {
    const { h, account } = await screen.setup();
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
    await screen.fixture.client.register(bobKey, 'bob');
    await screen.world.vault.putSeed(bobKey.ss58, Buffer.from(bobKey.seedHex, 'hex'));
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
    const { h, account, fingerprints, fpAccount } = await screen.setup();
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
    expect(screen.fixture.sb.requests(5).some((r) => r.path === '/users/change_fingerprint' && r.status === 200)).toBe(
      true,
    );
  });

  it.each([
    ['move to another hotkey', 'POST', '/users/change_bt_auth', 'The move to another hotkey', 'look up the account of'],
    ['account deletion', 'DELETE', '/users/me', 'The account deletion', 'If Chutes says this hotkey is not registered'],
    ['fingerprint change', 'POST', '/users/change_fingerprint', 'The fingerprint change', 'try the new fingerprint'],
  ] as const)(
    'a %s whose answer is lost is said as maybe made, with how to find out',
    async (_, method, path, what, hint) => {
      const { h, account } = await screen.setup();
      const other = TestKey.random();
      await screen.world.vault.putSeed(other.ss58, Buffer.from(other.seedHex, 'hex'), 'second');
      screen.fixture.sb.faultOnce({ method, path, drop_after: true });
      const e = await failure(
        path === '/users/change_bt_auth'
          ? h.changeAccountHotkey({ newHotkey: other.ss58, fingerprint: account.fingerprint, remember: false })
          : path === '/users/me'
            ? h.deleteAccount({ confirmUsername: 'alice', fingerprint: account.fingerprint, remember: false })
            : h.changeFingerprint({ newFingerprint: 'brand-new-secret-2', remember: false }),
      );
      expect(failureIs(e, 'answer-lost')).toBe(true);
      expect((e as AppFailure).message).toContain(`${what} was sent to`);
      expect((e as AppFailure).message).toContain('so it may or may not have gone through');
      expect((e as AppFailure).appError.detail?.hint).toContain(hint);
      // It was carried out, once: a blind re-send would have been refused in misleading words.
      expect(screen.fixture.sb.requests(20).filter((r) => r.path === path && r.method === method)).toHaveLength(1);
    },
  );

  it('refuses a fingerprint change, a move or a delete reviewed for another profile, sending nothing', async () => {
    const { h, account } = await screen.setup();
    const before = screen.fixture.sb.requests(500).length;
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
    expect(screen.fixture.sb.requests(500).length).toBe(before);
    expect(screen.fixture.sb.users()).toHaveLength(1);
  });

  it('reports a change made on the server as made when the keychain then fails, and drops the stale kept fingerprint', async () => {
    const locked = new AppFailure('keychain-unavailable', 'The keychain is locked.');
    const { h, account, fingerprints, fpAccount } = await screen.setup('alice', (f) => ({
      ...f,
      save: () => Promise.reject(locked),
    }));
    await createFingerprintStore(screen.world.vault).save(fpAccount, account.fingerprint);
    expect(await h.changeFingerprint({ newFingerprint: 'brand-new-secret-2', remember: false })).toEqual({
      stored: false,
      keepProblem: 'The keychain is locked.',
    });
    // The old one would now fail every fingerprint operation: it is not kept as if it were current.
    expect(await fingerprints.has(fpAccount)).toBe(false);
    expect(screen.fixture.sb.requests(5).some((r) => r.path === '/users/change_fingerprint' && r.status === 200)).toBe(
      true,
    );
  });

  it('reports a delete made on the server as made when removing the profile here then fails', async () => {
    const { h, account, profile } = await screen.setup();
    const remove = screen.world.store.remove.bind(screen.world.store);
    screen.world.store.remove = () =>
      Promise.reject(new AppFailure('conflict', 'Another process is changing your profiles.'));
    const done = await h.deleteAccount({ confirmUsername: 'alice', fingerprint: account.fingerprint, remember: false });
    expect(done).toEqual({
      deleted: true,
      profileRemoved: false,
      profileProblem: 'Another process is changing your profiles.',
    });
    expect(screen.fixture.sb.users()).toHaveLength(0);
    screen.world.store.remove = remove;
    expect((await screen.world.store.snapshot()).profiles.some((p) => p.id === profile.id)).toBe(true);
  });

  it('deletes the account (kept fingerprint), forgets it and the profile; a refusal names what to fix', async () => {
    const { h, account, fingerprints, fpAccount, profile } = await screen.setup();
    await fingerprints.save(fpAccount, account.fingerprint);
    screen.fixture.sb.setBalance(account.user_id, 100);
    const refused = await failure(h.deleteAccount({ confirmUsername: 'alice', remember: false }));
    expect(failureIs(refused, 'account-not-deletable')).toBe(true);
    expect((refused as Error).message).toContain('within ±$25.00, and this one holds $100.00');
    screen.fixture.sb.setBalance(account.user_id, 0);
    screen.fixture.sb.addChute(account.user_id, 'my-chute');
    const owns = await failure(h.deleteAccount({ confirmUsername: 'alice', remember: false }));
    expect((owns as Error).message).toContain('it still owns 1 chute');
    screen.fixture.sb.state().chutes = {};
    expect(await h.deleteAccount({ confirmUsername: 'alice', remember: false })).toEqual({
      deleted: true,
      profileRemoved: true,
      profileProblem: null,
    });
    expect(await fingerprints.has(fpAccount)).toBe(false);
    expect((await screen.world.store.snapshot()).profiles.find((p) => p.id === profile.id)).toBeUndefined();
    expect(screen.fixture.sb.users()).toHaveLength(0);
  });

  it('refuses, before sending, a fingerprint the delete or any header cannot carry', async () => {
    const { h, fingerprints, fpAccount } = await screen.setup();
    // Set with the hotkey (the schema refuses such new fingerprints; older clients may not have).
    await h.changeFingerprint({ newFingerprint: 'correct horse battery', remember: false });
    const spaced = await failure(
      h.deleteAccount({ confirmUsername: 'alice', fingerprint: 'correct horse battery', remember: false }),
    );
    expect(failureIs(spaced, 'fingerprint-unsendable')).toBe(true);
    expect((spaced as Error).message).toContain('only the last word');
    expect(screen.fixture.sb.users()).toHaveLength(1);
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
