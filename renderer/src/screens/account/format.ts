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

/** Below what 4 decimals show, two significant digits: a balance of $0.00001 is not "$0.00" (nor "-$0.00"). */
const tinyUsdFormat = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 2,
});

export const usd = (value: number): string => {
  const size = Math.abs(value);
  return (size >= 1 ? usdFormat : size >= 0.00005 || size === 0 ? smallUsdFormat : tinyUsdFormat).format(value);
};
export const count = (value: number): string => countFormat.format(value);
const exactUsdFormat = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 6,
});
/** Every decimal the user typed (up to the 6 a transfer takes): what is confirmed is what is sent. */
export const exactUsd = (value: number): string => exactUsdFormat.format(value);

/**
 * A transfer amount as typed: digits with an optional point and at most 6 decimals ("12", "12.5",
 * ".5", "5."), or what is wrong with it, said in words.
 */
export function parseUsdAmount(typed: string): { usd: number } | { problem: string } {
  const text = typed.trim();
  if (!text) return { problem: 'Enter an amount in USD above 0, or choose the whole balance.' };
  if (!/^(\d+\.?\d*|\.\d+)$/.test(text))
    return { problem: 'Write the amount in digits with an optional decimal point, such as 12.50.' };
  if ((text.split('.')[1] ?? '').length > 6) return { problem: 'Use at most 6 decimal places.' };
  const value = Number(text);
  if (!(value > 0)) return { problem: 'Enter an amount in USD above 0, or choose the whole balance.' };
  if (value > 1e9) return { problem: 'Enter at most $1,000,000,000.' };
  return { usd: value };
}

/** Always to the cent: caps and what is left of them are read beside each other. */
export const cents = (value: number): string => usdFormat.format(value);
export const percent = (fraction: number): string => `${Math.round(fraction * 1000) / 10}%`;

/**
 * Said once per section when nothing can be signed (the screen's banner says why): the seed is not
 * in the keychain (false), or the keychain is not answering (null), which says nothing of the seed.
 */
export const needsSeed = (seedInKeychain: boolean | null): string =>
  seedInKeychain === null
    ? 'Needs the keychain, which is not answering (see the note at the top).'
    : 'Needs the hotkey seed in the keychain (see the note at the top).';
