/**
 * The one way the screens show a moment: local date and time ("Dec 6, 2026, 7:13 AM"), the same on
 * every screen, with UTC for a tooltip. The server's naive datetimes (no zone) are UTC.
 */
import { serverMs as ms } from '../../../shared/server-time';

export function dateTime(value: string, opts: { seconds?: boolean } = {}): string {
  const t = ms(value);
  if (Number.isNaN(t)) return value || '—';
  return new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: opts.seconds ? 'medium' : 'short' });
}

export function timeOnly(value: string): string {
  const t = ms(value);
  return Number.isNaN(t)
    ? value
    : new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "2026-12-06 07:14:05 UTC", for a `title`: the same moment without the reader's time zone. */
export function utcText(value: string): string {
  const t = ms(value);
  return Number.isNaN(t) ? value : `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Milliseconds since the epoch, 0 when it is not a time (for sorting). */
export const instantMs = (value: string): number => {
  const t = ms(value);
  return Number.isNaN(t) ? 0 : t;
};
