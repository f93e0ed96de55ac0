import { afterDone } from '../after-done';
import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import { linkMessage, type LinkHotkeySource } from '../../shared/link';
import { resolveUserPath } from '../fs/user-path';
import type { SeedVault } from '../keychain/seed-vault';
import { signMessage } from '../signer';
import { discoverWallets, readHotkeyFile, readHotkeySeed, type DiscoveryCache, type HotkeySeed } from '../wallets';

/**
 * The validator or owner hotkey's seed, in main only, for the one link signature: read from its
 * wallet file, held for the one link request, zeroed. It goes into the keychain only when the user
 * asked for that and the link succeeded.
 */
export interface LinkSeedDeps {
  /** Read at each use: the folder can be changed while the app runs (wallets-folder.ts). */
  readonly walletsPath: string;
  home: string;
  vault: SeedVault;
  discovery?: DiscoveryCache;
  /** Test seams: where seeds come from (default: the wallet readers in electron/wallets). */
  readWalletSeed?: (walletsPath: string, walletId: string, hotkeyId: string) => Promise<HotkeySeed>;
  readFileSeed?: (filePath: string) => Promise<HotkeySeed>;
}

export interface LinkKey {
  ss58: string;
  /** `wallet/hotkey`, or the file name: what the screen shows and the keychain lists it under. */
  label: string;
}

async function walletLabel(
  deps: LinkSeedDeps,
  walletId: string,
  hotkeyId: string,
): Promise<{ label: string; ss58: string | null; usable: true | string }> {
  const scan = await discoverWallets(deps.walletsPath, deps.discovery ? { cache: deps.discovery } : {});
  const wallet = scan.wallets.find((w) => w.id === walletId);
  const hotkey = wallet?.hotkeys.find((h) => h.id === hotkeyId);
  if (!wallet || !hotkey)
    throw new AppFailure('not-found', 'That wallet hotkey is no longer there; the wallet folder may have changed.', {
      hint: 'Pick the hotkey again.',
    });
  const usable = hotkey.status === 'ok' && hotkey.hasSeed ? true : (hotkey.message ?? 'its file holds no seed.');
  return { label: `${wallet.name}/${hotkey.name}`, ss58: hotkey.ss58, usable };
}

async function readSeed(deps: LinkSeedDeps, source: LinkHotkeySource): Promise<{ read: HotkeySeed; label: string }> {
  if (source.kind === 'wallet') {
    const { label } = await walletLabel(deps, source.walletId, source.hotkeyId);
    const read = await (deps.readWalletSeed ?? readHotkeySeed)(deps.walletsPath, source.walletId, source.hotkeyId);
    return { read, label };
  }
  const filePath = resolveUserPath(source.path, deps.home);
  const read = await (deps.readFileSeed ?? readHotkeyFile)(filePath);
  return { read, label: path.basename(filePath) };
}

/**
 * Which hotkey a source names, for the preview. A wallet hotkey's address comes from discovery
 * (no seed read); a file is read and verified (its seed must derive its address), and the seed is
 * zeroed at once, so a broken file is reported before the user submits.
 */
export async function identifyLinkKey(deps: LinkSeedDeps, source: LinkHotkeySource): Promise<LinkKey> {
  if (source.kind === 'wallet') {
    const { label, ss58, usable } = await walletLabel(deps, source.walletId, source.hotkeyId);
    if (usable !== true)
      throw new AppFailure('invalid-input', `${label} cannot sign: ${usable}`, {
        hint: 'Pick a hotkey whose file holds its seed, or give a hotkey file path.',
      });
    if (ss58) return { ss58, label };
  }
  const { read, label } = await readSeed(deps, source);
  read.seed.fill(0);
  return { ss58: read.ss58, label };
}

export interface LinkSignature extends LinkKey {
  signature: string;
}

/**
 * Sign `<ss58>:<username>` with the source's seed and run `send` with the signature. Only when the
 * user asked and `send` succeeded does the seed go into the keychain (a refused link keeps
 * nothing); the bytes read are zeroed whatever happens.
 */
export async function withLinkSignature<T>(
  deps: LinkSeedDeps,
  source: LinkHotkeySource,
  username: string,
  keepInKeychain: boolean,
  reviewedHotkey: string,
  send: (signed: LinkSignature) => Promise<T>,
): Promise<{ result: T; keepProblem: string | null }> {
  const { read, label } = await readSeed(deps, source);
  try {
    if (reviewedHotkey !== read.ss58)
      throw new AppFailure(
        'conflict',
        `${label} is now the hotkey ${read.ss58}, not the ${reviewedHotkey} you reviewed (its wallet folder or file changed), so nothing was signed or sent.`,
        { hint: 'Preview the link again.' },
      );
    const signature = await signMessage(read.seed, linkMessage(read.ss58, username));
    const result = await send({ ss58: read.ss58, label, signature });
    // Linked on the server: a keychain that then fails is said beside the result, not as the link failing.
    const keepProblem = keepInKeychain
      ? await afterDone('keep the linked hotkey in the keychain', deps.vault.putSeed(read.ss58, read.seed, label))
      : null;
    return { result, keepProblem };
  } finally {
    read.seed.fill(0);
  }
}
