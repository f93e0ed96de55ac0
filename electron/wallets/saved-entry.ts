import type {
  ColdkeyInfo,
  ColdkeyStatus,
  EntryRef,
  FilePermissions,
  HotkeyEntry,
  HotkeyStatus,
  PermissionStatus,
  WalletEntry,
} from '../../shared/wallets';

/**
 * A wallet entry read back from a saved scan (saved-scan.ts), rebuilt field by field from what
 * checks out, or null. The file is the app's own, but anything can write the data folder (a
 * damaged disk, another program, an older build): an entry of another shape must not fail every
 * wallet listing, nor reach the screen. Hand-written rather than a schema: it runs for every
 * hotkey of a fresh app's first scan, 20,000 of them in the bench's folder.
 */

const HOTKEY_STATUS: Record<HotkeyStatus, true> = {
  ok: true,
  'public-only': true,
  encrypted: true,
  unreadable: true,
  malformed: true,
  'too-large': true,
  'seed-mismatch': true,
};
const COLDKEY_STATUS: Record<ColdkeyStatus, true> = {
  ok: true,
  missing: true,
  encrypted: true,
  unreadable: true,
  malformed: true,
  'too-large': true,
};
const PERMISSION_STATUS: Record<PermissionStatus, true> = {
  private: true,
  'too-open': true,
  'not-secret': true,
  unknown: true,
};

type Fields = Record<string, unknown>;

const isFields = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isOneOf = <K extends string>(set: Record<K, true>, v: unknown): v is K =>
  typeof v === 'string' && Object.hasOwn(set, v);
const isAddress = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isMessage = (v: unknown): v is string | undefined => v === undefined || typeof v === 'string';

function permissionsOf(v: unknown): FilePermissions | null {
  if (!isFields(v) || !isOneOf(PERMISSION_STATUS, v.status)) return null;
  const mode = v.mode;
  if (mode !== null && !(typeof mode === 'number' && Number.isInteger(mode) && mode >= 0 && mode <= 0o777)) return null;
  return { status: v.status, mode };
}

function hotkeyOf(v: unknown): HotkeyEntry | null {
  if (!isFields(v)) return null;
  const { id, name, fileName, status, message, ss58, hasSeed } = v;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof fileName !== 'string') return null;
  if (!isOneOf(HOTKEY_STATUS, status) || !isMessage(message) || !isAddress(ss58) || typeof hasSeed !== 'boolean')
    return null;
  const permissions = permissionsOf(v.permissions);
  if (!permissions) return null;
  const entry: HotkeyEntry = { id, name, fileName, ss58, hasSeed, permissions, status };
  if (message !== undefined) entry.message = message;
  return entry;
}

function coldkeyOf(v: unknown): ColdkeyInfo | null {
  if (!isFields(v)) return null;
  const { status, message, ss58, hasPrivateColdkey } = v;
  if (!isOneOf(COLDKEY_STATUS, status) || !isMessage(message) || !isAddress(ss58)) return null;
  if (typeof hasPrivateColdkey !== 'boolean') return null;
  const coldkey: ColdkeyInfo = { status, ss58, hasPrivateColdkey };
  if (message !== undefined) coldkey.message = message;
  return coldkey;
}

/**
 * `named` is the wallet folder's own id and name, which the entry must carry; `files` is how many
 * hotkey files the memo rests on, one entry each (a memo is kept only for a wallet whose hotkeys
 * all read, from a hotkeys folder that listed).
 */
export function savedEntryOf(v: unknown, named: EntryRef, files: number): WalletEntry | null {
  if (!isFields(v) || v.id !== named.id || v.name !== named.name) return null;
  if (v.status !== 'ok' || v.hotkeysFolder !== 'ok' || v.message !== undefined) return null;
  const coldkey = coldkeyOf(v.coldkey);
  if (!coldkey || !Array.isArray(v.hotkeys) || v.hotkeys.length !== files) return null;
  const hotkeys: HotkeyEntry[] = [];
  for (const h of v.hotkeys as unknown[]) {
    const hotkey = hotkeyOf(h);
    if (!hotkey) return null;
    hotkeys.push(hotkey);
  }
  return { id: named.id, name: named.name, status: 'ok', coldkey, hotkeysFolder: 'ok', hotkeys };
}
