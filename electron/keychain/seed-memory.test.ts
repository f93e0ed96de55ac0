import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getPublicKey, secretFromSeed } from '@scure/sr25519';
import { encodeAddress } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild, type ChildScript } from '../concurrency/two-process.test-helper';
import { scanProcessMemory, type Needle } from '../signer/memory-scan.test-helper';
import { useTestVault } from './fixtures/secret-service';

// A real app process does what a user does: lists the wallets folder (every hotkey file parsed),
// imports a hotkey into the real keychain, signs N requests through the vault and the signer —
// and is then searched, every readable mapping (JS heap, native heap, stacks), for the seed.
const SIGNS = 100;
const CHILD = `
import { createOsSeedVault } from ${JSON.stringify(path.join(__dirname, 'os-seed-vault'))};
import { readHotkeySeed } from ${JSON.stringify(path.join(__dirname, '../wallets/hotkey-seed'))};
import { discoverWallets } from ${JSON.stringify(path.join(__dirname, '../wallets/discover'))};
import { signRequest } from ${JSON.stringify(path.join(__dirname, '../chutes-api/sign-request'))};
import { setLogSink } from ${JSON.stringify(path.join(__dirname, '../log'))};
setLogSink(() => undefined);
const [walletsPath, seedService, sessionService, dataDir, signs] = process.argv.slice(2);
const vault = createOsSeedVault({ seedService, sessionService, dataDir });
void (async () => {
  await startSignal();
  for (let i = 0; i < 3; i++) await discoverWallets(walletsPath);
  const wallet = (await discoverWallets(walletsPath)).wallets[0];
  const hotkey = wallet?.hotkeys[0];
  if (!wallet || !hotkey) throw new Error('the wallet tree was not found');
  const imported = await readHotkeySeed(walletsPath, wallet.id, hotkey.id);
  await vault.putSeed(imported.ss58, imported.seed, hotkey.name);
  imported.seed.fill(0);
  const signatures = new Set<string>();
  for (let i = 0; i < Number(signs); i++) {
    const headers = await signRequest(vault, { kind: 'hotkey', hotkey: imported.ss58, purpose: 'me' }, 'GET', undefined, Date.now() + i * 1000);
    signatures.add(headers['X-Chutes-Signature']);
  }
  for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
  tell({ ss58: imported.ss58, signatures: signatures.size });
})();
`;

const { seedService, sessionService } = useTestVault();
let child: ChildScript;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'seed-memory-'));
  child = await bundleChild(CHILD);
});
afterAll(async () => {
  await child.dispose();
  await rm(dir, { recursive: true, force: true });
});

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe.runIf(process.platform === 'linux')(
  'seed copies left in memory after signing (real process, real keychain)',
  () => {
    it(`lists wallets, imports a hotkey and signs ${SIGNS} times: no text copy of the seed, at most two raw copies`, async () => {
      const seed = new Uint8Array(Buffer.from(randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, ''), 'hex'));
      const secret = secretFromSeed(seed);
      const publicKey = getPublicKey(secret);
      const ss58 = encodeAddress(publicKey, 42);
      const walletsPath = path.join(dir, 'wallets');
      await mkdir(path.join(walletsPath, 'main', 'hotkeys'), { recursive: true });
      const keyFile = path.join(walletsPath, 'main', 'hotkeys', 'default');
      // btwallet's layout: the seed as hex, plus the expanded private key and the address.
      await writeFile(
        keyFile,
        JSON.stringify({
          accountId: `0x${hex(publicKey)}`,
          publicKey: `0x${hex(publicKey)}`,
          privateKey: `0x${hex(secret)}`,
          secretPhrase: null,
          secretSeed: `0x${hex(seed)}`,
          ss58Address: ss58,
        }),
        { mode: 0o600 },
      );
      const proc = child.startOne(
        [walletsPath, seedService, sessionService, path.join(dir, 'data'), String(SIGNS)],
        ['--expose-gc'],
      );
      try {
        proc.go();
        expect(await proc.line).toEqual({ ss58, signatures: SIGNS });
        const needles: Needle[] = [
          { name: 'seed bytes', bytes: Buffer.from(seed) },
          { name: 'seed hex', bytes: Buffer.from(hex(seed), 'latin1') },
          { name: 'seed hex (UTF-16)', bytes: Buffer.from(hex(seed), 'utf16le') },
          { name: 'secret key bytes', bytes: Buffer.from(secret.subarray(0, 32)) },
          { name: 'secret nonce bytes', bytes: Buffer.from(secret.subarray(32)) },
          { name: 'private key hex', bytes: Buffer.from(hex(secret), 'latin1') },
        ];
        const counts = scanProcessMemory(proc.pid, needles);
        const report = `copies found: ${JSON.stringify(counts)}`;
        // The seed: never as text. Raw copies remain only in the keychain binding's native memory
        // (its store and read calls; 0 when the same run skips the keychain, 1–2 with it, 24 with
        // the old wasm signer), freed but not wiped by code no JS can reach.
        expect(counts['seed hex'], report).toBe(0);
        expect(counts['seed hex (UTF-16)'], report).toBe(0);
        expect(counts['private key hex'], report).toBe(0);
        expect(counts['seed bytes'], report).toBeLessThanOrEqual(2);
        // The expanded secret: sr25519 arithmetic runs on BigInts, immutable copies that cannot be
        // wiped; they are garbage whose memory the collector reuses, so they stay bounded (about
        // 160 + 45 here whether the run signs 50 or 200 times; the wasm signer left ~185 + 46).
        expect((counts['secret key bytes'] ?? 0) + (counts['secret nonce bytes'] ?? 0), report).toBeLessThan(300);
      } finally {
        proc.kill();
      }
    }, 60_000);
  },
);
