import { chmodSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setLogSink, type LogSink } from '../log';
import { discoverWallets } from './discover';
import { createDiscoveryCache } from './discovery-cache';
import { makeKey, tempDir, writeTree, type TestKey } from './test-fixtures';
import { createWalletFs, type WalletFs } from './wallet-fs';
import { createWalletScans, type WalletScans } from './wallet-scans';
import { walletHandlers } from './wallet-handlers';
import type { AppConfig } from '../app-config';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import type { WalletsScan } from '../../shared/wallets';

let key: TestKey;
let root: string;
let scans: WalletScans;
/** How many scans listed the wallets folder itself (one per scan). */
let scansStarted: number;
let previousSink: LogSink = () => undefined;

const real = createWalletFs();
const counting: WalletFs = {
  ...real,
  list: (target) => {
    if (target.toString() === root) scansStarted++;
    return real.list(target);
  },
};

const hotkeyMode = (scan: WalletsScan) => scan.wallets[0]?.hotkeys[0]?.permissions.mode;
const walletNames = (scan: WalletsScan) => scan.wallets.map((w) => w.name);

beforeAll(async () => {
  key = await makeKey();
});

beforeEach(async () => {
  previousSink = setLogSink(() => undefined);
  root = await tempDir();
  await writeTree(root, [['alice/hotkeys/default', JSON.stringify(key.json)]], 0o644);
  scansStarted = 0;
  scans = createWalletScans(root, createDiscoveryCache(), { fs: counting });
});

afterEach(async () => {
  setLogSink(previousSink);
  await fs.rm(root, { recursive: true, force: true });
});

describe('wallet scans', () => {
  it('gives a request that arrives while a scan runs that scan’s answer', async () => {
    const first = scans.list();
    const second = scans.list({ verifySeeds: false });
    expect(second).toBe(first);
    expect(walletNames(await second)).toEqual(['alice']);
    expect(scansStarted).toBe(1);
  });

  it('shares the scan started at launch with the first screen’s request', async () => {
    scans.scanAtLaunch();
    const view = await scans.list();
    expect(walletNames(view)).toEqual(['alice']);
    expect(scansStarted).toBe(1);
  });

  it('scans again once the running scan is over, and sees what changed since', async () => {
    await scans.list();
    await writeTree(root, [['bob/hotkeys/default', JSON.stringify(key.json)]]);
    expect(walletNames(await scans.list())).toEqual(['alice', 'bob']);
    expect(scansStarted).toBe(2);
  });

  it('does not share a scan that began before the app changed a wallet file', async () => {
    const before = scans.list();
    // Synchronous, so that `before` is still running when the app says what it changed.
    chmodSync(path.join(root, 'alice/hotkeys/default'), 0o600);
    scans.changed();
    const after = scans.list();
    expect(after).not.toBe(before);
    expect(hotkeyMode(await after)).toBe(0o600);
    await before;
    expect(scansStarted).toBe(2);
  });

  it('never shares a scan that checks seeds, in either direction', async () => {
    const verified = scans.list({ verifySeeds: true });
    const plain = scans.list();
    expect(plain).not.toBe(verified);
    expect(scans.list({ verifySeeds: true })).not.toBe(verified);
    expect((await verified).seedsVerified).toBe(true);
    expect((await plain).seedsVerified).toBe(false);
  });
});

describe('listWallets and the 0600 fix', () => {
  const ipc = { transport: 'ipc' } as const;

  it('a list asked for after "Make private" scans again, even with a scan still running', async () => {
    // A scan that ends only when the test says, so that it is surely still running during the fix.
    let endFirst: () => void = () => undefined;
    const firstMayEnd = new Promise<void>((resolve) => (endFirst = resolve));
    let calls = 0;
    const slowFirst: typeof discoverWallets = async (...args) => {
      const view = discoverWallets(...args);
      if (++calls === 1) await firstMayEnd;
      return view;
    };
    const handlers = walletHandlers({
      config: { walletsPath: root } as AppConfig,
      vault: new MemorySeedVault(),
      walletScans: createWalletScans(root, createDiscoveryCache(), { discover: slowFirst }),
    });
    const running = handlers.listWallets({}, ipc);
    const fixed = await handlers.fixHotkeyPermissions({ walletId: 'alice', hotkeyId: 'default' }, ipc);
    expect(fixed.mode).toBe(0o600);
    const after = handlers.listWallets({}, ipc);
    endFirst();
    expect((await after).wallets[0]?.hotkeys[0]?.permissions).toEqual(fixed);
    expect(calls).toBe(2);
    await running;
  });
});
