import { readFileSync } from 'node:fs';

/** Whether a process with this pid exists (EPERM: it exists, run by another user). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/**
 * When `pid` started, as the kernel's start tick from /proc (Linux), or null where that cannot be
 * read. With the pid it names one process for good: a reused pid has a different start.
 */
export function processStartTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the name) is in parentheses and may hold spaces; starttime is field 22.
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return after[19] ?? null;
  } catch {
    return null;
  }
}

let ownStart: string | null | undefined;
/** This process's start, read once. */
export function ownStartTicks(): string | null {
  if (ownStart === undefined) ownStart = processStartTicks(process.pid);
  return ownStart;
}

/**
 * Whether the process that wrote `{pid, start}` still runs: its pid exists and, where the start
 * can be read, started when it said — so a dead owner's pid taken by a new process reads as dead.
 */
export function ownerAlive(pid: number, start: string | null): boolean {
  if (pid === process.pid) return start === null || start === ownStartTicks();
  if (!processAlive(pid)) return false;
  if (start === null) return true;
  const now = processStartTicks(pid);
  return now === null || now === start;
}
