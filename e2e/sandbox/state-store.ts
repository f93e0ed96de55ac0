// Optional persistence (--state FILE). Writes are coalesced to one per event-loop turn and atomic
// (temp file + fsync + rename), so a crash never leaves a half-written file behind.

import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync, existsSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { emptyState } from './state';
import type { State } from './state';

export class StateStore {
  private lastWritten = '';
  private pending: NodeJS.Immediate | null = null;

  constructor(private readonly file: string | undefined) {}

  load(): State {
    if (!this.file || !existsSync(this.file)) return emptyState();
    const text = readFileSync(this.file, 'utf8');
    const parsed = JSON.parse(text) as Partial<State>;
    if (parsed.version !== 1)
      throw new Error(`Unsupported sandbox state file ${this.file} (version ${String(parsed.version)})`);
    this.lastWritten = text;
    // Fields added later default from an empty state.
    return { ...emptyState(), ...parsed };
  }

  /** Schedules a write of the state as it will be at the end of this turn. */
  schedule(get: () => State): void {
    if (!this.file || this.pending) return;
    this.pending = setImmediate(() => {
      this.pending = null;
      this.writeNow(get());
    });
  }

  flush(state: State): void {
    if (this.pending) {
      clearImmediate(this.pending);
      this.pending = null;
    }
    this.writeNow(state);
  }

  private writeNow(state: State): void {
    if (!this.file) return;
    const text = JSON.stringify(state);
    if (text === this.lastWritten) return;
    const dir = dirname(this.file);
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `.${basename(this.file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
    try {
      const dfd = openSync(dir, 'r');
      try {
        fsyncSync(dfd);
      } finally {
        closeSync(dfd);
      }
    } catch {
      // Directory fsync is best effort (not supported everywhere).
    }
    this.lastWritten = text;
  }
}
