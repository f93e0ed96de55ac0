import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLogSink, type LogSink } from '../log';
import { discoverWallets } from './discover';
import { createDiscoveryCache } from './discovery-cache';
import { makeKey, publicJson, tempDir, writeTree, type TestKey } from './test-fixtures';
import type { WalletEntry, WalletsScan } from '../../shared/wallets';
import { createWalletFs, type WalletFs } from './wallet-fs';

const real = createWalletFs();

let root: string;
let key: TestKey;
let other: TestKey;
let scan: WalletsScan;
const logLines: string[] = [];
let previousSink: LogSink | undefined;

const NON_UTF8_HOTKEY = Buffer.from([0x66, 0xff, 0x6f]);
const NON_UTF8_WALLET = Buffer.from([0x77, 0xfe]);

function wallet(id: string): WalletEntry {
  const found = scan.wallets.find((w) => w.id === id);
  if (!found) throw new Error(`no wallet ${id}`);
  return found;
}
const hotkey = (walletId: string, id: string) => wallet(walletId).hotkeys.find((h) => h.id === id);

beforeAll(async () => {
  [key, other] = await Promise.all([makeKey(), makeKey()]);
  root = await tempDir();
  const hk = JSON.stringify(key.json);
  await writeTree(root, [
    ['w2/coldkeypub.txt', publicJson(other)],
    ['w2/coldkey', '$NACL-encrypted-coldkey'],
    ['w2/hotkeys/hk10', hk],
    ['w2/hotkeys/HK1', hk],
    ['w2/hotkeys/paired', hk],
    ['w2/hotkeys/pairedpub.txt', publicJson(key)],
    ['w2/hotkeys/watchpub.txt', publicJson(key)],
    ['w2/hotkeys/enc-nacl', '$NACL\x00\x01binary'],
    ['w2/hotkeys/enc-vault', '$ANSIBLE_VAULT;1.1;AES256\n6162'],
    ['w2/hotkeys/enc-fernet', 'gAAAAABkZXhhbXBsZQ=='],
    ['w2/hotkeys/broken', '{"ss58Address": "5G'],
    ['w2/hotkeys/mismatch-pub', JSON.stringify({ ...key.json, publicKey: other.json.publicKey })],
    ['w2/hotkeys/swapped-seed', JSON.stringify({ ...key.json, secretSeed: other.json.secretSeed })],
    ['w2/hotkeys/huge', Buffer.alloc(200 * 1024, 0x20)],
    ['w2/hotkeys/.DS_Store', 'junk'],
    [Buffer.concat([Buffer.from('w2/hotkeys/'), NON_UTF8_HOTKEY]), hk],
    ['w10/hotkeys/a', hk],
    ['W1/coldkeypub.txt', '$NACL-encrypted-pub'],
    ['bad-cold/coldkeypub.txt', 'not json at all'],
    ['bad-cold/hotkeys', 'a file where a folder should be'],
    [Buffer.concat([NON_UTF8_WALLET, Buffer.from('/hotkeys/x')]), hk],
    ['.hidden/hotkeys/x', hk],
    ['README.md', '# not a wallet'],
    ['elsewhere.json', hk],
  ]);
  await writeTree(root, [['w2/hotkeys/hk2', hk]], 0o644);
  await fs.mkdir(path.join(root, 'w2/hotkeys/subdir'));
  await fs.symlink('loop', path.join(root, 'w2/hotkeys/loop'));
  await fs.symlink('nowhere', path.join(root, 'w2/hotkeys/dangling'));
  await fs.symlink(path.join(root, 'elsewhere.json'), path.join(root, 'w2/hotkeys/linked'));
  await fs.symlink('wallet-loop', path.join(root, 'wallet-loop'));
  await fs.symlink('w10', path.join(root, 'linked-wallet'));
  execFileSync('mkfifo', [path.join(root, 'w2/hotkeys/fifo')]);
  previousSink = setLogSink((line) => logLines.push(line));
  scan = await discoverWallets(root);
});

afterAll(async () => {
  if (previousSink) setLogSink(previousSink);
  await fs.rm(root, { recursive: true, force: true });
});

describe('discoverWallets on a tree with every odd case', () => {
  it('lists sub-folders as wallets, following symlinks and skipping files and dot-entries', () => {
    expect(scan.status).toBe('ok');
    const ids = scan.wallets.map((w) => w.id);
    expect(ids.sort()).toEqual(['W1', 'bad-cold', 'hex:77fe', 'linked-wallet', 'w10', 'w2', 'wallet-loop'].sort());
    expect(wallet('linked-wallet').hotkeys.map((h) => h.id)).toEqual(['a']);
  });

  it('sorts wallets and hotkeys naturally, case-insensitively', () => {
    const order = scan.wallets.map((w) => w.id);
    expect(order.indexOf('W1')).toBeLessThan(order.indexOf('w2'));
    expect(order.indexOf('w2')).toBeLessThan(order.indexOf('w10'));
    const hk = wallet('w2').hotkeys.map((h) => h.id);
    expect(hk.filter((id) => /^hk\d/i.test(id))).toEqual(['HK1', 'hk2', 'hk10']);
  });

  it('reads coldkeypub.txt and tolerates missing, encrypted and malformed ones', () => {
    expect(wallet('w2').coldkey).toEqual({ status: 'ok', ss58: other.ss58, hasPrivateColdkey: true });
    expect(wallet('w10').coldkey).toMatchObject({ status: 'missing', ss58: null, hasPrivateColdkey: false });
    expect(wallet('W1').coldkey).toMatchObject({ status: 'encrypted', ss58: null });
    expect(wallet('bad-cold').coldkey).toMatchObject({ status: 'malformed', ss58: null });
    for (const id of ['w10', 'W1', 'bad-cold']) expect(wallet(id).coldkey.message).toMatch(/\w/);
  });

  it('reports the hotkeys folder state', () => {
    expect(wallet('w2').hotkeysFolder).toBe('ok');
    expect(wallet('W1')).toMatchObject({ status: 'ok', hotkeysFolder: 'missing', hotkeys: [] });
    expect(wallet('bad-cold').hotkeysFolder).toBe('not-a-directory');
  });

  it('marks a wallet that is a symlink loop unreadable without aborting the walk', () => {
    expect(wallet('wallet-loop')).toMatchObject({ status: 'unreadable', message: 'Symbolic link loop.', hotkeys: [] });
  });

  it('reads good hotkeys without ever returning a seed', () => {
    const hk10 = hotkey('w2', 'hk10');
    expect(hk10).toMatchObject({ name: 'hk10', fileName: 'hk10', status: 'ok', ss58: key.ss58, hasSeed: true });
    expect(hk10?.message).toBeUndefined();
    const serialised = JSON.stringify(scan);
    for (const secret of [key.json.secretSeed, key.json.privateKey, key.json.secretPhrase, other.json.secretSeed]) {
      expect(serialised).not.toContain(secret?.slice(2));
    }
  });

  it('logs counts only: no names, addresses or key material', () => {
    expect(logLines[0]).toMatch(/wallet discovery: 7 wallets, \d+ hotkeys, \d+ not usable; \d+ ms/);
    const all = logLines.join('\n');
    for (const needle of [key.ss58, other.ss58, 'hk10', 'w10', key.json.secretSeed?.slice(2) ?? ''])
      expect(all).not.toContain(needle);
  });

  it('applies btcli’s hotkeypub rules', () => {
    const ids = wallet('w2').hotkeys.map((h) => h.id);
    expect(ids).toContain('paired');
    expect(ids).not.toContain('pairedpub.txt');
    expect(hotkey('w2', 'watchpub.txt')).toMatchObject({
      name: 'watch',
      fileName: 'watchpub.txt',
      status: 'public-only',
      hasSeed: false,
    });
  });

  it('shows encrypted hotkeys as encrypted, not as errors', () => {
    for (const id of ['enc-nacl', 'enc-vault', 'enc-fernet']) {
      expect(hotkey('w2', id)).toMatchObject({ status: 'encrypted', ss58: null, hasSeed: false });
    }
  });

  it('gives malformed, mismatched, huge and unresolvable entries their own status', () => {
    expect(hotkey('w2', 'broken')?.status).toBe('malformed');
    expect(hotkey('w2', 'mismatch-pub')?.status).toBe('seed-mismatch');
    expect(hotkey('w2', 'huge')).toMatchObject({ status: 'too-large' });
    expect(hotkey('w2', 'loop')).toMatchObject({ status: 'unreadable', message: 'Symbolic link loop.' });
    expect(hotkey('w2', 'dangling')).toMatchObject({ status: 'unreadable', message: 'Broken symbolic link.' });
    for (const h of wallet('w2').hotkeys) if (h.status !== 'ok') expect(h.message, h.id).toMatch(/\w/);
  });

  it('does not derive seeds by default, so a swapped seed passes until verifySeeds', async () => {
    expect(scan.seedsVerified).toBe(false);
    expect(hotkey('w2', 'swapped-seed')?.status).toBe('ok');
    const verified = await discoverWallets(root, { verifySeeds: true });
    expect(verified.seedsVerified).toBe(true);
    const swapped = verified.wallets.find((w) => w.id === 'w2')?.hotkeys.find((h) => h.id === 'swapped-seed');
    expect(swapped).toMatchObject({ status: 'seed-mismatch', hasSeed: true });
    expect(verified.wallets.find((w) => w.id === 'w2')?.hotkeys.find((h) => h.id === 'hk10')?.status).toBe('ok');
  });

  it('follows symlinked hotkey files and skips folders, FIFOs and dot-files', () => {
    expect(hotkey('w2', 'linked')).toMatchObject({ status: 'ok', ss58: key.ss58 });
    const ids = wallet('w2').hotkeys.map((h) => h.id);
    for (const skipped of ['subdir', 'fifo', '.DS_Store']) expect(ids).not.toContain(skipped);
  });

  it('handles names that are not valid UTF-8', () => {
    expect(hotkey('w2', 'hex:66ff6f')).toMatchObject({ name: 'f\\xFFo', status: 'ok', ss58: key.ss58 });
    expect(wallet('hex:77fe')).toMatchObject({ name: 'w\\xFE', status: 'ok' });
    expect(wallet('hex:77fe').hotkeys[0]?.status).toBe('ok');
  });

  it('flags seed files readable by group/others, and only those', () => {
    expect(hotkey('w2', 'hk2')?.permissions).toEqual({ status: 'too-open', mode: 0o644 });
    expect(hotkey('w2', 'hk10')?.permissions).toEqual({ status: 'private', mode: 0o600 });
    expect(hotkey('w2', 'huge')?.permissions.status).toBe('unknown');
    expect(hotkey('w2', 'broken')?.permissions.status).toBe('unknown');
    expect(hotkey('w2', 'enc-nacl')?.permissions.status).toBe('private');
  });
});

describe('discoverWallets rescans and slices', () => {
  it('gives the same result through the rescan cache, cold and warm, and a warm rescan opens nothing', async () => {
    // A clock 10 s ahead: these files were just written, and the cache skips files that fresh.
    const cache = createDiscoveryCache({ now: () => Date.now() + 10_000 });
    let opens = 0;
    // Counted once opened: looking for a coldkeypub.txt that is not there opens nothing.
    const counting: WalletFs = {
      ...real,
      readCapped: (p, cap) => {
        const read = real.readCapped(p, cap);
        opens++;
        return read;
      },
    };
    expect(await discoverWallets(root, { cache }, { fs: counting })).toEqual(scan);
    expect(opens).toBeGreaterThan(10);
    opens = 0;
    expect(await discoverWallets(root, { cache }, { fs: counting })).toEqual(scan);
    expect(opens).toBe(0);
  });

  it('yields to the event loop between slices of synchronous I/O', async () => {
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    await discoverWallets(root, {}, { sliceMs: 0 });
    running = false;
    expect(ticks).toBeGreaterThan(5);
  });

  it('never runs longer than its slice without a turn of the event loop, even inside one wallet', async () => {
    const big = await tempDir();
    await writeTree(
      big,
      Array.from({ length: 300 }, (_, i): [string, string] => [`many/hotkeys/hk${i}`, '{}']),
    );
    let turns = 0;
    const slow: WalletFs = {
      ...real,
      // Each read takes ~1 ms, so 300 of them overrun a 5 ms slice many times over.
      readCapped: (p, cap) => {
        const until = performance.now() + 1;
        while (performance.now() < until);
        return real.readCapped(p, cap);
      },
    };
    const interval = setInterval(() => turns++, 1);
    const result = await discoverWallets(big, {}, { fs: slow, sliceMs: 5 });
    clearInterval(interval);
    expect(result.wallets[0]?.hotkeys).toHaveLength(300);
    expect(turns).toBeGreaterThan(20);
    await fs.rm(big, { recursive: true });
  });
});

describe('discoverWallets folder states', () => {
  it('reports a missing folder', async () => {
    const result = await discoverWallets(path.join(root, 'does-not-exist'));
    expect(result).toMatchObject({ status: 'missing', wallets: [] });
    expect(result.message).toMatch(/does not exist/);
  });

  it('reports a file given as the folder', async () => {
    expect((await discoverWallets(path.join(root, 'README.md'))).status).toBe('not-a-directory');
  });

  it('reports an empty folder as ok with no wallets', async () => {
    const empty = await tempDir();
    expect(await discoverWallets(empty)).toMatchObject({ status: 'ok', wallets: [] });
    await fs.rm(empty, { recursive: true });
  });

  it('reports permissions as unknown on Windows', async () => {
    const win = await discoverWallets(root, {}, { platform: 'win32' });
    const hk2 = win.wallets.find((w) => w.id === 'w2')?.hotkeys.find((h) => h.id === 'hk2');
    expect(hk2?.permissions).toEqual({ status: 'unknown', mode: null });
  });
});

// Tests run as root, where chmod 000 does not stop reads, so EACCES is injected through the seam.
describe('discoverWallets with permission errors injected', () => {
  const eacces = () => Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
  const endsWith = (p: Buffer, suffix: string) => p.toString('latin1').endsWith(suffix);
  type FailAt = Partial<Record<'list' | 'readCapped' | 'exists' | 'stat', string[]>>;
  /** The real fs, except that a call on a path ending in one of `at[call]` throws `error()`. */
  const failing = (error: () => Error, at: FailAt): WalletFs => {
    const hit = (call: keyof FailAt, p: Buffer | string) =>
      (at[call] ?? []).some((suffix) => endsWith(Buffer.from(p), suffix));
    const check = (call: keyof FailAt, p: Buffer | string) => {
      if (hit(call, p)) throw error();
    };
    return {
      list: (dir) => (check('list', dir), real.list(dir)),
      listText: (dir) => (check('list', dir), real.listText(dir)),
      readCapped: (p, cap) => (check('readCapped', p), real.readCapped(p, cap)),
      exists: (p) => (check('exists', p), real.exists(p)),
      stat: (p) => (check('stat', p), real.stat(p)),
    };
  };

  it('keeps walking when a hotkey file, a hotkeys folder or coldkeypub.txt cannot be read', async () => {
    const denied = failing(eacces, { list: ['/w10/hotkeys'], readCapped: ['/hk2', '/w2/coldkeypub.txt'] });
    const result = await discoverWallets(root, {}, { fs: denied });
    const w2 = result.wallets.find((w) => w.id === 'w2');
    expect(w2?.hotkeys.find((h) => h.id === 'hk2')).toMatchObject({
      status: 'unreadable',
      message: 'Permission denied.',
    });
    expect(w2?.hotkeys.find((h) => h.id === 'hk10')?.status).toBe('ok');
    expect(w2?.coldkey).toMatchObject({ status: 'unreadable', message: 'coldkeypub.txt: Permission denied.' });
    expect(result.wallets.find((w) => w.id === 'w10')?.hotkeysFolder).toBe('unreadable');
  });

  it('marks a wallet folder that cannot be looked into unreadable, and keeps walking', async () => {
    const denied = failing(eacces, { exists: ['/w2/coldkey'] });
    const result = await discoverWallets(root, {}, { fs: denied });
    expect(result.wallets.find((w) => w.id === 'w2')).toMatchObject({
      status: 'unreadable',
      message: 'Permission denied.',
      hotkeys: [],
    });
    expect(result.wallets.find((w) => w.id === 'w10')?.status).toBe('ok');
  });

  it('a wallet folder removed after the wallets folder was listed is unreadable, not an empty wallet', async () => {
    const gone = () => Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
    const vanished: WalletFs = {
      ...failing(gone, { readCapped: ['/w2/coldkeypub.txt'], list: ['/w2/hotkeys'], stat: ['/w2'] }),
      // Nothing there is not an error for exists(): it answers false, as it would for a real gone folder.
      exists: (p) => (endsWith(p, '/w2/coldkey') ? false : real.exists(p)),
    };
    const result = await discoverWallets(root, {}, { fs: vanished });
    expect(result.wallets.find((w) => w.id === 'w2')).toMatchObject({ status: 'unreadable', hotkeys: [] });
  });

  it('reports an unreadable wallets folder', async () => {
    const denied: WalletFs = {
      ...real,
      list: () => {
        throw eacces();
      },
    };
    const result = await discoverWallets(root, {}, { fs: denied });
    expect(result).toMatchObject({ status: 'unreadable', wallets: [] });
    expect(result.message).toContain('Permission denied');
  });
});
