import { describe, expect, it } from 'vitest';
import type { HotkeyEntry, WalletEntry } from '../../../../shared/wallets';
import { choiceOutdated, hotkeyUsability, usableFirst } from './hotkey-usability';
import { AppFailure } from '../../../../shared/errors';
import {
  currentWizard,
  failureWord,
  furthestStep,
  INITIAL_WIZARD,
  resetWizard,
  stepOfFailure,
  updateWizard,
  type WizardState,
} from './wizard-store';

const hotkey = (over: Partial<HotkeyEntry> = {}): HotkeyEntry => ({
  id: 'hk',
  name: 'hk',
  fileName: 'hk',
  status: 'ok',
  ss58: '5HOTKEY',
  hasSeed: true,
  permissions: { status: 'private', mode: 0o600 },
  ...over,
});
const wallet = (over: Partial<WalletEntry> = {}): WalletEntry => ({
  id: 'w',
  name: 'w',
  status: 'ok',
  coldkey: { status: 'ok', ss58: '5COLD', hasPrivateColdkey: false },
  hotkeysFolder: 'ok',
  hotkeys: [],
  ...over,
});

describe('hotkeyUsability', () => {
  it('takes a seed from the keychain first, else from the file', () => {
    expect(hotkeyUsability(wallet(), hotkey(), new Set(['5HOTKEY']))).toEqual({ usable: true, seedSource: 'keychain' });
    expect(hotkeyUsability(wallet(), hotkey(), new Set())).toEqual({ usable: true, seedSource: 'file' });
    // A public-only file is usable when the keychain holds its seed.
    expect(
      hotkeyUsability(wallet(), hotkey({ status: 'public-only', hasSeed: false }), new Set(['5HOTKEY'])),
    ).toMatchObject({ usable: true });
  });

  it('says why a hotkey cannot register', () => {
    const why = (w: WalletEntry, h: HotkeyEntry) => {
      const u = hotkeyUsability(w, h, null);
      return u.usable ? null : u.why;
    };
    const publicOnly = 'Public key only: this file holds no seed, so it cannot sign.';
    expect(why(wallet(), hotkey({ status: 'public-only', hasSeed: false, message: publicOnly }))).toBe(publicOnly);
    expect(why(wallet(), hotkey({ status: 'encrypted', hasSeed: false }))).toBe('This file has no usable seed.');
    expect(why(wallet({ coldkey: { status: 'missing', ss58: null, hasPrivateColdkey: false } }), hotkey())).toContain(
      'coldkeypub.txt',
    );
    expect(
      why(wallet(), hotkey({ status: 'malformed', ss58: null, hasSeed: false, message: 'Not a JSON key file.' })),
    ).toBe('Not a JSON key file.');
  });
});

describe('usableFirst', () => {
  it('lists the hotkeys that can register first, each group in its own order', () => {
    const broken = hotkey({ id: 'broken', status: 'malformed', ss58: null, hasSeed: false });
    const pub = hotkey({ id: 'pub', ss58: '5PUB', status: 'public-only', hasSeed: false });
    const a = hotkey({ id: 'a', ss58: '5A' });
    const b = hotkey({ id: 'b', ss58: '5B', status: 'public-only', hasSeed: false });
    const w = wallet({ hotkeys: [broken, a, pub, b] });
    expect(usableFirst(w, new Set(['5B'])).map((h) => h.id)).toEqual(['a', 'b', 'broken', 'pub']);
    expect(usableFirst(w, null).map((h) => h.id)).toEqual(['a', 'broken', 'pub', 'b']);
  });
});

describe('choiceOutdated', () => {
  const chosen = {
    walletId: 'w',
    hotkeyId: 'hk',
    walletName: 'w',
    hotkeyName: 'hk',
    hotkey: '5HOTKEY',
    coldkey: '5COLD',
    seedSource: 'file' as const,
  };
  const listing = (h: Partial<HotkeyEntry> = {}, w: Partial<WalletEntry> = {}) => [
    wallet({ hotkeys: [hotkey(h)], ...w }),
  ];

  it('keeps a choice the listing still shows, also once its seed reached the keychain', () => {
    expect(choiceOutdated(chosen, listing(), null)).toBeNull();
    expect(choiceOutdated(chosen, listing({ status: 'public-only', hasSeed: false }), new Set(['5HOTKEY']))).toBeNull();
    // A keychain that did not answer (null) does not put away a seed chosen from it.
    const fromKeychain = { ...chosen, seedSource: 'keychain' as const };
    expect(choiceOutdated(fromKeychain, listing({ status: 'public-only', hasSeed: false }), null)).toBeNull();
    expect(choiceOutdated(fromKeychain, listing({ status: 'public-only', hasSeed: false }), new Set())).toContain(
      'can no longer register',
    );
  });

  it('says why a choice no longer stands: gone, another hotkey or coldkey under the same names, or unusable', () => {
    expect(choiceOutdated(chosen, [], null)).toBe('w/hk is no longer in the wallets folder.');
    expect(choiceOutdated(chosen, listing({ id: 'other' }), null)).toBe('w/hk is no longer in the wallets folder.');
    expect(choiceOutdated(chosen, listing({ ss58: '5NEW' }), null)).toBe(
      'w/hk is now the hotkey 5NEW, not the 5HOTKEY you chose.',
    );
    expect(
      choiceOutdated(
        chosen,
        listing({}, { coldkey: { status: 'ok', ss58: '5COLD2', hasPrivateColdkey: false } }),
        null,
      ),
    ).toBe('The coldkey of w is now 5COLD2, not the 5COLD you chose.');
    expect(choiceOutdated(chosen, listing({ status: 'encrypted', hasSeed: false }), null)).toBe(
      'w/hk can no longer register: This file has no usable seed.',
    );
  });
});

describe('stepOfFailure', () => {
  it('names the step whose answer a refusal was about, and none for the others', () => {
    expect(stepOfFailure('username-taken')).toBe('username');
    expect(stepOfFailure('hotkey-registered')).toBe('wallet');
    // Funding the coldkey is the fix, not another answer.
    expect(stepOfFailure('coldkey-balance')).toBeNull();
    expect(stepOfFailure('token-invalid')).toBe('token');
    expect(stepOfFailure('clock-skew')).toBe('server');
    expect(stepOfFailure('ip-limit')).toBeNull();
    expect(stepOfFailure(undefined)).toBeNull();
  });

  it('says what went wrong at that step, not "refused" for a request that was never sent', () => {
    expect(failureWord('hotkey-changed')).toBe('changed');
    expect(failureWord('username-taken')).toBe('taken');
    expect(failureWord('hotkey-registered')).toBe('already registered');
    expect(failureWord('token-invalid')).toBe('not accepted');
    expect(failureWord(undefined)).toBe('refused');
  });
});

describe('furthestStep', () => {
  const base: WizardState = INITIAL_WIZARD;
  it('allows a step only when the ones before it are answered', () => {
    expect(furthestStep(base)).toBe('server');
    const served = { ...base, baseUrl: 'http://x' };
    expect(furthestStep({ ...served, username: 'alice' })).toBe('username');
    // A name edited after the server said it was free must be checked again.
    expect(furthestStep({ ...served, username: 'alice2', usernameFree: 'alice' })).toBe('username');
    const named = { ...served, username: 'alice', usernameFree: 'alice' };
    expect(furthestStep(named)).toBe('wallet');
    const chosen = {
      ...named,
      chosen: {
        walletId: 'w',
        hotkeyId: 'h',
        walletName: 'w',
        hotkeyName: 'h',
        hotkey: '5H',
        coldkey: '5C',
        seedSource: 'file' as const,
      },
    };
    expect(furthestStep(chosen)).toBe('token');
    expect(furthestStep({ ...chosen, token: 'x', tokenPastedAt: 1 })).toBe('review');
  });
});

describe('the registration attempt in the wizard store', () => {
  const sent = {
    baseUrl: 'http://x',
    walletId: 'w',
    hotkeyId: 'hk',
    hotkey: '5HOTKEY',
    hotkeyName: 'hk',
    username: 'carol',
  };
  const failed = (reason: string) => ({
    status: 'failed' as const,
    error: new AppFailure('conflict', 'refused', undefined, reason as never),
    at: 0,
    sent,
  });
  it('a new answer puts a refusal away, a passing server check too, but never a lost answer', () => {
    resetWizard();
    updateWizard({ username: 'carol' });
    updateWizard({ attempt: failed('username-taken'), failedStep: 'username' });
    updateWizard({ username: 'carol' }); // the same value: nothing changed
    expect(currentWizard().attempt?.status).toBe('failed');
    updateWizard({ username: 'carol2' });
    expect(currentWizard()).toMatchObject({ attempt: null, failedStep: null });
    updateWizard({ attempt: failed('clock-skew'), failedStep: 'server' });
    updateWizard({ connection: { reachable: false } as never });
    expect(currentWizard().attempt).toBeNull();
    updateWizard({ attempt: failed('answer-lost') });
    updateWizard({ token: 'other' });
    expect(currentWizard().attempt?.status).toBe('failed');
    resetWizard();
  });

  it('marks a request still out when an answer changes, so its refusal is not pinned on the new answer', () => {
    resetWizard();
    updateWizard({ attempt: { status: 'sending', sent } });
    updateWizard({ token: 'new-token' });
    expect(currentWizard().attempt).toEqual({ status: 'sending', sent, answersChanged: true });
    resetWizard();
  });
});
