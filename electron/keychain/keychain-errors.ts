import { AppFailure } from '../../shared/errors';

/**
 * User-facing texts for every way the OS keychain was seen to fail (Secret Service via
 * @napi-rs/keyring; measured raw messages in the comments). Exported so the UI and tests can
 * match them exactly. None of them ever contains key material.
 */
export const KEYCHAIN_TEXT = {
  // "DBus error: Using X11 for dbus-daemon autolaunch was disabled…" (entry constructor) or
  // "zbus error: Failed to connect to address `unix:path=/run/user/0/bus`…" (search).
  noSessionBus: {
    message:
      'There is no desktop session bus (D-Bus), so the keychain cannot be reached. Start Chutes Desktop from your desktop session, then try again.',
    hint: 'DBUS_SESSION_BUS_ADDRESS is not set or points nowhere. Headless: run the app under `dbus-run-session` with gnome-keyring started.',
  },
  // "The name org.freedesktop.secrets was not provided by any .service files".
  noService: {
    message:
      "No keychain service is running (Secret Service over D-Bus). Install and start gnome-keyring or KeePassXC's Secret Service, then try again.",
    hint: 'Debian/Ubuntu: `sudo apt install gnome-keyring`, then log out and in again. KeePassXC: enable Settings → Secret Service Integration.',
  },
  // "No such interface “org.freedesktop.Secret.Item” on object at path …/collection/login/44" or
  // "Object does not exist at path “…/collection/login/39”" (ITEM_GONE below), still there
  // after keychain-call.ts's retries: the other app process kept changing the same entry, or
  // gnome-keyring itself keeps listing an item it has lost (reported elsewhere; a restart mends it).
  itemGone: {
    message:
      'A keychain entry changed while Chutes Desktop was using it (another Chutes Desktop window or web host changed it at the same moment). Try again.',
    hint: 'If it keeps happening, close the other Chutes Desktop windows and web hosts; if it still does, the keychain service may have lost track of the entry: log out and back in, which restarts it.',
  },
  // "Secret Service: no result found" when writing: the service answers but has no default
  // collection (a keyring that was never created or unlocked).
  noCollection: {
    message:
      'The keychain has no default keyring to store secrets in. Create or unlock your login keyring (e.g. in Passwords and Keys / Seahorse), then try again.',
    hint: 'Headless: `printf %s <password> | gnome-keyring-daemon --unlock --components=secrets` creates and unlocks the login keyring.',
  },
  // "Secret Service: unlock prompt was dismissed", "org.freedesktop.Secret.Error.IsLocked".
  locked: {
    message:
      'The keychain is locked. Unlock it (e.g. log in to your desktop session or run `gnome-keyring-daemon --unlock`) and try again.',
    hint: 'If an unlock dialog was shown and closed, open it again by retrying; without a display no dialog can appear.',
  },
  // "Couldn't access platform storage: AccessDenied", "org.freedesktop.DBus.Error.AccessDenied".
  denied: {
    message:
      'The keychain refused access to Chutes Desktop. Allow access in your keychain application, then try again.',
    hint: 'Check the keychain application for a denied-access rule for Chutes Desktop.',
  },
  generic: {
    message: 'The keychain could not be used.',
    hint: 'Make sure a Secret Service keychain (gnome-keyring, KWallet, KeePassXC) is running and unlocked.',
  },
  // Not a failure: the lists answer without the keychain while it has not answered (keychain-listing.ts).
  waiting: {
    message: 'The keychain has not answered yet — it may be showing an unlock prompt.',
    hint: 'Look for an unlock dialog (it may be behind other windows) and unlock the keychain. This page checks again by itself.',
  },
  timeoutHint:
    'Look for an unlock dialog (it may be behind other windows), unlock the keychain, then try again. Tests: set CHUTES_KEYCHAIN_TIMEOUT_MS.',
} as const;

/** Whole seconds for the sentence; sub-second test timeouts still read sensibly. */
export function keychainTimeoutMessage(timeoutMs: number): string {
  const seconds = timeoutMs >= 1000 ? String(Math.round(timeoutMs / 1000)) : (timeoutMs / 1000).toFixed(1);
  return `The keychain did not answer within ${seconds} s — a hidden unlock prompt may be waiting.`;
}

export function keychainTimeout(timeoutMs: number): AppFailure {
  return new AppFailure(
    'keychain-unavailable',
    keychainTimeoutMessage(timeoutMs),
    { hint: KEYCHAIN_TEXT.timeoutHint },
    'keychain-not-answering',
  );
}

/** A call refused while an earlier one still waits past its deadline (keychain-call.ts). */
export function keychainStillWaiting(): AppFailure {
  return new AppFailure(
    'keychain-unavailable',
    'The keychain has not answered an earlier request yet — a hidden unlock prompt may be waiting.',
    { hint: KEYCHAIN_TEXT.timeoutHint },
    'keychain-not-answering',
  );
}

/**
 * An item removed or replaced between the library's lookup and its use of it: the other app process
 * changed the same entry a moment before (seen in the two-process seed index test, with either
 * text depending on the moment). An item's path is its collection's plus one more segment.
 */
export const ITEM_GONE =
  /No such interface .org\.freedesktop\.Secret\.Item.|Object does not exist at path \S*\/collection\/[^/\s]+\/[^/\s]+/i;

type Known = Exclude<keyof typeof KEYCHAIN_TEXT, 'timeoutHint' | 'generic' | 'waiting'>;

const PATTERNS: Array<[RegExp, Known]> = [
  [
    /DBUS_SESSION_BUS_ADDRESS|autolaunch|Failed to connect to address|No such file or directory|Connection refused/i,
    'noSessionBus',
  ],
  [/org\.freedesktop\.secrets was not provided|ServiceUnknown|not provided by any \.service files/i, 'noService'],
  [/prompt was dismissed|IsLocked|is locked|locked collection|locked object/i, 'locked'],
  [ITEM_GONE, 'itemGone'],
  [/no result found|NoSuchObject|Object does not exist/i, 'noCollection'],
  [/AccessDenied|access denied|NotAuthorized/i, 'denied'],
];

function rawMessage(error: unknown): string {
  // The library nests the D-Bus error in `cause`; the outer message already repeats it.
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}

/** Turn a raw @napi-rs/keyring failure into the typed error the UI shows. */
export function keychainFailure(error: unknown): AppFailure {
  if (error instanceof AppFailure) return error;
  const raw = rawMessage(error);
  const match = PATTERNS.find(([pattern]) => pattern.test(raw));
  if (match) {
    const text = KEYCHAIN_TEXT[match[1]];
    return new AppFailure('keychain-unavailable', text.message, { hint: text.hint });
  }
  // Library messages carry no secrets, and the raw text is the best clue for an unseen failure.
  const clipped = raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
  return new AppFailure('keychain-unavailable', `${KEYCHAIN_TEXT.generic.message} (${clipped})`, {
    hint: KEYCHAIN_TEXT.generic.hint,
  });
}
