// A canary seed goes through the whole identity flow over the real contract (router + handlers),
// with the real OS keychain and the API sandbox: import → sign → list → export. It must appear
// in no result, no log line, and no file except the CLI config it came from and the one export
// the user explicitly asked to include it.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../e2e/sandbox';
import { ChutesTestClient, TestKey } from '../e2e/sandbox/test-client';
import { loadAppConfig } from './app-config';
import { createHandlers } from './handlers';
import { createRouter, type Router } from './ipc-router';
import { setLogSink } from './log';
import { createServices } from './services';

let sandbox: SandboxHandle;
let home: string;
let router: Router;
let restoreLog: ReturnType<typeof setLogSink>;
const logLines: string[] = [];
const results: string[] = [];
const key = TestKey.random();
const canary = key.seedHex;

async function call(channel: string, payload: unknown): Promise<unknown> {
  const result = await router.dispatch(channel, payload, { transport: 'ipc' });
  results.push(JSON.stringify(result));
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.join(entry.parentPath, entry.name));
  }
  return out;
}

beforeAll(async () => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS)
    throw new Error('This test needs the private Secret Service that `npm test` starts.');
  restoreLog = setLogSink((line) => logLines.push(line));
  sandbox = await startSandbox({ port: 0 });
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'canary-'));
  const account = await new ChutesTestClient(sandbox.url).register(key, 'canary');
  const configPath = path.join(home, '.chutes', 'config.ini');
  await fs.mkdir(path.dirname(configPath), { recursive: true });
  await fs.writeFile(
    configPath,
    `[api]\nbase_url = ${sandbox.url}\n\n[auth]\nusername = canary\nuser_id = ${account.user_id}\nhotkey_seed = ${canary}\nhotkey_name = default\nhotkey_ss58address = ${key.ss58}\n\n[payment]\naddress = ${account.payment_address}\n`,
    { mode: 0o600 },
  );
  const config = loadAppConfig(
    [],
    {
      CHUTES_API_URL: sandbox.url,
      CHUTES_CONFIG_PATH: configPath,
      BT_WALLET_PATH: path.join(home, 'wallets'),
      CHUTES_DESKTOP_DATA_DIR: path.join(home, 'data'),
      CHUTES_KEYCHAIN_SERVICE: `chutes-desktop-canary-${randomUUID()}`,
    },
    home,
    'linux',
  );
  router = createRouter(createHandlers(createServices(config, 'web', 'test')));
});

afterAll(async () => {
  setLogSink(restoreLog);
  await sandbox.close();
  await fs.rm(home, { recursive: true, force: true });
});

it('keeps the canary seed out of every result, log and file but the explicit export', async () => {
  const imported = (await call('importCliConfig', { stripSeed: true })) as { profile: { id: string } };
  const me = (await call('lookupAccount', { hotkey: key.ss58 })) as { username: string };
  expect(me.username).toBe('canary');
  await call('listProfiles', {});
  await call('listWallets', {});
  await call('listActivity', {});
  const seedless = path.join(home, 'exports', 'seedless.ini');
  const withSeed = path.join(home, 'exports', 'with-seed.ini');
  await call('exportProfile', { profileId: imported.profile.id, path: seedless, includeSeed: false, overwrite: false });
  await call('exportProfile', { profileId: imported.profile.id, path: withSeed, includeSeed: true, overwrite: false });
  const refused = await router.dispatch(
    'exportProfile',
    { profileId: imported.profile.id, path: withSeed, includeSeed: true, overwrite: false },
    { transport: 'ipc' },
  );
  results.push(JSON.stringify(refused));
  expect(refused.ok ? 'ok' : refused.error.code).toBe('conflict');

  // The signed call really reached the sandbox with a signature.
  expect(sandbox.requests(20).some((r) => r.path === '/users/me' && r.status === 200 && r.hotkey === key.ss58)).toBe(
    true,
  );

  expect(results.join('\n')).not.toContain(canary);
  expect(logLines.join('\n')).not.toContain(canary);
  const holders: string[] = [];
  for (const file of await filesUnder(home))
    if ((await fs.readFile(file, 'utf8')).includes(canary)) holders.push(path.relative(home, file));
  expect(holders).toEqual(['exports/with-seed.ini']);
  expect((await fs.stat(withSeed)).mode & 0o777).toBe(0o600);
});
