import fs from 'node:fs/promises';
import path from 'node:path';
import { makeKey, type TestKey } from '../../electron/wallets/test-fixtures';
import { registerInSandbox, startSandbox, type SandboxHandle } from '../../e2e/fixtures/sandbox';
import type { AccountLookup } from '../../shared/account';
import type { ImportCliConfigSummary } from '../../shared/profiles';
import { defineCase, type RunnableCase } from './harness';
import { rpc, startBenchHost, type RunningWebHost } from './web-host-client';

/** Signed calls are short: enough rounds that the medians settle on a shared machine. */
export const SIGNED_RUNS = 60;

type Pair = { publicKey: Uint8Array; secretKey: Uint8Array };
type Sign = (message: string, pair: Pair) => Uint8Array;

export interface SignedState {
  sandbox: SandboxHandle;
  host: RunningWebHost;
  key: TestKey;
  /** The imported profile (active): what bulk actions are reviewed for. */
  profileId: string;
  /** Derived once, kept in memory: the raw baseline pays no keychain read and no derivation. */
  pair: Pair;
  sign: Sign;
}

/** What the raw baseline needs: the sandbox and a keypair in memory. */
export type RawSigner = Pick<SignedState, 'sandbox' | 'key' | 'pair' | 'sign'>;

export const RAW_BASELINE = 'raw fetch, signing headers built inline (keypair in memory)';

/**
 * A registered account on a fresh in-process sandbox, and a fresh web host whose keychain holds
 * its seed (imported from a CLI config.ini, as a user would).
 */
export async function signedSetup(): Promise<SignedState> {
  const sandbox = await startSandbox({ port: 0 });
  const key = await makeKey();
  const account = await registerInSandbox(sandbox.url, key.seed, 'bench');
  const host = await startBenchHost({ env: { CHUTES_API_URL: sandbox.url } });
  const config = path.join(host.dirs.home, 'bench.ini');
  const seedHex = Buffer.from(key.seed).toString('hex');
  const lines = [
    '[api]',
    `base_url = ${sandbox.url}`,
    '',
    '[auth]',
    'username = bench',
    `user_id = ${account.userId}`,
    `hotkey_seed = ${seedHex}`,
  ];
  await fs.writeFile(config, [...lines, 'hotkey_name = default', `hotkey_ss58address = ${key.ss58}`, ''].join('\n'), {
    mode: 0o600,
  });
  const { profile } = await rpc<ImportCliConfigSummary>(host, 'importCliConfig', { path: config, stripSeed: false });
  const crypto = await import('@polkadot/util-crypto');
  await crypto.cryptoWaitReady();
  return {
    sandbox,
    host,
    key,
    profileId: profile.id,
    pair: crypto.sr25519PairFromSeed(key.seed),
    sign: crypto.sr25519Sign,
  };
}

export async function signedTeardown(state: SignedState): Promise<void> {
  await state.host.stop();
  await state.sandbox.close();
}

/** The CLI's v1 headers, built inline: `hotkey:nonce:purpose` signed with sr25519, hex. */
export function rawHeaders(state: RawSigner, purpose: string): Record<string, string> {
  const nonce = String(Math.floor(Date.now() / 1000));
  const signature = Buffer.from(state.sign(`${state.key.ss58}:${nonce}:${purpose}`, state.pair)).toString('hex');
  return { 'X-Chutes-Hotkey': state.key.ss58, 'X-Chutes-Nonce': nonce, 'X-Chutes-Signature': signature };
}

/** One raw signed request; throws on a non-2xx so a broken baseline never looks fast. */
export async function rawSigned(state: RawSigner, pathAndQuery: string, purpose: string): Promise<unknown> {
  const res = await fetch(`${state.sandbox.url}${pathAndQuery}`, { headers: rawHeaders(state, purpose) });
  const body: unknown = await res.json();
  if (!res.ok) throw new Error(`raw GET ${pathAndQuery} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

/**
 * One signed action as the Profiles & hotkeys screen runs it: renderer call → web host router → keychain
 * read → sign → transport → activity log → answer, against the same request sent directly.
 */
export const signedActionCases: RunnableCase[] = [
  defineCase<SignedState>({
    name: 'signed action: look up an account',
    baselineName: `same signed GET /users/me by ${RAW_BASELINE}`,
    setup: signedSetup,
    subjects: [
      {
        name: 'lookupAccount through the web host (keychain read + sign + router + activity log)',
        goal: { ratio: 1.3, plusMs: 16 },
        run: (state) => rpc<AccountLookup>(state.host, 'lookupAccount', { hotkey: state.key.ss58 }),
      },
    ],
    baseline: (state) => rawSigned(state, '/users/me', 'me'),
    teardown: signedTeardown,
    check: (lookup, raw) => {
      const username = (raw as { username?: string }).username;
      return (lookup as AccountLookup).username === username
        ? null
        : 'the lookup and the raw request saw different accounts';
    },
  }),
];
