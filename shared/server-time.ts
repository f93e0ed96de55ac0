/**
 * Chutes prints datetimes naive (no zone) and means UTC; some fields carry an offset. The one
 * reading of them for main and the screens.
 */
const ZONED = /Z|[+-]\d{2}:?\d{2}$/;

export const utcIso = (value: string): string => (ZONED.test(value) ? value : `${value}Z`);

/** Milliseconds since the epoch, NaN when the server's text is not a time. */
export const serverMs = (value: string): number => Date.parse(utcIso(value));
