/** One POSIX shell word for any text, for a command the user copies and runs (`'it'\''s'`). */
export const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
