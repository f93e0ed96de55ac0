/**
 * Registration (`../shared/reference/chutes-account-api.md` §2): rules and shapes shared by the
 * wizard (renderer) and main. Pure TypeScript, no Node imports.
 */
import type { AccountLookup } from './account';
import type { Profile } from './profiles';

export const PRODUCTION_API_URL = 'https://api.chutes.ai';
/** Production registers through rtok (§2.4), so the server sees the IP the token was issued to. */
export const PRODUCTION_REGISTER_URL = 'https://rtok.chutes.ai';
/** §2.3: the human (captcha) step happens here, in a browser. */
export const PRODUCTION_TOKEN_PAGE = 'https://rtok.chutes.ai/users/registration_token';
/** §2.4 check 6: free balance the coldkey needs on chain. */
export const MIN_COLDKEY_TAO = 0.25;
/** §2.3: a token expires 300 s after it was issued. */
export const TOKEN_LIFETIME_SECONDS = 300;

/** The server's rule (§2.2): letters, digits, underscore and dash, 3–15 characters. */
export const USERNAME_RE = /^[a-zA-Z0-9_-]{3,15}$/;
/** A registration token is a UUID (§2.3). */
export const TOKEN_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why a typed username breaks the server's rule, or null when it follows it. */
export function usernameProblem(name: string): string | null {
  if (name.length === 0) return 'Enter a username.';
  if (name.length < 3) return 'Use at least 3 characters.';
  if (name.length > 15) return `Use at most 15 characters (this one has ${name.length}).`;
  const bad = [...new Set(name.replace(/[a-zA-Z0-9_-]/g, ''))];
  if (bad.length > 0) {
    const shown = bad.map((c) => (c === ' ' ? 'space' : `“${c}”`)).join(', ');
    return `Only letters, digits, underscore (_) and dash (-) are allowed; remove ${shown}.`;
  }
  return null;
}

/**
 * The server finds a taken name with SQL ILIKE: ignoring case, and `_` there matches any one
 * character, so “dash_ok” is taken while “dash-ok” exists. Said only for a name with `_`; else null.
 */
export function underscoreNote(username: string): string | null {
  if (!username.includes('_')) return null;
  return `an underscore matches any one character there, so a similar name such as “${username.replace(/_/g, '-')}” may be the one taken`;
}

function isProduction(baseUrl: string): boolean {
  return baseUrl.replace(/\/+$/, '') === PRODUCTION_API_URL;
}

/** Where the user gets a token: rtok's captcha page in production, the server's own page elsewhere. */
export function tokenPageUrl(baseUrl: string): string {
  return isProduction(baseUrl) ? PRODUCTION_TOKEN_PAGE : `${baseUrl.replace(/\/+$/, '')}/users/registration_token`;
}

/** Where `POST /users/register` goes: rtok in production (as the CLI does), the server itself elsewhere. */
export function registerBaseUrl(baseUrl: string): string {
  return isProduction(baseUrl) ? PRODUCTION_REGISTER_URL : baseUrl.replace(/\/+$/, '');
}

/** `GET /users/name_check` (§2.2), after the local rule. */
export interface UsernameCheck {
  username: string;
  valid: boolean;
  available: boolean;
  /** Why it cannot be used, ready to show; null when it can. */
  problem: string | null;
}

/** Exactly what `register` will send and sign (§1.2, §2.4). */
export interface RegistrationPreview {
  method: 'POST';
  /** Full URL, token included. */
  url: string;
  /** The JSON body, byte for byte. */
  body: string;
  bodySha256: string;
  hotkey: string;
  hotkeyName: string;
  coldkey: string;
  /** `<hotkey>:<nonce>:<sha256(body)>` with the nonce of the moment the preview was made. */
  signingMessage: string;
  /** The nonce in `signingMessage`; the real one is stamped when the request goes out. */
  exampleNonce: string;
  /** Where the signing seed comes from; `file` = it is copied into the OS keychain first. */
  seedSource: 'keychain' | 'file';
}

/** The 200 answer of `POST /users/register`, as the wizard shows it. */
export interface RegistrationResult {
  baseUrl: string;
  username: string;
  userId: string;
  hotkey: string;
  coldkey: string;
  paymentAddress: string;
  createdAt: string;
  /** The account's login secret: shown once, never retrievable from the server. */
  fingerprint: string;
  /** The profile saved (and made active) for the new account; null if saving it failed. */
  profile: Profile | null;
  /** Why the profile could not be saved (the account exists regardless); null when it was. */
  profileProblem: string | null;
}

/** After an answer was lost: whether the account exists now (signed `GET /users/me`). */
export type RecheckResult =
  { created: true; account: AccountLookup; profile: Profile } | { created: false; checkedAt: string };

/** What main holds for Done steps not finished yet, and how many registrations it still awaits answers to. */
export interface PendingRegistrations {
  results: RegistrationResult[];
  /** Sent (or being sent) and not answered yet: their results land in `results` when they are. */
  inFlight: number;
}

export interface FinishResult {
  fingerprintStored: boolean;
}
