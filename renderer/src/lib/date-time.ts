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

/** "4:51:14 PM": the hour as dateTime writes it (not "04:51:14 PM" beside "4:51 PM"). */
export function timeOnly(value: string): string {
  const t = ms(value);
  return Number.isNaN(t)
    ? value
    : new Date(t).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit' });
}

/**
 * "4:51:14 PM" today, with the date on any other day ("Dec 5, 2026, 4:51:14 PM"): an "As of" left
 * from yesterday must not read as today's.
 */
export function recentTime(value: string, now: number = Date.now()): string {
  const t = ms(value);
  if (Number.isNaN(t)) return value;
  return new Date(t).toDateString() === new Date(now).toDateString()
    ? timeOnly(value)
    : dateTime(value, { seconds: true });
}

/**
 * "Nov 20, 2026" for a date the server keeps as UTC midnight (a subscription's anchor date): read as
 * a local moment it would be the day before west of UTC.
 */
export function utcDate(value: string): string {
  const t = ms(value);
  return Number.isNaN(t)
    ? value || '—'
    : new Date(t).toLocaleDateString(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
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
