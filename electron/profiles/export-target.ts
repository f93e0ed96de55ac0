import { AppFailure, failureIs, type FieldIssue } from '../../shared/errors';
import {
  EXISTING_SERVER_FIELD,
  EXISTING_SS58_FIELD,
  EXISTING_USERNAME_FIELD,
  EXPORT_REPLACE_HINT,
  EXPORT_SEED_LOSS_ADVICE,
  EXPORT_SEED_LOSS_HINT,
} from '../../shared/profile-texts';
import type { Profile } from '../../shared/profiles';
import { normaliseBaseUrl } from '../../shared/validation';
import { readTextFileCapped } from '../fs/read-capped';
import type { SeedVault } from '../keychain/seed-vault';
import { bytesEqual } from '../signer/bytes';
import { decodeIniStrict, SS58_PATTERN } from './cli-config';
import { DEFAULT_SECTION, isIniSafeValue, type IniData } from './ini-lines';
import { iniGet } from './ini-values';
import { seedFromHex, ss58FromSeed } from './seed';

/**
 * What is already at an export's target: whose account the file is for (only what is safe to
 * show), and whether replacing it would lose a seed the keychain does not also hold.
 */

export interface ExistingAccount {
  /** Shown to the user only when it is a plain, short value that cannot be a seed. */
  username: string | null;
  /** Only when it has the shape of an SS58 address. */
  ss58: string | null;
  /**
   * The server the CLI uses with this file: its `[api] base_url`, or `inheritedApiUrl` when it has
   * none. Null when that is not a plain http(s) address fit to show, or unknown.
   */
  server: string | null;
  /** Every non-empty `hotkey_seed` in `[auth]` or `[DEFAULT]`: what an export would replace or remove. */
  seeds: string[];
}

function shownUsername(value: string | null): string | null {
  if (value === null) return null;
  const seedLike = /^(?:0x)?[0-9a-f]{64}$/i.test(value);
  return value.length <= 64 && isIniSafeValue(value) && !seedLike ? value : null;
}

function shownServer(value: string): string | null {
  if (value.length > 200 || !isIniSafeValue(value) || !/^https?:\/\/[^\s/]/i.test(value)) return null;
  return normaliseBaseUrl(value);
}

/**
 * What an existing file holds for `[auth]` and `[api]`, read as the CLI's configparser reads it.
 * `inheritedApiUrl`: the server the CLI falls back to without `base_url` (CHUTES_API_URL, else the default).
 */
export function existingAccount(data: IniData, inheritedApiUrl?: string): ExistingAccount {
  const valueIn = (section: string, key: string) => {
    const got = iniGet(data, section, key);
    return got.kind === 'value' ? got.value : null;
  };
  const value = (key: string) => valueIn('auth', key);
  const ss58 = value('hotkey_ss58address');
  const fileUrl = valueIn('api', 'base_url');
  const server = fileUrl !== null && fileUrl !== '' ? fileUrl : (inheritedApiUrl ?? null);
  return {
    username: shownUsername(value('username')),
    ss58: ss58 !== null && SS58_PATTERN.test(ss58) ? ss58 : null,
    server: server === null ? null : shownServer(server),
    seeds: [data.auth?.hotkey_seed, data[DEFAULT_SECTION]?.hotkey_seed].filter(
      (v): v is string => v !== undefined && v !== '',
    ),
  };
}

/** `detail.fields` naming the account in the file, for the UI's "this will replace …" wording. */
function accountFields(account: ExistingAccount | null): FieldIssue[] {
  const fields: FieldIssue[] = [];
  if (account?.ss58) fields.push({ path: EXISTING_SS58_FIELD, message: account.ss58 });
  if (account?.username) fields.push({ path: EXISTING_USERNAME_FIELD, message: account.username });
  if (account?.server) fields.push({ path: EXISTING_SERVER_FIELD, message: account.server });
  return fields;
}

export function alreadyExists(target: string, account: ExistingAccount | null): AppFailure {
  const fields = accountFields(account);
  return new AppFailure(
    'conflict',
    `${target} already exists. Choose another name, or confirm that it should be replaced.`,
    {
      hint: EXPORT_REPLACE_HINT,
      ...(fields.length > 0 ? { fields } : {}),
    },
    'export-target-exists',
  );
}

/** Best effort, for the "already exists" confirmation: null when the file cannot be read or parsed. */
export async function describeFile(target: string, inheritedApiUrl?: string): Promise<ExistingAccount | null> {
  try {
    return existingAccount(decodeIniStrict((await readTextFileCapped(target)).text, target), inheritedApiUrl);
  } catch {
    return null;
  }
}

/**
 * Whose key `raw` is (null: not a seed the app can read), and whether the keychain holds that very
 * seed — compared byte for byte, not just "has an entry for the address".
 */
async function seedCustody(
  vault: SeedVault,
  raw: unknown,
  target: string,
): Promise<{ owner: string | null; inKeychain: boolean }> {
  if (typeof raw !== 'string') return { owner: null, inKeychain: false };
  let seed: Uint8Array;
  try {
    seed = seedFromHex(raw, target);
  } catch {
    return { owner: null, inKeychain: false };
  }
  try {
    const owner = await ss58FromSeed(seed);
    try {
      const inKeychain = await vault.withSeed(owner, (stored) => Promise.resolve(bytesEqual(stored, seed)));
      return { owner, inKeychain };
    } catch (error) {
      if (failureIs(error, 'not-found')) return { owner, inKeychain: false };
      throw error;
    }
  } finally {
    seed.fill(0);
  }
}

/**
 * Replacing a file replaces or removes its `hotkey_seed`. Refuse when that seed is not also in the
 * keychain: the file may be the only copy of the key, and with it the account.
 */
export async function refuseSeedLoss(
  vault: SeedVault,
  profile: Profile,
  target: string,
  account: ExistingAccount,
): Promise<void> {
  for (const raw of account.seeds) {
    const { owner, inKeychain } = await seedCustody(vault, raw, target);
    if (inKeychain) continue;
    const named = [account.username, account.ss58].filter((v) => v !== null).join(', ');
    let situation: string;
    if (owner === null) {
      situation = `${target} has a hotkey_seed the app cannot read as a seed${named ? ` (the file is for ${named})` : ''}, so the app cannot tell whether it is kept anywhere else; replacing the file would destroy it.`;
    } else if (owner === profile.hotkeySs58) {
      situation = `${target} holds the hotkey seed of this account (${owner}), and the system keychain has no copy of it, so replacing the file would lose that seed.`;
    } else {
      const who = account.username === null ? owner : `${account.username} (${owner})`;
      situation = `${target} holds the hotkey seed of another account, ${who}, and the system keychain has no copy of it, so replacing the file would lose that seed.`;
    }
    const fields = accountFields(account);
    throw new AppFailure(
      'conflict',
      `${situation} ${EXPORT_SEED_LOSS_ADVICE}`,
      {
        hint: EXPORT_SEED_LOSS_HINT,
        ...(fields.length > 0 ? { fields } : {}),
      },
      'export-would-lose-seed',
    );
  }
}
