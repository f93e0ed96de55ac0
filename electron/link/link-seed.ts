import path from 'node:path';
import { AppFailure, failureIs } from '../../shared/errors';
import { linkMessage, type LinkHotkeySource } from '../../shared/link';
import { afterDone } from '../after-done';
import { resolveUserPath } from '../fs/user-path';
import { expectSeedOf } from '../keychain/seed-check';
import type { SeedVault } from '../keychain/seed-vault';
import { notReviewed, seedOfReviewed, seedSourceOf, type SeedSource } from '../registration/seed-source';
import { decodeSs58, signMessage, SS58_FORMAT } from '../signer';
import { discoverWallets, readHotkeyFile, readHotkeySeed, type DiscoveryCache, type HotkeySeed } from '../wallets';

/**
 * The validator or owner hotkey's seed, in main only, for the one link signature: from the keychain
 * when it holds it (as registration chooses, seed-source.ts), else read from its file, held for the
 * one link request and zeroed. A file's seed goes into the keychain only when the user asked for
 * that and the link succeeded.
 */
export interface LinkSeedDeps {
  /** Read at each use: the folder can be changed while the app runs (wallets-folder.ts). */
  readonly walletsPath: string;
  home: string;
  vault: SeedVault;
  discovery?: DiscoveryCache;
  /** Test seams: where file seeds come from (default: the wallet readers in electron/wallets). */
  readWalletSeed?: (walletsPath: string, walletId: string, hotkeyId: string) => Promise<HotkeySeed>;
  readFileSeed?: (filePath: string) => Promise<HotkeySeed>;
}

export interface LinkKey {
  ss58: string;
  /** `wallet/hotkey`, the keychain's name for it, or the file name: what the screen shows. */
  label: string;
  seedFrom: SeedSource;
}

/**
 * Where a source's seed is, found without reading it (a file's address may need the read). A
 * wallet hotkey the keychain's index lists keeps its file as `fallback` when the file holds the
 * seed: the index can outlive a seed deleted in the keychain's own app.
 */
type Located =
  | { seedFrom: 'keychain'; ss58: string; label: string; fallback?: () => Promise<HotkeySeed> }
  | { seedFrom: 'file'; ss58: string | null; label: string; read: () => Promise<HotkeySeed> };

const PICK_AGAIN = { hint: 'Pick another hotkey, or give the path of its hotkey file.' };

/**
 * A hotkey file's name as btcli's layout gives it, `<wallet>/<hotkey>` from `…/<wallet>/hotkeys/<hotkey>`
 * (every hotkey file is named "default" by default); a file elsewhere goes by its file name.
 */
export function fileLabel(filePath: string): string {
  const hotkeys = path.dirname(filePath);
  const wallet = path.basename(path.dirname(hotkeys));
  return path.basename(hotkeys) === 'hotkeys' && wallet
    ? `${wallet}/${path.basename(filePath)}`
    : path.basename(filePath);
}

async function locate(deps: LinkSeedDeps, source: LinkHotkeySource): Promise<Located> {
  if (source.kind === 'keychain') {
    const listed = (await deps.vault.listSeedLabels()).find((s) => s.ss58 === source.ss58);
    if (!listed && !(await deps.vault.hasSeed(source.ss58)))
      throw new AppFailure('not-found', `The keychain no longer holds a seed for ${source.ss58}.`, PICK_AGAIN);
    return { seedFrom: 'keychain', ss58: source.ss58, label: listed?.label ?? source.ss58 };
  }
  if (source.kind === 'file') {
    const filePath = resolveUserPath(source.path, deps.home);
    const read = () => (deps.readFileSeed ?? readHotkeyFile)(filePath);
    return { seedFrom: 'file', ss58: null, label: fileLabel(filePath), read };
  }
  const scan = await discoverWallets(deps.walletsPath, deps.discovery ? { cache: deps.discovery } : {});
  const wallet = scan.wallets.find((w) => w.id === source.walletId);
  const hotkey = wallet?.hotkeys.find((h) => h.id === source.hotkeyId);
  if (!wallet || !hotkey)
    throw new AppFailure(
      'not-found',
      'That wallet hotkey is no longer there; the wallet folder may have changed.',
      PICK_AGAIN,
    );
  const label = `${wallet.name}/${hotkey.name}`;
  const from = await seedSourceOf(deps.vault, hotkey);
  const read = () => (deps.readWalletSeed ?? readHotkeySeed)(deps.walletsPath, source.walletId, source.hotkeyId);
  if (from === 'keychain' && hotkey.ss58) {
    const fileHasSeed = hotkey.status === 'ok' && hotkey.hasSeed;
    return { seedFrom: 'keychain', ss58: hotkey.ss58, label, ...(fileHasSeed ? { fallback: read } : {}) };
  }
  if (from === null)
    throw new AppFailure(
      'invalid-input',
      `${label} cannot sign: ${hotkey.message ?? 'its file holds no seed, and the keychain has none for it.'}`,
      { hint: 'Pick a hotkey whose seed is in its file or in the keychain, or give a hotkey file path.' },
    );
  return { seedFrom: 'file', ss58: hotkey.ss58, label, read };
}

/**
 * Which hotkey a source names, for the preview. A keychain seed or a wallet hotkey is named without
 * reading a seed; a file is read and verified (its seed must derive its address), and the seed is
 * zeroed at once, so a broken file is reported before the user submits.
 */
export async function identifyLinkKey(deps: LinkSeedDeps, source: LinkHotkeySource): Promise<LinkKey> {
  const at = await locate(deps, source);
  if (at.seedFrom === 'keychain') return bittensorOnly({ ss58: at.ss58, label: at.label, seedFrom: 'keychain' });
  if (at.ss58) return bittensorOnly({ ss58: at.ss58, label: at.label, seedFrom: 'file' });
  const read = await at.read();
  read.seed.fill(0);
  return bittensorOnly({ ss58: read.ss58, label: at.label, seedFrom: 'file' });
}

/**
 * A hotkey file's ss58Address may be written for another network (substrate's prefix 42 is
 * Bittensor's; 0 is Polkadot's). The signed text and the `hotkey=` sent are that address as
 * written, and the server compares it, as a string, with its allow-list of Bittensor addresses
 * (`_link_hotkey`, reference §4): refused here, before a preview the link could not match.
 */
function bittensorOnly(key: LinkKey): LinkKey {
  const prefix = decodeSs58(key.ss58)?.prefix;
  if (prefix === undefined || prefix === SS58_FORMAT) return key;
  throw new AppFailure(
    'invalid-input',
    `${key.label} gives its address as ${key.ss58}, written for another network (SS58 prefix ${prefix}, not Bittensor’s 42), so it cannot be linked as it is.`,
    {
      hint: 'Chutes compares a linked hotkey with its list of Bittensor addresses (starting with 5). Use the hotkey file btcli wrote for this hotkey.',
    },
  );
}

export interface LinkSignature extends LinkKey {
  signature: string;
}

const PREVIEW_AGAIN = 'Preview the link again.';

/**
 * Sign `<ss58>:<username>` with the source's seed and run `send` with the signature. Only when the
 * user asked and `send` succeeded does a file's seed go into the keychain (a refused link keeps
 * nothing, and a lost answer says so); the bytes read are zeroed whatever happens.
 */
export async function withLinkSignature<T>(
  deps: LinkSeedDeps,
  source: LinkHotkeySource,
  username: string,
  keepInKeychain: boolean,
  reviewedHotkey: string,
  send: (signed: LinkSignature) => Promise<T>,
): Promise<{ result: T; keepProblem: string | null }> {
  const at = await locate(deps, source);
  let readFile: () => Promise<HotkeySeed>;
  if (at.seedFrom === 'keychain') {
    if (at.ss58 !== reviewedHotkey)
      throw notReviewed(at.label, at.ss58, reviewedHotkey, PREVIEW_AGAIN, source.kind !== 'keychain');
    const { fallback } = at;
    const signed = await deps.vault
      .withSeed(at.ss58, async (seed) => {
        // Else the server's refusal of a wrong signature would read as "not on the allow-list".
        await expectSeedOf(seed, at.ss58, 'nothing was signed or sent.');
        return signMessage(seed, linkMessage(at.ss58, username));
      })
      .then(
        (signature) => ({ signature }),
        (error: unknown) => {
          // The index listed a seed the keychain no longer has: the wallet file still holds it.
          if (fallback && failureIs(error, 'not-found')) return { fallback };
          throw failureIs(error, 'not-found') ? seedGone(error, at.ss58) : error;
        },
      );
    if ('fallback' in signed) readFile = signed.fallback;
    else {
      const { signature } = signed;
      return {
        result: await send({ ss58: at.ss58, label: at.label, seedFrom: 'keychain', signature }),
        keepProblem: null,
      };
    }
  } else readFile = at.read;
  const read = seedOfReviewed(await readFile(), reviewedHotkey, at.label, PREVIEW_AGAIN);
  try {
    const signature = await signMessage(read.seed, linkMessage(read.ss58, username));
    const result = await send({ ss58: read.ss58, label: at.label, seedFrom: 'file', signature }).catch(
      (error: unknown) => {
        throw keepInKeychain ? notKeptNote(error) : error;
      },
    );
    // Linked on the server: a keychain that then fails is said beside the result, not as the link failing.
    const keepProblem = keepInKeychain
      ? await afterDone('keep the linked hotkey in the keychain', keepSeed(deps.vault, read, at.label))
      : null;
    return { result, keepProblem };
  } finally {
    read.seed.fill(0);
  }
}

/** Into the keychain under `label`, unless it already lists the hotkey by a name (the user's, or its import's). */
async function keepSeed(vault: SeedVault, read: HotkeySeed, label: string): Promise<void> {
  const named = (await vault.listSeedLabels()).some((s) => s.ss58 === read.ss58 && s.label);
  await vault.putSeed(read.ss58, read.seed, named ? undefined : label);
}

/**
 * The keychain's index listed a seed its entry no longer has (removed in the keychain's own app): the
 * vault's hint speaks of importing, which for a validator hotkey means its file (never config.ini).
 */
function seedGone(error: unknown, ss58: string): unknown {
  if (!(error instanceof AppFailure)) return error;
  const { code, detail, reason } = error.appError;
  return new AppFailure(
    code,
    `The keychain no longer holds the seed for ${ss58} (it was removed outside the app), so nothing was signed or sent.`,
    { ...detail, hint: 'Pick another hotkey, or give the path of this hotkey’s file (its seed is read from there).' },
    reason,
  );
}

/** A seed is kept once a link is known to be made: after a lost answer it was not, which is said. */
function notKeptNote(error: unknown): unknown {
  if (!(error instanceof AppFailure) || !failureIs(error, 'answer-lost')) return error;
  const { code, message, detail, reason } = error.appError;
  const note =
    'The hotkey’s seed was not kept in the keychain (it is kept once a link is known to be made): link again with the box ticked to keep it.';
  return new AppFailure(code, message, { ...detail, hint: detail?.hint ? `${detail.hint} ${note}` : note }, reason);
}
