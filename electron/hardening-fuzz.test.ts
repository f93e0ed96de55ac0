// Property-based fuzz over the whole contract (router + real handlers and services, memory seed
// vault, API sandbox, temp folders full of special files) and the web host's HTTP layer: no input
// may produce `internal`, hang, or a 5xx.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../e2e/sandbox';
import { ChutesTestClient, TestKey } from '../e2e/sandbox/test-client';
import { isAppError, type Result } from '../shared/errors';
import { CHANNELS, contract, type Channel } from '../shared/ipc-contract';
import { loadAppConfig } from './app-config';
import { makeSpecialFiles, within, type SpecialFiles } from './fs/special-files.test-helper';
import { createHandlers } from './handlers';
import { createRouter, type Router } from './ipc-router';
import { MemorySeedVault } from './keychain/memory-seed-vault.test-helper';
import { setLogSink } from './log';
import { createServices } from './services';
import { makeKey, publicJson, writeTree } from './wallets/test-fixtures';
import { rawExchange } from './web-host/raw-http.test-helper';
import { startWebHost, type WebHost } from './web-host/server';

const posix = process.platform !== 'win32';
const CALL_MS = 5000;
let sandbox: SandboxHandle;
let home: string;
let router: Router;
let host: WebHost;
let special: SpecialFiles;
let restoreLog: ReturnType<typeof setLogSink>;
let savedHome: string | undefined;
/** What the server's working folder held before: a relative path resolved against it would show up here. */
let cwdBefore: string[];
const pools = {
  paths: [] as string[],
  profileIds: [] as string[],
  ss58: [] as string[],
  entryIds: [] as string[],
  urls: [] as string[],
  pairs: [] as Array<{ walletId: string; hotkeyId: string }>,
};

beforeAll(async () => {
  restoreLog = setLogSink(() => undefined);
  cwdBefore = (await fs.readdir(process.cwd())).sort();
  sandbox = await startSandbox({ port: 0 });
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'fuzz-'));
  // `~` in a fuzzed path must land in the temp home, never the real one.
  savedHome = process.env.HOME;
  process.env.HOME = home;
  const key = TestKey.random();
  const account = await new ChutesTestClient(sandbox.url).register(key, 'fuzzer');
  const configPath = path.join(home, '.chutes', 'config.ini');
  const configText = `[api]\nbase_url = ${sandbox.url}\n\n[auth]\nusername = fuzzer\nuser_id = ${account.user_id}\nhotkey_seed = ${key.seedHex}\nhotkey_name = default\nhotkey_ss58address = ${key.ss58}\n\n[payment]\naddress = ${account.payment_address}\n`;
  await fs.mkdir(path.dirname(configPath), { recursive: true });
  await fs.writeFile(configPath, configText, { mode: 0o600 });
  await fs.writeFile(path.join(home, 'second.ini'), configText, { mode: 0o644 });

  const wallets = path.join(home, 'wallets');
  const hot = await makeKey();
  await writeTree(wallets, [
    ['w1/coldkeypub.txt', publicJson(hot)],
    ['w1/hotkeys/h1', JSON.stringify(hot.json)],
    ['w1/hotkeys/h1pub.txt', publicJson(hot)],
    ['w2/hotkeys/garbage', 'not json'],
  ]);
  special = await makeSpecialFiles(path.join(home, 'special'));
  // Special files where discovery looks too: a FIFO as a hotkey, a loop as a wallet.
  execFileSync('mkfifo', [path.join(wallets, 'w1', 'hotkeys', 'fifo')]);
  await fs.symlink(path.join(wallets, 'loop'), path.join(wallets, 'loop'));

  const config = loadAppConfig(
    [],
    {
      CHUTES_API_URL: sandbox.url,
      CHUTES_CONFIG_PATH: configPath,
      BT_WALLET_PATH: wallets,
      CHUTES_DESKTOP_DATA_DIR: path.join(home, 'data'),
    },
    home,
    'linux',
  );
  router = createRouter(createHandlers(createServices(config, 'web', 'fuzz', new MemorySeedVault())));
  host = await startWebHost({ router, rendererDir: path.join(home, 'renderer'), port: 0 });
  await fs.mkdir(path.join(home, 'renderer'));
  await fs.writeFile(path.join(home, 'renderer', 'index.html'), '<!doctype html>');

  const imported = await router.dispatch('importCliConfig', { stripSeed: false }, { transport: 'ipc' });
  if (!imported.ok) throw new Error(imported.error.message);
  const listed = await router.dispatch('listWallets', {}, { transport: 'ipc' });
  if (!listed.ok) throw new Error(listed.error.message);
  const view = listed.value as { wallets: Array<{ id: string; hotkeys: Array<{ id: string }> }> };
  pools.pairs = view.wallets.flatMap((w) => w.hotkeys.map((h) => ({ walletId: w.id, hotkeyId: h.id })));
  pools.entryIds = [
    ...view.wallets.map((w) => w.id),
    ...view.wallets.flatMap((w) => w.hotkeys.map((h) => h.id)),
    '..',
    '.',
    '/etc',
    'w1/../..',
  ];
  pools.profileIds = [(imported.value as { profile: { id: string } }).profile.id, 'nope'];
  pools.ss58 = [key.ss58, hot.ss58, '5EYCAe5ijiYfyeZ2JJCGq56LmPyNRAKzpG4QkoQkkQNB5e6Z', '5'.repeat(48)];
  pools.urls = [
    sandbox.url,
    `${sandbox.url}/`,
    'http://127.0.0.1:1',
    'https://127.0.0.1:1',
    'ftp://x',
    'http://user:pw@127.0.0.1:1',
  ];
  const exportsDir = path.join(home, 'exports');
  pools.paths = [
    ...Object.values(special.paths),
    configPath,
    path.join(home, 'second.ini'),
    path.join(wallets, 'w1', 'hotkeys', 'h1'),
    path.join(wallets, 'w1', 'hotkeys', 'fifo'),
    path.join(exportsDir, 'a.ini'),
    path.join(exportsDir, 'new', 'deeper', 'b.ini'),
    '~',
    '~/.chutes/config.ini',
    '~/exports/c.ini',
    'relative/config.ini',
    'config.ini',
    '',
    ' ',
    '/',
    '/root',
    '/proc/self/status',
    '/proc/self/environ',
    '/sys/kernel/mm',
    `${exportsDir}/${'é'.repeat(200)}`,
    'C:\\Users\\x\\config.ini',
  ];
}, 60_000);

afterAll(async () => {
  // After every fuzz run: not one file appeared in (or vanished from) the working folder.
  expect((await fs.readdir(process.cwd())).sort()).toEqual(cwdBefore);
  if (savedHome === undefined) delete process.env.HOME;
  else process.env.HOME = savedHome;
  await host?.close();
  await special?.release();
  await sandbox?.close();
  setLogSink(restoreLog);
  await fs.rm(home, { recursive: true, force: true });
});

const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.constant('x'.repeat(5000)),
);

/** A value for field `name`: mostly from the pool that field means, sometimes anything at all. */
function valueFor(name: string): fc.Arbitrary<unknown> {
  const from = (pool: () => unknown[]) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constant(null).chain(() => fc.constantFrom(...pool())) },
      { weight: 1, arbitrary: junk },
    );
  switch (name) {
    case 'path':
      return from(() => pools.paths);
    case 'profileId':
      return from(() => pools.profileIds);
    case 'hotkey':
      return from(() => pools.ss58);
    case 'walletId':
    case 'hotkeyId':
      return from(() => pools.entryIds);
    case 'apiUrl':
      return from(() => pools.urls);
    case 'limit':
      return fc.oneof(fc.integer({ min: -5, max: 2000 }), junk);
    default:
      return fc.oneof(
        { weight: 3, arbitrary: fc.boolean() },
        { weight: 3, arbitrary: fc.string({ maxLength: 90 }) },
        { weight: 1, arbitrary: junk },
      );
  }
}

function fieldsOf(channel: Channel): string[] {
  const shape = (contract[channel].input as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** A payload for `channel`: its own fields (each maybe missing), maybe an extra one, or pure junk. */
function payloadFor(channel: Channel): fc.Arbitrary<unknown> {
  const fields = fieldsOf(channel);
  const record = fc.record(Object.fromEntries(fields.map((f) => [f, valueFor(f)])), { requiredKeys: [] });
  const extra = fc.tuple(record, fc.string({ maxLength: 8 }), junk).map(([r, k, v]) => ({ ...r, [k]: v }));
  const options = [
    { weight: 8, arbitrary: record },
    { weight: 1, arbitrary: extra },
    { weight: 1, arbitrary: junk },
  ];
  // Wallet and hotkey ids only mean something together: real pairs too (the FIFO "hotkey" among them).
  if (fields.includes('walletId') && fields.includes('hotkeyId')) {
    options.push({ weight: 6, arbitrary: fc.constant(null).chain(() => fc.constantFrom(...pools.pairs)) });
  }
  return fc.oneof(...options);
}

function expectTyped(result: Result<unknown>, what: string): void {
  if (result.ok) return;
  expect(isAppError(result.error), what).toBe(true);
  expect(result.error.code, `${what}: ${result.error.message}`).not.toBe('internal');
}

const dispatch = (channel: string, payload: unknown) =>
  within(
    router.dispatch(channel, payload, { transport: 'http' }),
    CALL_MS,
    `${channel} ${JSON.stringify(payload)?.slice(0, 200)}`,
  );

describe.runIf(posix)('fuzz: every contract channel', () => {
  it('every path-taking channel on every special path answers promptly, never internal', async () => {
    const pathChannels = CHANNELS.filter((c) => fieldsOf(c).includes('path'));
    expect(pathChannels.length).toBeGreaterThanOrEqual(3);
    for (const channel of pathChannels) {
      for (const p of pools.paths) {
        for (const flag of [false, true]) {
          const payload = {
            path: p,
            stripSeed: flag,
            includeSeed: flag,
            overwrite: flag,
            profileId: pools.profileIds[0],
          };
          const args = Object.fromEntries(Object.entries(payload).filter(([k]) => fieldsOf(channel).includes(k)));
          expectTyped(await dispatch(channel, args), `${channel} ${p}`);
        }
      }
    }
    // Nothing was left stuck: the calls the FIFO report said stopped answering still answer.
    for (const channel of ['listProfiles', 'listWallets', 'keychainStatus'] as const)
      expect((await dispatch(channel, {})).ok).toBe(true);
  }, 30_000);

  it('refuses paths that are not full paths on this system, and wrote nothing into the working folder', async () => {
    for (const p of ['etc/passwd', 'C:\\Users\\x\\config.ini', 'config.ini']) {
      for (const [channel, args] of [
        ['exportProfile', { profileId: pools.profileIds[0], path: p, includeSeed: false, overwrite: true }],
        ['importCliConfig', { path: p, stripSeed: false }],
        ['importHotkeyFile', { path: p }],
      ] as const) {
        const result = await dispatch(channel, args);
        expect(result.ok ? 'ok' : result.error.code, `${channel} ${p}`).toBe('invalid-input');
      }
    }
  });

  it('random payloads on every channel', async () => {
    // Each channel gets its own runs: drawing channels at random left one out now and then (51 channels, 400 runs).
    for (const channel of CHANNELS) {
      await fc.assert(
        fc.asyncProperty(payloadFor(channel), async (payload) => {
          expectTyped(await dispatch(channel, payload), `${channel} ${JSON.stringify(payload)?.slice(0, 200)}`);
        }),
        { numRuns: 10 },
      );
    }
    expectTyped(await dispatch('no-such-channel', {}), 'unknown channel');
  }, 60_000);
});

const HTTP_METHODS = ['GET', 'POST', 'HEAD', 'PUT', 'OPTIONS', 'DELETE', 'BREW', 'G\u00e9T'];
const rpcPath = fc.oneof(
  fc.constantFrom(...CHANNELS).map((c) => `/rpc/${c}`),
  fc.constantFrom(
    '/rpc/%ZZ',
    '/rpc/%',
    '/rpc/%E0%A4%A',
    '/rpc/%ED%A0%80',
    '/rpc/',
    '/rpc//x',
    '/',
    '/index.html',
    '/../../etc/passwd',
    '//x',
    'http://[',
    '*',
    '/%00',
  ),
  fc.string({ maxLength: 30 }).map((s) => `/rpc/${s}`),
  fc.string({ unit: 'binary', maxLength: 20 }).map((s) => `/${s}`),
);

/** A complete request (it ends where Content-Length says), well-formed or not. */
const httpRequest = fc
  .record({
    method: fc.constantFrom(...HTTP_METHODS),
    target: rpcPath,
    token: fc.constantFrom('right', 'wrong', 'none'),
    host: fc.constantFrom('right', 'evil.example', 'none'),
    type: fc.constantFrom('application/json', 'text/plain', 'none'),
    body: fc.oneof(
      fc.json({ maxDepth: 2 }),
      fc.string({ maxLength: 200 }),
      fc.constant('{"path":"/proc/self/mem","stripSeed":false}'),
    ),
    extra: fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,12}$/), fc.string({ maxLength: 30 })), { maxLength: 3 }),
  })
  .map((r) => {
    const lines = [`${r.method} ${r.target} HTTP/1.1`];
    if (r.host !== 'none') lines.push(`Host: ${r.host === 'right' ? `127.0.0.1:${host.port}` : r.host}`);
    if (r.token !== 'none') lines.push(`Authorization: Bearer ${r.token === 'right' ? host.token : 'nope'}`);
    if (r.type !== 'none') lines.push(`Content-Type: ${r.type}`);
    for (const [k, v] of r.extra) lines.push(`X-${k}: ${v}`);
    lines.push(`Content-Length: ${Buffer.byteLength(r.body)}`, 'Connection: close');
    return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(r.body)]);
  });

async function stillServes(): Promise<void> {
  const res = await within(
    fetch(`${host.url}/rpc/listProfiles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      body: '{}',
    }),
    CALL_MS,
    'listProfiles after junk',
  );
  expect(res.status).toBe(200);
}

describe.runIf(posix)('fuzz: web host HTTP layer', () => {
  it('complete requests, well-formed or not, always get an answer below 500', async () => {
    await fc.assert(
      fc.asyncProperty(httpRequest, async (bytes) => {
        const reply = await rawExchange(host.port, bytes, CALL_MS);
        const what = bytes.subarray(0, 120).toString('latin1');
        expect(reply.status, `no answer to ${what}`).not.toBeNull();
        expect(reply.status ?? 500, what).toBeLessThan(500);
      }),
      { numRuns: 250 },
    );
    await stillServes();
  }, 30_000);

  it('raw junk bytes never get a 5xx and never stop the host', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(`${s}\r\n\r\n`)),
        ),
        async (bytes) => {
          const reply = await rawExchange(host.port, Buffer.from(bytes), 200);
          expect(reply.status ?? 0).toBeLessThan(500);
        },
      ),
      { numRuns: 120 },
    );
    await stillServes();
  }, 30_000);
});
