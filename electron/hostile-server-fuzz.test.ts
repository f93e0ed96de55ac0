// The server's answers are input too: a `base_url` can come from any imported config.ini. Every
// channel that talks to the server is called with a valid request while a lying server (a proxy
// in front of the sandbox) spoils one of its answers; the app must answer with a typed failure or
// a sane value — never `internal`, never a hang, never a value holding NaN or Infinity.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../e2e/sandbox';
import { ChutesTestClient, TestKey as WireKey } from '../e2e/sandbox/test-client';
import { isAppError, type Result } from '../shared/errors';
import type { Channel, ChannelInput } from '../shared/ipc-contract';
import { loadAppConfig } from './app-config';
import { MUTATIONS, startHostileProxy, type HostileProxy } from './chutes-api/hostile-proxy.test-helper';
import { within } from './fs/special-files.test-helper';
import { createHandlers } from './handlers';
import { createRouter, type Router } from './ipc-router';
import { MemorySeedVault } from './keychain/memory-seed-vault.test-helper';
import { setLogSink } from './log';
import { createServices } from './services';
import { registrationBody } from './chutes-api/endpoints/registration';
import { sha256Hex } from './signer/signing-message';
import { makeKey, publicJson, writeTree } from './wallets/test-fixtures';

// Retries of a spoiled 503 wait 0.5 s, then 1 s; a GET may also log in first.
const CALL_MS = 8000;
let sandbox: SandboxHandle;
let proxy: HostileProxy;
let home: string;
let router: Router;
let restoreLog: ReturnType<typeof setLogSink>;
/** The last thing the app logged: an `internal` failure's stack is there. */
let lastLogged = '';

/** Every channel that reaches the server, with a request the app would really send. */
type Call = { [K in Channel]: { channel: K; input: () => ChannelInput<K> } }[Channel];
let calls: Call[] = [];

function call<K extends Channel>(channel: K, input: () => ChannelInput<K>): Call {
  return { channel, input } as Call;
}

async function must<T>(channel: Channel, input: unknown): Promise<T> {
  const result = await router.dispatch(channel, input, { transport: 'ipc' });
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

beforeAll(async () => {
  restoreLog = setLogSink((line) => {
    lastLogged = line;
  });
  sandbox = await startSandbox({ port: 0, demo: true });
  proxy = await startHostileProxy(sandbox.url);
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'hostile-'));

  const [hot, linked, cold] = await Promise.all([makeKey(), makeKey(), makeKey()]);
  const wire = WireKey.fromSeed(hot.json.secretSeed!);
  const client = new ChutesTestClient(sandbox.url);
  const account = await client.register(wire, 'victim', { coldkey: cold.ss58 });
  await client.register(WireKey.random(), 'other');
  sandbox.setBalance(account.user_id, 1_000);
  sandbox.seedApiKeys({ user_id: account.user_id, count: 40 });
  sandbox.seedLegacyDeposit({ user_id: account.user_id, tao: 1 });
  sandbox.setLink({ enabled: true, validators: [linked.ss58] });
  sandbox.setIdp(true);

  const configPath = path.join(home, '.chutes', 'config.ini');
  await fs.mkdir(path.dirname(configPath), { recursive: true });
  await fs.writeFile(
    configPath,
    `[api]\nbase_url = ${proxy.url}\n\n[auth]\nusername = victim\nuser_id = ${account.user_id}\nhotkey_seed = ${wire.seedHex}\nhotkey_name = h1\nhotkey_ss58address = ${wire.ss58}\n\n[payment]\naddress = ${account.payment_address}\n`,
    { mode: 0o600 },
  );
  const wallets = path.join(home, 'wallets');
  await writeTree(wallets, [
    ['w1/coldkeypub.txt', publicJson(cold)],
    ['w1/hotkeys/h1', JSON.stringify(hot.json)],
    ['w1/hotkeys/h2', JSON.stringify(linked.json)],
  ]);
  const config = loadAppConfig(
    [],
    {
      CHUTES_API_URL: proxy.url,
      CHUTES_CONFIG_PATH: configPath,
      BT_WALLET_PATH: wallets,
      CHUTES_DESKTOP_DATA_DIR: path.join(home, 'data'),
    },
    home,
    'linux',
  );
  router = createRouter(createHandlers(createServices(config, 'web', 'hostile', new MemorySeedVault())));

  const { profile } = await must<{ profile: { id: string } }>('importCliConfig', { stripSeed: false });
  const view = await must<{ wallets: Array<{ id: string; hotkeys: Array<{ id: string; name: string }> }> }>(
    'listWallets',
    {},
  );
  const w1 = view.wallets[0]!;
  const hotkeyId = (name: string) => w1.hotkeys.find((h) => h.name === name)!.id;
  const wallet = { kind: 'wallet' as const, walletId: w1.id, hotkeyId: hotkeyId('h2') };
  const keys = await must<{ items: Array<{ id: string }> }>('listApiKeys', { page: 0, limit: 100 });
  const chutes = await must<Array<{ chuteId: string }>>('listChutes', {});
  const chuteId = chutes[0]!.chuteId;
  await must('createSecret', { chuteId, key: 'SEEDED', value: 'v', replace: true, reviewedFor: profile.id });
  const secrets = await must<{ items: Array<{ secretId: string }> }>('listSecretsPage', { page: 0, limit: 50 });
  let keyIndex = 0;
  const nextKey = () => keys.items[keyIndex++ % keys.items.length]!.id;
  const day = 86_400_000;
  const reviewedFor = profile.id;
  const base = proxy.url;

  calls = [
    call('checkConnection', () => ({})),
    call('checkConnection', () => ({ apiUrl: base })),
    call('lookupAccount', () => ({ hotkey: wire.ss58 })),
    call('addProfileFromHotkey', () => ({ hotkey: wire.ss58, hotkeyName: 'h1' })),
    call('accountOverview', () => ({})),
    call('accountLimits', () => ({})),
    call('accountUsage', () => ({
      start: new Date(Date.now() - 7 * day).toISOString(),
      end: new Date().toISOString(),
      perChute: keyIndex % 2 === 0,
    })),
    call('chuteNames', () => ({ ids: [randomUUID()] })),
    call('dashboardLogin', () => ({})),
    call('transferBalance', () => ({ target: 'other', amountUsd: 0.01, reviewedFor })),
    call('refundDeveloperDeposit', () => ({ address: cold.ss58, reviewedFor })),
    call('changeFingerprint', () => ({ newFingerprint: `fp-${keyIndex++}-abcdefgh`, remember: false, reviewedFor })),
    call('listApiKeys', () => ({ page: 0, limit: 25 })),
    call('getApiKey', () => ({ id: nextKey() })),
    call('createApiKey', () => ({
      name: 'fz',
      admin: false,
      scopes: [{ object_type: 'chutes', object_id: chuteId, action: 'read' }],
      reviewedFor,
    })),
    call('deleteApiKey', () => ({ id: nextKey(), reviewedFor })),
    call('deleteApiKeys', () => ({ ids: [nextKey(), nextKey(), nextKey()], reviewedFor })),
    call('listScopeTargets', () => ({})),
    call('listChutes', () => ({})),
    call('listSecretsPage', () => ({ page: 0, limit: 50 })),
    call('createSecret', () => ({ chuteId, key: 'FUZZ', value: 'v', replace: true, reviewedFor })),
    call('deleteSecrets', () => ({ secretIds: secrets.items.map((s) => s.secretId), reviewedFor })),
    call('previewSecretImport', () => ({ chuteId, source: { kind: 'text', text: 'A=1\nSEEDED=2\n' } })),
    call('detectLinking', () => ({ recheck: true })),
    call('link', () => ({
      kind: 'validator',
      source: wallet,
      keepInKeychain: false,
      reviewedHotkey: linked.ss58,
      reviewedUsername: 'victim',
      reviewedFor,
    })),
    call('checkUsername', () => ({ baseUrl: base, username: 'newcomer' })),
    call('checkHotkeyRegistered', () => ({ baseUrl: base, hotkey: wire.ss58 })),
    call('register', () => ({
      baseUrl: base,
      username: 'newcomer',
      walletId: w1.id,
      hotkeyId: hotkeyId('h1'),
      token: sandbox.issueToken().token,
      reviewedHotkey: hot.ss58,
      reviewedBodySha256: sha256Hex(JSON.stringify(registrationBody('newcomer', cold.ss58))),
    })),
    call('recheckRegistration', () => ({
      baseUrl: base,
      walletId: w1.id,
      hotkeyId: hotkeyId('h1'),
      hotkey: hot.ss58,
      username: 'newcomer',
    })),
  ];
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
  setLogSink(restoreLog);
  if (home) await fs.rm(home, { recursive: true, force: true });
});

/** Where in a value a number that JSON cannot carry hides (NaN, ±Infinity), or null. */
function nonFinite(value: unknown, at = '$'): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : at;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nonFinite(value[i], `${at}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = nonFinite(v, `${at}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

function expectSane(result: Result<unknown>, what: string): void {
  if (result.ok) {
    expect(nonFinite(result.value), `${what}: a number JSON cannot carry`).toBeNull();
    return;
  }
  expect(isAppError(result.error), what).toBe(true);
  expect(result.error.code, `${what}: ${result.error.message}\n${lastLogged}`).not.toBe('internal');
}

/** fast-check keeps the failed assertion as the error's cause; show it with the counterexample. */
async function assertWithCause<T>(property: fc.IAsyncProperty<T>, params: fc.Parameters<T>): Promise<void> {
  try {
    await fc.assert(property, params);
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    throw new Error(`${(error as Error).message}\n${cause instanceof Error ? cause.message : ''}`, { cause: error });
  }
}

describe('a lying server', () => {
  it('every server-bound channel, with one answer spoiled, answers promptly with a typed failure or a sane value', async () => {
    expect(calls.length).toBeGreaterThanOrEqual(25);
    for (const entry of calls) {
      await assertWithCause(
        fc.asyncProperty(
          fc.record({
            at: fc.oneof(fc.nat(3), fc.constant(-1)),
            mutation: fc.constantFrom(...MUTATIONS),
            pick: fc.nat(),
            junk: fc.nat(),
          }),
          async (plan) => {
            proxy.setPlan(plan);
            const input = entry.input();
            const result = await within(
              router.dispatch(entry.channel, input, { transport: 'http' }),
              CALL_MS,
              entry.channel,
            );
            expectSane(result, `${entry.channel} with ${proxy.lastSpoiled()}`);
            proxy.setPlan(null);
          },
        ),
        { numRuns: 20 },
      );
    }
    // Still talking to the honest server afterwards.
    expect((await router.dispatch('accountOverview', {}, { transport: 'http' })).ok).toBe(true);
  }, 300_000);
});
