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
 * dotenv's line pattern starts with `\s*`, which runs across newlines: from every line start inside
 * a blank stretch it scans to the stretch's end, so its work grows with (line starts × length) of
 * each stretch: 80,000 blank lines take it 9 s, and the whole main process waits. This bounds that
 * work (≈ 0.1 s here), far above what any real .env needs: thousands of blank lines in a row.
 */
export const MAX_BLANK_SCAN = 30_000_000;

/** dotenv's scanning work over blank stretches, and the stretch that costs the most (its lines). */
function blankScanCost(text: string): { cost: number; firstLine: number; lastLine: number } {
  let cost = 0;
  let worst = { cost: -1, firstLine: 0, lastLine: 0 };
  let line = 1;
  let i = 0;
  while (i < text.length) {
    // JavaScript's \s, as in dotenv's pattern.
    if (!/\s/.test(text.charAt(i))) {
      i++;
      continue;
    }
    const start = i;
    const firstLine = line;
    const lineStarts: number[] = start === 0 || text.charCodeAt(start - 1) === 0x0a ? [start] : [];
    while (i < text.length && /\s/.test(text.charAt(i))) {
      if (text.charCodeAt(i) === 0x0a) {
        line++;
        lineStarts.push(i + 1);
      }
      i++;
    }
    let here = 0;
    for (const at of lineStarts) here += i - at;
    cost += here;
    if (here > worst.cost) worst = { cost: here, firstLine, lastLine: line };
  }
  return { cost, firstLine: worst.firstLine, lastLine: worst.lastLine };
}

export function parseEnv(text: string): ParsedEnv {
  const blank = blankScanCost(text);
  if (blank.cost > MAX_BLANK_SCAN)
    throw new AppFailure(
      'invalid-input',
      `This .env has long runs of blank lines (the longest: lines ${blank.firstLine}–${blank.lastLine}) that the .env reader would take a very long time over, so nothing was read.`,
      { hint: 'Remove blank lines between the KEY=VALUE lines, then try again.' },
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
