import type { Auth } from './types';

/**
 * Hotkeys whose fresh login tokens the server refused. After a refinger it checks tokens against
 * the old fingerprint hash for up to an hour (reference §1.5), so every new token fails meanwhile;
 * endpoints that also take a v1 signature get one instead, without a failed login round per call.
 */
export const REFUSAL_MS = 10 * 60_000;

export interface TokenRefusals {
  refuse(hotkey: string): void;
  /** The auth to send: `auth` itself, or its v1 form while the hotkey's tokens are refused. */
  effective(auth: Auth): Auth;
}

export function createTokenRefusals(now: () => number): TokenRefusals {
  const until = new Map<string, number>();
  return {
    refuse: (hotkey) => void until.set(hotkey, now() + REFUSAL_MS),
    effective(auth) {
      if (auth.kind !== 'jwt' || !auth.v1) return auth;
      const end = until.get(auth.hotkey);
      if (end === undefined) return auth;
      if (end <= now()) {
        until.delete(auth.hotkey);
        return auth;
      }
      return { kind: 'hotkey', hotkey: auth.hotkey, ...(auth.v1.purpose ? { purpose: auth.v1.purpose } : {}) };
    },
  };
}
