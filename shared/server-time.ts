/**
 * Chutes prints datetimes naive (no zone) and means UTC; some fields carry an offset. The one
 * reading of them for main and the screens.
 */
const ZONED = /Z|[+-]\d{2}:?\d{2}$/;

export const utcIso = (value: string): string => (ZONED.test(value) ? value : `${value}Z`);

/** Milliseconds since the epoch, NaN when the server's text is not a time. */
export const serverMs = (value: string): number => Date.parse(utcIso(value));

/**
 * The day of a server time as the screens write dates ("Dec 7, 2026", lib/date-time.ts), for a
 * message main writes; the local day, as the screens show it. '' when the text is not a time.
 */
export function serverDay(value: string): string {
  const t = serverMs(value);
  return Number.isNaN(t) ? '' : new Date(t).toLocaleDateString('en-US', { dateStyle: 'medium' });
}
