/**
 * Linking a validator or subnet-owner hotkey to a Chutes account for free developer access
 * (`../shared/reference/chutes-account-api.md` §4). Plain data for both sides of IPC: addresses,
 * texts and role names only, never a seed.
 */
import type { AccountRole } from './roles';

export type LinkKind = 'validator' | 'subnet_owner';

export const LINK_KIND_LABEL: Record<LinkKind, string> = { validator: 'Validator', subnet_owner: 'Subnet owner' };
/** The same inside a sentence ("a subnet-owner hotkey"). */
export const LINK_KIND_WORD: Record<LinkKind, string> = { validator: 'validator', subnet_owner: 'subnet-owner' };

/**
 * Where the validator or owner hotkey comes from; main reads its seed for one signature only. A
 * wallet hotkey signs with the keychain's seed when the keychain holds one (as registration does),
 * else with its file's; `keychain` is a seed the keychain holds for no wallet hotkey.
 */
export type LinkHotkeySource =
  | { kind: 'wallet'; walletId: string; hotkeyId: string }
  | { kind: 'keychain'; ss58: string }
  | { kind: 'file'; path: string };

/** Where the seed that signs the link is: the keychain (it stays there), or a file (read once). */
export type LinkSeedFrom = 'keychain' | 'file';

/** The historical route per link type (removed from the public server 2025-07-23). */
export const linkPath = (kind: LinkKind): string =>
  kind === 'validator' ? '/users/link_validator' : '/users/link_subnet_owner';

/** What is signed with the validator or owner key: `<linked ss58>:<chutes username>`. */
export const linkMessage = (ss58: string, username: string): string => `${ss58}:${username}`;

/** Whether the active profile's server still has the link routes, and how that was found out. */
export interface LinkCapability {
  baseUrl: string;
  offered: boolean;
  /** The probe's answer in a few words, e.g. `HTTP 422: the route asked for hotkey and signature`. */
  evidence: string;
  checkedAt: string;
  /** True when this answer came from the per-server cache rather than a probe just now. */
  cached: boolean;
}

/** One line for the screen: what the capability probe is and why it changes nothing. */
export const LINK_PROBE_EXPLAINED =
  'The app sent GET /users/link_validator, signed as your account but with no hotkey or signature. A server with linking rejects it as incomplete (HTTP 422) before doing anything. One without it has no such route: it answers a plain “Not Found” (HTTP 404), or, where GET /users/{user_id} takes any name, that user lookup answers (HTTP 401, or 404 “User not found”). Nothing changes either way.';

export interface LinkPreview {
  kind: LinkKind;
  /** The validator or owner hotkey being linked. */
  linkedHotkey: string;
  /** The account's username, from the active profile. */
  username: string;
  /** Exactly the text the linked hotkey signs. */
  signedMessage: string;
  request: {
    method: 'GET';
    /** Without its last parameter, `&signature=`: that signature is made only when the user submits. */
    url: string;
    /** How the request itself proves the account: signed with the account's own hotkey (not the linked one). */
    auth: { header: 'X-Chutes-Hotkey'; hotkey: string; purpose: 'link_account' };
  };
  /** Name of the wallet hotkey, keychain entry or file, for display. */
  sourceLabel: string;
  seedFrom: LinkSeedFrom;
}

export interface LinkResult {
  kind: LinkKind;
  linkedHotkey: string;
  username: string;
  /** The account's roles after linking (`SelfResponse.permissions_bitmask` decoded). */
  roles: AccountRole[];
  /** The descriptions the server sent (`SelfResponse.permissions`). */
  permissions: string[];
  seedFrom: LinkSeedFrom;
  /** The hotkey's seed is in the keychain now: it signed from there, or the user asked to keep it. */
  keptInKeychain: boolean;
  /** Asked to keep it, the link made, and the keychain then failed: why (the link stands). */
  keepProblem?: string;
}
