import { parse } from 'dotenv';
import { AppFailure } from '../../shared/errors';

/**
 * A .env text as dotenv reads it, plus the numbers of lines it silently skipped (so the preview can
 * say "line 7 is not KEY=VALUE" instead of dropping it unseen). Line text is never reported: a
 * malformed line may well be a bare secret.
 */
export interface ParsedEnv {
  /** In file order; a key defined twice keeps its last value, as dotenv does. */
  entries: { key: string; value: string }[];
  unreadLines: number[];
}

// An assignment as dotenv recognises one: optional `export`, a key of [\w.-], then `=` or `: `.
const ASSIGNMENT = /^\s*(?:export\s+)?[\w.-]+(?:\s*=|:\s)/;
const OPENING_QUOTE = /^\s*(?:export\s+)?[\w.-]+(?:\s*=\s*|:\s+)(["'`])(.*)$/;

/**
 * Blank space a .env may hold in one stretch across lines. dotenv's line pattern starts with `\s*`,
 * which runs across newlines, so from every line start in a long blank stretch it scans to the
 * stretch's end: 80,000 blank lines take it 9 s, and the whole main process waits. With stretches
 * of at most this much, the largest .env the app reads (256 KiB) parses in about 0.2 s.
 */
export const MAX_BLANK_STRETCH = 512;

/** The first line of a blank stretch (whitespace spanning lines) longer than the bound, if any. */
function longBlankStretch(text: string): { firstLine: number; lastLine: number } | null {
  let line = 1;
  let runStart = -1;
  let runLine = 1;
  for (let i = 0; i <= text.length; i++) {
    // JavaScript's \s, as in dotenv's pattern.
    const blank = i < text.length && /\s/.test(text.charAt(i));
    if (blank && runStart < 0) {
      runStart = i;
      runLine = line;
    }
    if (!blank && runStart >= 0) {
      if (i - runStart > MAX_BLANK_STRETCH && line > runLine) return { firstLine: runLine, lastLine: line };
      runStart = -1;
    }
    if (text.charCodeAt(i) === 0x0a) line++;
  }
  return null;
}

export function parseEnv(text: string): ParsedEnv {
  const stretch = longBlankStretch(text);
  if (stretch)
    throw new AppFailure(
      'invalid-input',
      `Lines ${stretch.firstLine}–${stretch.lastLine} are one blank stretch of more than ${MAX_BLANK_STRETCH} characters, which the .env reader would take a very long time over, so nothing was read.`,
      { hint: 'Remove the blank lines there (a .env needs none), then try again.' },
    );
  const parsed = parse(text);
  const entries = Object.entries(parsed).map(([key, value]) => ({ key, value }));
  const unreadLines: number[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let openQuote: string | null = null;
  lines.forEach((line, index) => {
    if (openQuote) {
      // Inside a multi-line quoted value: it ends on the line holding the closing quote.
      if (line.includes(openQuote)) openQuote = null;
      return;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (!ASSIGNMENT.test(line)) {
      unreadLines.push(index + 1);
      return;
    }
    const quoted = OPENING_QUOTE.exec(line);
    if (quoted?.[1] && !(quoted[2] ?? '').includes(quoted[1])) openQuote = quoted[1];
  });
  return { entries, unreadLines };
}
