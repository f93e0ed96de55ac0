import { z } from 'zod';

export const BASE_URL_QUERY_MESSAGE =
  'Remove the ? or # and everything after it: an API address has no query or fragment, e.g. https://api.chutes.ai';

/**
 * An absolute http(s) URL without credentials, query or fragment: what an API base URL may be.
 * `?` and `#` are refused wherever they are, even bare: URL.search is '' for a lone `?`, yet the
 * path appended to the address (`…?/ping`) would land in the query and the server would be asked
 * for `/`.
 */
export const apiBaseUrl = z
  .string()
  .trim()
  .min(1, 'Enter the API address, e.g. https://api.chutes.ai')
  .max(2048, 'That address is too long')
  .refine(
    (value) => {
      // new URL() would quietly encode a space; the CLI would send it as typed.
      if (/\s/.test(value)) return false;
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
      } catch {
        return false;
      }
    },
    // Aborting: an address that is wrong anyway gets this general message, not the one below too.
    { message: 'Enter a full http:// or https:// address without a query, e.g. https://api.chutes.ai', abort: true },
  )
  .refine((value) => !/[?#]/.test(value), BASE_URL_QUERY_MESSAGE);

/** Strip trailing slashes so `${base}/ping` never has a double slash. */
export function normaliseBaseUrl(value: string): string {
  return value.trim().replace(/\/+$/, '');
}

const fullPathMessage = (what: 'file' | 'folder') =>
  `Enter the full path of the ${what}, starting with / or ~ (or a drive letter on Windows); relative paths are not accepted`;
export const FULL_PATH_MESSAGE = fullPathMessage('file');
export const FULL_FOLDER_MESSAGE = fullPathMessage('folder');

/** Absolute on POSIX or Windows, or under the home folder (`~`, `~/…`); pure, so the renderer can use it too. */
export function isFullPath(value: string): boolean {
  return /^(?:~(?:$|[\\/])|\/|[A-Za-z]:[\\/]|\\\\)/.test(value);
}

/**
 * A path on the machine running the app (main reads it; the page never sees file contents). Full
 * paths only: a relative one would resolve against whatever folder the app was started in.
 */
const localPathTo = (what: 'file' | 'folder') =>
  z
    .string()
    .trim()
    .min(1, `Enter the full path of the ${what}`)
    .max(4096, 'That path is too long')
    .refine((value) => !value.includes('\0'), 'That path contains a NUL character')
    .refine(isFullPath, fullPathMessage(what));

export const localPath = localPathTo('file');
export const localFolder = localPathTo('folder');

export const profileId = z.string().min(1, 'Choose a profile').max(100);

export const displayName = z.string().trim().min(1, 'Enter a name').max(80, 'Use at most 80 characters');

/** A wallet or hotkey id exactly as discovery reported it; main maps it back to a plain name. */
export const entryId = z.string().min(1, 'Choose a wallet entry').max(1024);

let ss58Checksum: ((address: string) => boolean) | null = null;
let ss58PrefixOf: ((address: string) => number | null) | null = null;

/**
 * Main installs the full SS58 check (base58 + blake2b checksum + Bittensor's prefix) where it
 * validates every payload (electron/ipc-router.ts); the page checks the shape only, since it has
 * no blake2b and no need to ship one. So an address is judged once, at the boundary, with one message.
 * `prefixOf` (the network prefix of a well-formed address, else null) tells a wrong prefix from a typo.
 */
export function installSs58Checksum(
  check: (address: string) => boolean,
  prefixOf?: (address: string) => number | null,
): void {
  ss58Checksum = check;
  ss58PrefixOf = prefixOf ?? null;
}

export const ss58Address = z
  .string()
  .trim()
  .regex(
    /^[1-9A-HJ-NP-Za-km-z]{46,48}$/,
    'Enter an SS58 address (47-48 letters and digits, starting with 5 for Bittensor)',
  )
  .superRefine((value, ctx) => {
    if (ss58Checksum?.(value) ?? true) return;
    const prefix = ss58PrefixOf?.(value) ?? null;
    ctx.addIssue({
      code: 'custom',
      message:
        prefix === null
          ? 'That is not a valid SS58 address (the checksum does not match).'
          : `That address is for another network (wrong network prefix): it uses SS58 prefix ${prefix}, not Bittensor’s 42.`,
    });
  });

/**
 * A fingerprint travels as an HTTP header value: printable Latin-1 (what a header carries, and how
 * the server decodes it), and no space at either end (it would be dropped on the way, so the
 * server would hash something else).
 */
export const SENDABLE_FINGERPRINT = /^[\x21-\x7e\xa1-\xff](?:[\x20-\x7e\xa0-\xff]*[\x21-\x7e\xa1-\xff])?$/;
export const FINGERPRINT_CHARS =
  'A fingerprint is letters, digits and symbols (Latin-1, as an HTTP header carries), with no space at the start or end';
/** New ones have no spaces at all: deleting an account sends the fingerprint, and Chutes reads only its last word. */
export const NEW_FINGERPRINT = /^[\x21-\x7e\xa1-\xff]+$/;
export const NEW_FINGERPRINT_CHARS =
  'Use letters, digits and symbols only: no spaces, and no characters beyond Latin-1 (such as € or emoji)';
