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
import { createKeychainListing } from '../keychain/keychain-listing';
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
  scans = createWalletScans(() => root, createDiscoveryCache(), { fs: counting });
});

afterEach(async () => {
  setLogSink(previousSink);
  await fs.rm(root, { recursive: true, force: true });
});

describe('wallet scans', () => {
  it('gives the first screen’s request the scan started at launch, while it runs', async () => {
    scans.scanAtLaunch();
    const first = scans.list();
    expect(scans.list({ verifySeeds: false })).toBe(first);
    expect(walletNames(await first)).toEqual(['alice']);
    expect(scansStarted).toBe(1);
  });

  it('scans again once the launch scan is over, and sees what changed since', async () => {
    scans.scanAtLaunch();
    await scans.list();
    await writeTree(root, [['bob/hotkeys/default', JSON.stringify(key.json)]]);
    expect(walletNames(await scans.list())).toEqual(['alice', 'bob']);
    expect(scansStarted).toBe(2);
  });

  it('shares only the launch scan: a Rescan while another request’s scan runs reads the folder itself', async () => {
    const first = scans.list();
    await writeTree(root, [['bob/hotkeys/default', JSON.stringify(key.json)]]);
    const rescan = scans.list();
    expect(rescan).not.toBe(first);
    expect(walletNames(await rescan)).toEqual(['alice', 'bob']);
    await first;
    expect(scansStarted).toBe(2);
  });

  it('stops sharing the launch scan once the app has changed a wallet file', async () => {
    scans.scanAtLaunch();
    const before = scans.list();
    // Synchronous, so that the launch scan is still running when the app says what it changed.
    chmodSync(path.join(root, 'alice/hotkeys/default'), 0o600);
    scans.changed();
    const after = scans.list();
    expect(after).not.toBe(before);
    expect(hotkeyMode(await after)).toBe(0o600);
    await before;
    expect(scansStarted).toBe(2);
  });

  it('never shares it with a request that checks seeds', async () => {
    scans.scanAtLaunch();
    const plain = scans.list();
    const verified = scans.list({ verifySeeds: true });
    expect(verified).not.toBe(plain);
    expect((await verified).seedsVerified).toBe(true);
    expect((await plain).seedsVerified).toBe(false);
    expect(scansStarted).toBe(2);
  });

  it('logs a launch scan that fails, and the next request scans again', async () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    let calls = 0;
    const failing = createWalletScans(() => root, createDiscoveryCache(), {
      discover: (...args) => (++calls === 1 ? Promise.reject(new Error('a bug')) : discoverWallets(...args)),
    });
    failing.scanAtLaunch();
    // Let the rejection settle: an unhandled one would fail this test run.
    await new Promise((resolve) => setImmediate(resolve));
    expect(walletNames(await failing.list())).toEqual(['alice']);
    expect(calls).toBe(2);
    expect(lines.some((line) => line.includes('wallet scan at launch failed: Error: a bug'))).toBe(true);
  });
});

describe('listWallets and the 0600 fix', () => {
  const ipc = { transport: 'ipc' } as const;

  it('a list asked for after "Make private" scans again, even with the launch scan still running', async () => {
    // A scan that ends only when the test says, so that it is surely still running during the fix.
    let endFirst: () => void = () => undefined;
    const firstMayEnd = new Promise<void>((resolve) => (endFirst = resolve));
    let calls = 0;
    const slowFirst: typeof discoverWallets = async (...args) => {
      const view = discoverWallets(...args);
      if (++calls === 1) await firstMayEnd;
      return view;
    };
    const walletScans = createWalletScans(() => root, createDiscoveryCache(), { discover: slowFirst });
    const handlers = walletHandlers({
      config: { walletsPath: root } as AppConfig,
      home: root,
      keychainListing: createKeychainListing(new MemorySeedVault()),
      walletScans,
    });
    walletScans.scanAtLaunch();
    const running = handlers.listWallets({}, ipc);
    const fixed = await handlers.fixHotkeyPermissions(
      { walletId: 'alice', hotkeyId: 'default', expectedSs58: null },
      ipc,
    );
    expect(fixed.mode).toBe(0o600);
    const after = handlers.listWallets({}, ipc);
    endFirst();
    expect((await after).wallets[0]?.hotkeys[0]?.permissions).toEqual(fixed);
    expect(calls).toBe(2);
    await running;
  });
});
