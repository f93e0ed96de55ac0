import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestKey as SandboxKey } from '../../e2e/sandbox/test-client';
import { useSandbox } from '../../e2e/sandbox/vitest-sandbox';
import { AppFailure } from '../../shared/errors';
import { createChutesClient } from '../chutes-api';
import { createFingerprintStore } from '../keychain/fingerprint-store';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import { setLogSink } from '../log';
import { createProfileStore } from '../profiles';
import { createDiscoveryCache, discoverWallets } from '../wallets';
import { makeKey, publicJson, tempDir, writeTree, type TestKey } from '../wallets/test-fixtures';
import { registrationHandlers } from './registration-handlers';

// The registration handlers against the sandbox (`../shared/reference/chutes-account-api.md` §2):
// real signatures, real wallet files, a memory keychain.
const fixture = useSandbox();
const ctx = { transport: 'ipc' as const };

interface World {
  handlers: ReturnType<typeof registrationHandlers>;
  vault: MemorySeedVault;
  profiles: ReturnType<typeof createProfileStore>;
  fingerprints: ReturnType<typeof createFingerprintStore>;
  hotkey: TestKey;
  coldkey: TestKey;
  ids: { walletId: string; hotkeyId: string; publicOnlyId: string };
  dir: string;
  services: Parameters<typeof registrationHandlers>[0];
}

let world: World;
let restoreSink: ReturnType<typeof setLogSink>;

beforeEach(async () => {
  restoreSink = setLogSink(() => undefined);
  const dir = await tempDir('chutes-register-');
  const [hotkey, coldkey, watch] = await Promise.all([makeKey(), makeKey(), makeKey()]);
  const walletsPath = path.join(dir, 'wallets');
  await writeTree(walletsPath, [
    ['main/coldkeypub.txt', publicJson(coldkey)],
    ['main/hotkeys/hk', JSON.stringify(hotkey.json)],
    ['main/hotkeys/watchpub.txt', publicJson(watch)],
  ]);
  const scan = await discoverWallets(walletsPath);
  const wallet = scan.wallets[0];
  const hk = wallet?.hotkeys.find((h) => h.name === 'hk');
  const pub = wallet?.hotkeys.find((h) => h.name === 'watch');
  if (!wallet || !hk || !pub) throw new Error('wallet fixture not discovered');
  const vault = new MemorySeedVault();
  const profiles = createProfileStore({ dataDir: path.join(dir, 'data') });
  const fingerprints = createFingerprintStore(vault);
  const chutes = createChutesClient({
    vault,
    profiles,
    activity: { append: () => Promise.resolve() },
    defaultBaseUrl: fixture.sb.url,
  });
  const services = {
    config: { walletsPath },
    vault,
    profiles,
    chutes,
    fingerprints,
    discovery: createDiscoveryCache(),
  };
  const handlers = registrationHandlers(services);
  world = {
    handlers,
    vault,
    profiles,
    fingerprints,
    hotkey,
    coldkey,
    ids: { walletId: wallet.id, hotkeyId: hk.id, publicOnlyId: pub.id },
    dir,
    services,
  };
});

afterEach(async () => {
  setLogSink(restoreSink);
  await fs.rm(world.dir, { recursive: true, force: true });
});

/** What the wizard sends: the hotkey and body hash of the review it showed for this wallet. */
const input = (username: string, token = fixture.sb.issueToken().token) => ({
  baseUrl: fixture.sb.url,
  username,
  walletId: world.ids.walletId,
  hotkeyId: world.ids.hotkeyId,
  token,
  reviewedHotkey: world.hotkey.ss58,
  reviewedBodySha256: sha256(`{"username":"${username}","coldkey":"${world.coldkey.ss58}"}`),
});
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const registerPaths = () => fixture.sb.requests(100).filter((r) => r.path === '/users/register');

async function failureOf(promise: Promise<unknown>): Promise<AppFailure['appError']> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppFailure)) throw new Error(`expected an AppFailure, got ${String(error)}`);
  return error.appError;
}

describe('checkUsername', () => {
  it('says why a name breaks the rule without asking the server, and asks the server otherwise', async () => {
    await fixture.client.register(SandboxKey.random(), 'Taken');
    expect(await world.handlers.checkUsername({ baseUrl: fixture.sb.url, username: 'ab' }, ctx)).toMatchObject({
      valid: false,
      problem: 'Use at least 3 characters.',
    });
    expect(
      (await world.handlers.checkUsername({ baseUrl: fixture.sb.url, username: 'no spaces' }, ctx)).problem,
    ).toContain('remove space');
    expect(fixture.sb.requests(10).filter((r) => r.path === '/users/name_check')).toHaveLength(0);
    const taken = await world.handlers.checkUsername({ baseUrl: fixture.sb.url, username: 'taken' }, ctx);
    expect(taken).toMatchObject({ valid: true, available: false });
    expect(taken.problem).toContain('“taken” is taken');
    expect(taken.problem).not.toContain('underscore');
    // The server's ILIKE takes “_” for any one character: “dash_ok” is taken while “dash-ok” exists.
    await fixture.client.register(SandboxKey.random(), 'dash_ok');
    expect((await world.handlers.checkUsername({ baseUrl: fixture.sb.url, username: 'dash_ok' }, ctx)).problem).toBe(
      `“dash_ok” is taken on ${new URL(fixture.sb.url).host} (names are compared ignoring case; an underscore matches any one character there, so a similar name such as “dash-ok” may be the one taken).`,
    );
    expect(await world.handlers.checkUsername({ baseUrl: fixture.sb.url, username: 'free-name_1' }, ctx)).toEqual({
      username: 'free-name_1',
      valid: true,
      available: true,
      problem: null,
    });
  });
});

describe('previewRegistration', () => {
  it('shows the exact body, its hash and the message the hotkey signs, and sends nothing', async () => {
    const preview = await world.handlers.previewRegistration(input('alice'), ctx);
    const body = `{"username":"alice","coldkey":"${world.coldkey.ss58}"}`;
    const sha = createHash('sha256').update(body).digest('hex');
    expect(preview).toMatchObject({
      method: 'POST',
      body,
      bodySha256: sha,
      hotkey: world.hotkey.ss58,
      coldkey: world.coldkey.ss58,
      seedSource: 'file',
    });
    expect(preview.signingMessage).toBe(`${world.hotkey.ss58}:${preview.exampleNonce}:${sha}`);
    expect(preview.url).toMatch(new RegExp(`^${fixture.sb.url}/users/register\\?token=[0-9a-f-]{36}$`));
    expect(registerPaths()).toHaveLength(0);
    expect(await world.vault.hasSeed(world.hotkey.ss58)).toBe(false);
  });

  it('sends nothing when the wallet hotkey is no longer the one reviewed (the wallets folder changed)', async () => {
    const other = await makeKey();
    const refused = await failureOf(world.handlers.register({ ...input('alice'), reviewedHotkey: other.ss58 }, ctx));
    expect(refused).toMatchObject({ code: 'conflict', reason: 'hotkey-changed' });
    expect(refused.message).toContain(`not the ${other.ss58} you reviewed`);
    expect(registerPaths()).toHaveLength(0);
  });

  it('sends nothing when the wallet’s coldkey is no longer the one in the body reviewed', async () => {
    const preview = await world.handlers.previewRegistration(input('alice'), ctx);
    const other = await makeKey();
    await fs.writeFile(path.join(world.services.config.walletsPath, 'main/coldkeypub.txt'), publicJson(other));
    const refused = await failureOf(
      world.handlers.register({ ...input('alice'), reviewedBodySha256: preview.bodySha256 }, ctx),
    );
    expect(refused).toMatchObject({ code: 'conflict', reason: 'hotkey-changed' });
    expect(refused.message).toContain(`coldkey is now ${other.ss58}`);
    expect(refused.detail?.hint).toContain('shows the request again');
    expect(registerPaths()).toHaveLength(0);
    expect(await world.vault.hasSeed(world.hotkey.ss58)).toBe(false);
  });

  it('refuses a public-only hotkey and a name that breaks the rule', async () => {
    expect(
      await failureOf(world.handlers.previewRegistration({ ...input('alice'), hotkeyId: world.ids.publicOnlyId }, ctx)),
    ).toMatchObject({ code: 'invalid-input' });
    expect(await failureOf(world.handlers.previewRegistration(input('x'), ctx))).toMatchObject({
      reason: 'username-invalid',
    });
  });
});

describe('register', () => {
  it('creates the account with the body shown, keeps the seed in the keychain, saves the profile as active, and the fingerprint on request', async () => {
    const preview = await world.handlers.previewRegistration(input('alice'), ctx);
    const result = await world.handlers.register(input('alice'), ctx);
    expect(result).toMatchObject({
      username: 'alice',
      hotkey: world.hotkey.ss58,
      coldkey: world.coldkey.ss58,
      baseUrl: fixture.sb.url,
    });
    expect(result.fingerprint).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(registerPaths()[0]).toMatchObject({
      status: 200,
      body_sha256: preview.bodySha256,
      hotkey: world.hotkey.ss58,
      signature_present: true,
      signature_verified: true,
    });
    expect(await world.vault.hasSeed(world.hotkey.ss58)).toBe(true);
    const { profiles, activeId } = await world.profiles.snapshot();
    expect(profiles).toHaveLength(1);
    expect(profiles[0]).toMatchObject({
      id: activeId,
      username: 'alice',
      userId: result.userId,
      hotkeySs58: world.hotkey.ss58,
      hotkeyName: 'hk',
      paymentAddress: result.paymentAddress,
      source: { kind: 'registration' },
    });

    // Until the Done step finishes, a page started again is offered the account and its fingerprint.
    expect(await world.handlers.pendingRegistrations({}, ctx)).toEqual({ results: [result], inFlight: 0 });
    const account = { baseUrl: fixture.sb.url, userId: result.userId };
    expect(await world.handlers.finishRegistration({ ...account, keepFingerprint: true }, ctx)).toEqual({
      fingerprintStored: true,
    });
    expect(await world.handlers.pendingRegistrations({}, ctx)).toEqual({ results: [], inFlight: 0 });
    expect(await world.fingerprints.read(account)).toBe(result.fingerprint);
    // Finished and kept: a second window restored it too and asks to keep it; it is kept.
    expect(await world.handlers.finishRegistration({ ...account, keepFingerprint: true }, ctx)).toEqual({
      fingerprintStored: true,
    });
  });

  it('counts a registration still out, so a page started meanwhile waits for its result', async () => {
    fixture.sb.hold({ method: 'POST', path: '/users/register' });
    const out = world.handlers.register(input('dora'), ctx);
    await expect.poll(() => fixture.sb.held().length).toBe(1);
    expect(await world.handlers.pendingRegistrations({}, ctx)).toEqual({ results: [], inFlight: 1 });
    fixture.sb.release();
    const result = await out;
    expect(await world.handlers.pendingRegistrations({}, ctx)).toEqual({ results: [result], inFlight: 0 });
    // A refused one is no longer awaited either.
    const refused = await failureOf(world.handlers.register(input('dora2'), ctx));
    expect(refused).toMatchObject({ reason: 'hotkey-registered' });
    expect((await world.handlers.pendingRegistrations({}, ctx)).inFlight).toBe(0);
  });

  it('a second window asking to keep a fingerprint is told the first finished without keeping it', async () => {
    const result = await world.handlers.register(input('erin'), ctx);
    const account = { baseUrl: fixture.sb.url, userId: result.userId };
    await world.handlers.finishRegistration({ ...account, keepFingerprint: false }, ctx);
    const second = await failureOf(world.handlers.finishRegistration({ ...account, keepFingerprint: true }, ctx));
    expect(second).toMatchObject({ code: 'not-found' });
    expect(second.message).toContain('already finished in another window or tab, without keeping the fingerprint');
    expect(second.detail?.hint).toContain('Untick “Also keep it in the system keychain” to finish here.');
    expect(await world.fingerprints.has(account)).toBe(false);
    // An app started again knows nothing of it, and says that instead.
    const restarted = registrationHandlers(world.services);
    const after = await failureOf(restarted.finishRegistration({ ...account, keepFingerprint: true }, ctx));
    expect(after.message).toContain('the app was restarted since the account was registered');
  });

  it('a profile that cannot be saved does not swallow the fingerprint', async () => {
    const broken = {
      ...world.services.profiles,
      upsert: () => Promise.reject(new AppFailure('server', 'The disk is full.')),
    };
    const handlers = registrationHandlers({ ...world.services, profiles: broken });
    const result = await handlers.register(input('ivan'), ctx);
    expect(result.fingerprint).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(result).toMatchObject({ profile: null, profileProblem: 'The disk is full.' });
    expect(
      await handlers.finishRegistration({ baseUrl: fixture.sb.url, userId: result.userId, keepFingerprint: true }, ctx),
    ).toEqual({ fingerprintStored: true });
  });

  it('does not persist the fingerprint unless asked', async () => {
    const result = await world.handlers.register(input('bob'), ctx);
    const account = { baseUrl: fixture.sb.url, userId: result.userId };
    expect(await world.handlers.finishRegistration({ ...account, keepFingerprint: false }, ctx)).toEqual({
      fingerprintStored: false,
    });
    expect(await world.fingerprints.has(account)).toBe(false);
    expect([...world.vault.sessions.keys()].filter((k) => k.startsWith('fingerprint:'))).toEqual([]);
  });

  it('gives every §2.4 answer its reason and a message naming what to fix', async () => {
    const others = ['one', 'two']; // with carol's, three sign-ups from this IP
    fixture.sb.setColdkey(world.coldkey.ss58, 0.1);
    const lowBalance = await failureOf(world.handlers.register(input('carol'), ctx));
    expect(lowBalance).toMatchObject({ code: 'invalid-input', reason: 'coldkey-balance', detail: { status: 402 } });
    expect(lowBalance.message).toContain(world.coldkey.ss58);
    fixture.sb.setColdkey(world.coldkey.ss58, 1);

    await fixture.client.register(SandboxKey.random(), 'carol');
    expect(await failureOf(world.handlers.register(input('carol'), ctx))).toMatchObject({
      code: 'conflict',
      reason: 'username-taken',
      message: `The username “carol” is already taken on ${new URL(fixture.sb.url).host}.`,
    });

    expect(
      await failureOf(world.handlers.register(input('dave', '0c6b1a44-5d63-4c4c-9d6e-2c2a3b1f0e11'), ctx)),
    ).toMatchObject({ code: 'forbidden', reason: 'token-invalid' });

    fixture.sb.setFaults({ clock_offset_s: 900 });
    expect(await failureOf(world.handlers.register(input('dave'), ctx))).toMatchObject({
      code: 'clock-skew',
      detail: { skewSeconds: -900 },
    });
    fixture.sb.setFaults({ clock_offset_s: 0 });

    for (const name of others) await fixture.client.register(SandboxKey.random(), name);
    const limited = await failureOf(world.handlers.register(input('dave'), ctx));
    expect(limited).toMatchObject({ code: 'rate-limited', reason: 'ip-limit' });
    expect(limited.detail?.hint).toContain('Try again 24 hours after the last registration from this address');
    expect(
      fixture.sb
        .users()
        .map((u) => u.username)
        .sort(),
    ).toEqual(['carol', ...others].sort());
  });

  it('stores and sends nothing when the wallet file read now holds another hotkey than the one chosen', async () => {
    const other = await makeKey();
    const handlers = registrationHandlers({
      ...world.services,
      readWalletSeed: () => Promise.resolve({ ss58: other.ss58, seed: Uint8Array.from(other.seed) }),
    });
    const refused = await failureOf(handlers.register(input('olga'), ctx));
    expect(refused).toMatchObject({ code: 'conflict', reason: 'hotkey-changed' });
    expect(refused.message).toContain(`now the hotkey ${other.ss58}, not the ${world.hotkey.ss58}`);
    expect(await world.vault.listSeeds()).toEqual([]);
    expect(registerPaths()).toHaveLength(0);
  });

  it('a hotkey that already has an account: 409 with the hotkey named, and checkHotkeyRegistered finds it', async () => {
    const seedHex = Buffer.from(world.hotkey.seed).toString('hex');
    expect(
      await world.handlers
        .checkHotkeyRegistered({ baseUrl: fixture.sb.url, hotkey: world.hotkey.ss58 }, ctx)
        .catch((e: unknown) => e),
    ).toBeInstanceOf(AppFailure); // no seed yet
    await fixture.client.register(SandboxKey.fromSeed(seedHex), 'erin');
    const failure = await failureOf(world.handlers.register(input('erin2'), ctx));
    expect(failure).toMatchObject({ code: 'conflict', reason: 'hotkey-registered' });
    expect(failure.message).toContain(world.hotkey.ss58);
    expect(
      await world.handlers.checkHotkeyRegistered({ baseUrl: fixture.sb.url, hotkey: world.hotkey.ss58 }, ctx),
    ).toMatchObject({ username: 'erin' });
  });
});

describe('checkHotkeyRegistered for a seed only in its wallet file', () => {
  const asFile = () => ({
    baseUrl: fixture.sb.url,
    hotkey: world.hotkey.ss58,
    walletId: world.ids.walletId,
    hotkeyId: world.ids.hotkeyId,
  });

  it("signs with the file's seed and keeps it nowhere: the account if there is one, else null", async () => {
    expect(await world.handlers.checkHotkeyRegistered(asFile(), ctx)).toBeNull();
    await fixture.client.register(SandboxKey.fromSeed(Buffer.from(world.hotkey.seed).toString('hex')), 'fiona');
    expect(await world.handlers.checkHotkeyRegistered(asFile(), ctx)).toMatchObject({
      username: 'fiona',
      hotkey: world.hotkey.ss58,
    });
    const asked = fixture.sb.requests(100).filter((r) => r.path === '/users/me');
    expect(asked).toHaveLength(2);
    expect(await world.vault.listSeeds()).toEqual([]);
  });

  it('asks with the file seed when the keychain cannot say whether it holds one', async () => {
    const handlers = registrationHandlers({
      ...world.services,
      vault: Object.assign(Object.create(world.vault) as MemorySeedVault, {
        hasSeed: () => Promise.reject(new Error('keychain unavailable')),
      }),
    });
    expect(await handlers.checkHotkeyRegistered(asFile(), ctx)).toBeNull();
    expect(fixture.sb.requests(100).filter((r) => r.path === '/users/me')).toHaveLength(1);
  });

  it('asks nothing when the file now holds another hotkey than the one chosen', async () => {
    const other = await makeKey();
    const handlers = registrationHandlers({
      ...world.services,
      readWalletSeed: () => Promise.resolve({ ss58: other.ss58, seed: Uint8Array.from(other.seed) }),
    });
    const refused = await failureOf(handlers.checkHotkeyRegistered(asFile(), ctx));
    expect(refused).toMatchObject({ code: 'conflict', reason: 'hotkey-changed' });
    expect(fixture.sb.requests(100).filter((r) => r.path === '/users/me')).toHaveLength(0);
  });
});

describe('a lost answer', () => {
  /** What the wizard sends to ask again: the hotkey and username of the attempt, not the ones chosen now. */
  const recheckOf = (username: string, hotkey = world.hotkey.ss58) => ({
    baseUrl: fixture.sb.url,
    walletId: world.ids.walletId,
    hotkeyId: world.ids.hotkeyId,
    hotkey,
    username,
  });

  it.each(['drop_after', 'garble_after'] as const)(
    '(%s) is reported as answer-lost, never re-sent, and the recheck finds the account and saves it',
    async (fault) => {
      fixture.sb.faultOnce({ method: 'POST', path: '/users/register', [fault]: true });
      expect(await failureOf(world.handlers.register(input('frank'), ctx))).toMatchObject({
        code: 'network',
        reason: 'answer-lost',
      });
      expect(registerPaths()).toHaveLength(1);
      const recheck = await world.handlers.recheckRegistration(recheckOf('frank'), ctx);
      expect(recheck).toMatchObject({ created: true, account: { username: 'frank', hotkey: world.hotkey.ss58 } });
      expect(registerPaths()).toHaveLength(1);
      expect((await world.profiles.getActive())?.username).toBe('frank');
    },
  );

  it('and when the server never processed it, the recheck says nothing was created', async () => {
    fixture.sb.setFaults({ drop_rate: 1 });
    expect(await failureOf(world.handlers.register(input('grace'), ctx))).toMatchObject({ reason: 'answer-lost' });
    fixture.sb.setFaults({ drop_rate: 0 });
    const recheck = await world.handlers.recheckRegistration(recheckOf('grace'), ctx);
    expect(recheck.created).toBe(false);
    expect(fixture.sb.users()).toEqual([]);
    expect(await world.profiles.list()).toEqual([]);
  });

  it('asks about the hotkey that was sent, even when the wallet ids now hold another one', async () => {
    fixture.sb.faultOnce({ method: 'POST', path: '/users/register', drop_after: true });
    expect(await failureOf(world.handlers.register(input('heidi'), ctx))).toMatchObject({ reason: 'answer-lost' });
    const other = await makeKey();
    await fs.writeFile(path.join(world.services.config.walletsPath, 'main/hotkeys/hk'), JSON.stringify(other.json));
    const recheck = await world.handlers.recheckRegistration(recheckOf('heidi'), ctx);
    expect(recheck).toMatchObject({ created: true, account: { username: 'heidi', hotkey: world.hotkey.ss58 } });
    expect((await world.profiles.getActive())?.hotkeySs58).toBe(world.hotkey.ss58);
  });

  it('an older account of the hotkey (its 409 lost) is said as such, named, and not saved as this registration', async () => {
    await fixture.client.register(SandboxKey.fromSeed(Buffer.from(world.hotkey.seed).toString('hex')), 'erin');
    fixture.sb.faultOnce({ method: 'POST', path: '/users/register', drop_after: true });
    expect(await failureOf(world.handlers.register(input('ivy'), ctx))).toMatchObject({ reason: 'answer-lost' });
    expect(registerPaths().map((r) => r.status)).toEqual([200, null]); // erin's, then ours (a 409, lost)
    const refused = await failureOf(world.handlers.recheckRegistration(recheckOf('ivy'), ctx));
    expect(refused).toMatchObject({ code: 'conflict', reason: 'hotkey-registered' });
    expect(refused.message).toContain('already had a Chutes account');
    expect(refused.message).toContain('erin');
    // Its creation day as the screens write dates ("Dec 7, 2026"), not ISO.
    expect(refused.message).toMatch(/, created [A-Z][a-z]{2} \d{1,2}, \d{4}\)/);
    expect(refused.message).toContain('no account “ivy” was created');
    expect(await world.profiles.list()).toEqual([]);
  });

  it('an account of the same name created well before the attempt was sent is not this attempt’s', async () => {
    await fixture.client.register(SandboxKey.fromSeed(Buffer.from(world.hotkey.seed).toString('hex')), 'judy');
    // This process's clock says the attempt went out an hour after that account was made.
    const later = registrationHandlers({ ...world.services, now: () => Date.now() + 3_600_000 });
    fixture.sb.faultOnce({ method: 'POST', path: '/users/register', drop_after: true });
    expect(await failureOf(later.register(input('judy'), ctx))).toMatchObject({ reason: 'answer-lost' });
    expect(await failureOf(later.recheckRegistration(recheckOf('judy'), ctx))).toMatchObject({
      reason: 'hotkey-registered',
    });
  });

  it('after a restart (the send unknown to this process), an account with the name typed is said as unsure, not as new', async () => {
    fixture.sb.faultOnce({ method: 'POST', path: '/users/register', drop_after: true });
    expect(await failureOf(world.handlers.register(input('kim'), ctx))).toMatchObject({ reason: 'answer-lost' });
    // A new process: the page kept the wizard, this main process never sent anything.
    const restarted = registrationHandlers(world.services);
    const unsure = await failureOf(restarted.recheckRegistration(recheckOf('kim'), ctx));
    expect(unsure).toMatchObject({ code: 'conflict', reason: 'hotkey-registered' });
    expect(unsure.message).toContain('cannot tell whether that registration made it');
    expect(unsure.message).toContain('“kim”');
    expect(await world.profiles.list()).toEqual([]);
  });
});
