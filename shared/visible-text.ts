/**
 * Characters that change how the text around them looks without being seen: bidi overrides and
 * isolates (a key named "\u202Eyek-nimda" shows as "admin-key"), zero-width ones, controls.
 */
// Control characters are exactly what this looks for.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** `text` with each invisible character shown as its code point, e.g. "⟨U+202E⟩yek-nimda": for names from a server, shown as they are. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (ch) => `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
