/** Numbers on the Account screen: every amount with its unit (times: lib/date-time.ts). */

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
/** Always to the cent: caps and what is left of them are read beside each other. */
export const cents = (value: number): string => usdFormat.format(value);
export const percent = (fraction: number): string => `${Math.round(fraction * 1000) / 10} %`;

/** Said once per section when the profile's seed is not in the keychain (the screen's banner says why). */
export const NEEDS_SEED = 'Needs the hotkey seed in the keychain (see the note at the top).';
