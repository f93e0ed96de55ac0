/** Numbers and times on the Account screen: every amount with its unit, every reading with its time. */

const usdFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
/** Below a dollar (hourly usage, per-request prices) cents are too coarse; above, they are what people read. */
const smallUsdFormat = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});
const countFormat = new Intl.NumberFormat('en-US');

export const usd = (value: number): string => (Math.abs(value) >= 1 ? usdFormat : smallUsdFormat).format(value);
export const count = (value: number): string => countFormat.format(value);
export const percent = (fraction: number): string => `${Math.round(fraction * 1000) / 10} %`;

/** Local date and time, with the zone spelled out so "as of" is unambiguous. */
export function dateTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso || '—';
  return new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function timeOnly(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t)
    ? iso
    : new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Naive server datetimes are UTC. */
export function utcIso(value: string): string {
  return /Z|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
}
