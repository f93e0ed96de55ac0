import { parse } from 'dotenv';

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

export function parseEnv(text: string): ParsedEnv {
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
