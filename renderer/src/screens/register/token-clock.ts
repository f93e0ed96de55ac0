import { useEffect, useState } from 'react';
import { TOKEN_LIFETIME_SECONDS } from '../../../../shared/registration';

/** The registration token's countdown, shown where it is pasted and again where it is used. */

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

export const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** Seconds the token has left, counted from when it was pasted; null before it was. Ticks each second. */
export function useTokenSecondsLeft(pastedAt: number | null): number | null {
  const now = useNow(pastedAt !== null);
  if (pastedAt === null) return null;
  // `now` may still be from when the step showed (before the paste) until the first tick: clamp.
  return Math.min(TOKEN_LIFETIME_SECONDS, Math.max(0, TOKEN_LIFETIME_SECONDS - Math.floor((now - pastedAt) / 1000)));
}

/** Said where the countdown reaches zero: in the token step and again beside Register. */
export const TOKEN_PROBABLY_EXPIRED = `probably expired (${TOKEN_LIFETIME_SECONDS / 60} minutes since you pasted it)`;
