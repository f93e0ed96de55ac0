/**
 * The text of a .env file, decoded strictly: a lenient decode turns Latin-1's `é` into U+FFFD
 * without a word, and reads a UTF-16 file (Windows PowerShell 5's `>`) as NUL-riddled nonsense
 * that then "has no KEY=VALUE lines". Python reads the file as UTF-8 (python-dotenv's default), so
 * anything else is refused with a way out. Pure, so main (a path) and the page (a dropped file)
 * say the same.
 */

export type EnvTextProblem = 'utf-16' | 'not-utf-8' | 'nul' | 'replacement-char';

export type DecodedEnv = { ok: true; text: string } | { ok: false; problem: EnvTextProblem; line?: number };

const lineOf = (text: string, index: number): number => {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
};

/**
 * What is wrong with text that is already a string (pasted, or decoded): U+FFFD is what a lenient
 * decoder leaves for each character it could not read, so a value holding one is not what the file
 * said; a NUL is never part of a .env.
 */
export function envTextProblem(text: string): { problem: EnvTextProblem; line: number } | null {
  const replaced = text.indexOf('\uFFFD');
  if (replaced !== -1) return { problem: 'replacement-char', line: lineOf(text, replaced) };
  const nul = text.indexOf('\0');
  if (nul !== -1) return { problem: 'nul', line: lineOf(text, nul) };
  return null;
}

/** UTF-8 (a UTF-8 byte-order mark is dropped, as Notepad writes one), or why not. */
export function decodeEnvBytes(bytes: Uint8Array): DecodedEnv {
  const [b0, b1] = bytes;
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return { ok: false, problem: 'utf-16' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: 'not-utf-8' };
  }
  const problem = envTextProblem(text);
  if (!problem) return { ok: true, text };
  // UTF-16 without a byte-order mark: ASCII text with a NUL after (or before) every character.
  if (problem.problem === 'nul' && bytes.length >= 2 && (bytes[1] === 0 || bytes[0] === 0))
    return { ok: false, problem: 'utf-16' };
  return { ok: false, ...problem };
}

/** Why `what` ("app.env", "The pasted text") cannot be read, and what to do about it. */
export function envTextMessage(what: string, problem: EnvTextProblem, line?: number): string {
  const fix = 'save it as UTF-8 and try again.';
  switch (problem) {
    case 'utf-16':
      return `${what} is not UTF-8 text: it is UTF-16 (as Windows PowerShell 5 writes with > or Out-File); ${fix}`;
    case 'not-utf-8':
      return `${what} is not UTF-8 text (perhaps Latin-1 or Windows-1252, as older editors save); ${fix}`;
    case 'nul':
      return `${what} is not UTF-8 text: line ${line ?? 1} holds a NUL character; ${fix}`;
    case 'replacement-char':
      return `${what} holds the character � (U+FFFD) on line ${line ?? 1}: it stands for characters lost when the text was converted from another encoding, so a value would not be what the file says. Save the file as UTF-8, then read or paste it again.`;
  }
}
