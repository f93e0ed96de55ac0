import { AppFailure } from '../shared/errors';
/**
 * The main process's only logger. It never receives request bodies, and it scrubs anything that
 * looks like key material before writing, as a second line of defence: 64/128-hex runs (seeds,
 * signatures), `cpk_` API keys, bearer tokens JWTs and 32-character fingerprints.
 */
const SCRUBBERS: Array<[RegExp, string]> = [
  [/cpk_[0-9a-zA-Z.]+/g, 'cpk_[redacted]'],
  [/(bearer\s+)[^\s"']+/gi, '$1[redacted]'],
  [/\b(0x)?[0-9a-fA-F]{40,}\b/g, '[redacted-hex]'],
  [/\beyJ[0-9A-Za-z_-]+\.[0-9A-Za-z_-]+\.[0-9A-Za-z_-]+/g, '[redacted-jwt]'],
  // Fingerprints issued at registration are exactly 32 alphanumerics; SS58 addresses (47-48) stay readable.
  [/\b[0-9A-Za-z]{32}\b/g, '[redacted]'],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SCRUBBERS) out = out.replace(pattern, replacement);
  return out;
}

export type LogSink = (line: string) => void;

let sink: LogSink = (line) => process.stderr.write(`${line}\n`);
const TERMINAL = 'the output of the terminal that started the app';
let where = TERMINAL;

/** Tests can silence or capture the log; the app adds its file (log-file.ts). */
export function setLogSink(next: LogSink): LogSink {
  const previous = sink;
  sink = next;
  return previous;
}

/** The file internal failures name as holding the details; null: only stderr has them. */
export function setLogLocation(file: string | null): void {
  where = file ?? TERMINAL;
}

/** What `internal` failures say: a bug in the app, what to do, and where its details are. */
export function internalFailureMessage(): string {
  return `Something went wrong inside the app (a bug, not your input). Try again; if it happens again, the details are in ${where}.`;
}

function write(level: 'info' | 'warn' | 'error', message: string): void {
  sink(`${new Date().toISOString()} ${level} ${redact(message)}`);
}

export const log = {
  info: (message: string) => write('info', message),
  warn: (message: string) => write('warn', message),
  error: (message: string) => write('error', message),
};

/** Describe an unexpected exception without its payloads: name, scrubbed message, first frames. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const frames = (error.stack ?? '')
      .split('\n')
      .slice(1, 4)
      .map((f) => f.trim())
      .join(' | ');
    return `${error.name}: ${error.message}${frames ? ` @ ${frames}` : ''}`;
  }
  return `non-error thrown (${typeof error})`;
}

/**
 * The message for one item of a batch's per-item report (a key deleted, a secret imported): a
 * typed failure says itself, with what to do about it when it says that too (a per-item line has
 * no room for the hint's own paragraph); anything else is a bug, logged like the router logs one.
 */
export function itemFailureMessage(error: unknown, what: string): string {
  if (error instanceof AppFailure) {
    const { message, detail } = error.appError;
    return detail?.hint ? `${message} ${detail.hint}` : message;
  }
  log.error(`${what} failed: ${describeError(error)}`);
  return internalFailureMessage();
}
