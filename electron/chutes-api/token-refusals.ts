import { AppFailure } from '../../shared/errors';
import type { Auth } from './types';

/**
 * Hotkeys whose fresh login tokens the server refused. After a refinger it checks tokens against
 * the old fingerprint hash for up to an hour (reference §1.5), so every new token fails meanwhile;
 * endpoints that also take a v1 signature get one instead, without a failed login round per call.
 */
export const REFUSAL_MS = 10 * 60_000;

export interface TokenRefusals {
  refuse(hotkey: string): void;
  /** Whether the hotkey's tokens were refused within `REFUSAL_MS`. */
  refused(hotkey: string): boolean;
  /** The auth to send: `auth` itself, or its v1 form while the hotkey's tokens are refused. */
  effective(auth: Auth): Auth;
}

export function createTokenRefusals(now: () => number): TokenRefusals {
  const until = new Map<string, number>();
  const refused = (hotkey: string): boolean => {
    const end = until.get(hotkey);
    if (end === undefined) return false;
    if (end > now()) return true;
    until.delete(hotkey);
    return false;
  };
  return {
    refuse: (hotkey) => void until.set(hotkey, now() + REFUSAL_MS),
    refused,
    effective(auth) {
      if (auth.kind !== 'jwt' || !auth.v1 || !refused(auth.hotkey)) return auth;
      return { kind: 'hotkey', hotkey: auth.hotkey, ...(auth.v1.purpose ? { purpose: auth.v1.purpose } : {}) };
    },
  };
}

/** For endpoints that take nothing but a session token (limits, usage): said plainly, without a login round per call. */
export function sessionsRefusedFailure(host: string, answer?: { status: number; serverDetail: string }): AppFailure {
  return new AppFailure(
    'unauthorized',
    `Chutes at ${host} is refusing new sessions for this account just now: after a fingerprint change it keeps checking the old fingerprint for up to an hour.`,
    {
      ...answer,
      hint: 'Limits and usage need a session, so they will load again later; everything else keeps working.',
    },
    'token-rejected',
  );
}
