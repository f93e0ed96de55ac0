import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { KEYCHAIN_TEXT, keychainFailure, keychainTimeoutMessage } from './keychain-errors';

// Raw texts as @napi-rs/keyring 2.1.2 produced them on this machine (see `../shared/reference/toolchain-notes.md` §3).
const RAW: Array<[string, keyof typeof KEYCHAIN_TEXT]> = [
  [
    'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
    'noSessionBus',
  ],
  [
    'zbus error: Failed to connect to address `unix:path=/run/user/0/bus`: No such file or directory (os error 2)',
    'noSessionBus',
  ],
  [
    'Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files',
    'noService',
  ],
  ["Couldn't access platform storage: Secret Service: no result found", 'noCollection'],
  // Seen in the two-process seed index test (CI, 2026-12-07): an item replaced by the other process.
  [
    'Platform failure: DBus error: Object does not exist at path “/org/freedesktop/secrets/collection/login/39”',
    'itemGone',
  ],
  [
    'Platform failure: DBus error: No such interface “org.freedesktop.Secret.Item” on object at path /org/freedesktop/secrets/collection/login/44',
    'itemGone',
  ],
  // The collection itself missing is still "no keyring".
  [
    'Platform failure: DBus error: Object does not exist at path “/org/freedesktop/secrets/collection/login”',
    'noCollection',
  ],
  ["Couldn't access platform storage: Secret Service: unlock prompt was dismissed", 'locked'],
  ['zbus error: org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object', 'locked'],
  ["Couldn't access platform storage: AccessDenied", 'denied'],
];

describe('keychainFailure', () => {
  it.each(RAW)('maps %s', (raw, key) => {
    const failure = keychainFailure(new Error(raw));
    const text = KEYCHAIN_TEXT[key];
    if (typeof text === 'string') throw new Error('not a message entry');
    expect(failure.appError).toEqual({
      code: 'keychain-unavailable',
      reason: 'keychain-unavailable',
      message: text.message,
      detail: { hint: text.hint },
    });
  });

  it('keeps an unknown library message, clipped, behind the generic sentence', () => {
    const failure = keychainFailure(new Error(`Ambiguous: ${'x'.repeat(400)}`));
    expect(failure.message.startsWith(`${KEYCHAIN_TEXT.generic.message} (Ambiguous: xxx`)).toBe(true);
    expect(failure.message.length).toBeLessThan(260);
  });

  it('passes typed failures through unchanged', () => {
    const original = new AppFailure('not-found', 'gone');
    expect(keychainFailure(original)).toBe(original);
  });

  it('words the timeout in seconds', () => {
    expect(keychainTimeoutMessage(15_000)).toBe(
      'The keychain did not answer within 15 s — a hidden unlock prompt may be waiting.',
    );
    expect(keychainTimeoutMessage(500)).toContain('within 0.5 s');
  });
});
