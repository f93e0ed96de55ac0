import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

export interface Needle {
  name: string;
  bytes: Buffer;
}

const CHUNK = 8 * 1024 * 1024;

/**
 * Count each needle's occurrences in every readable mapping of process `pid` (Linux: /proc/<pid>/
 * maps and mem; the caller must be allowed to trace it, as a parent is). The JS heap, the native
 * heap, wasm memory and stacks are all mappings, so this sees every copy the process still holds.
 */
export function scanProcessMemory(pid: number, needles: Needle[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(needles.map((n) => [n.name, 0]));
  const overlap = Math.max(...needles.map((n) => n.bytes.length)) - 1;
  const maps = readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n').filter(Boolean);
  const fd = openSync(`/proc/${pid}/mem`, 'r');
  const chunk = Buffer.alloc(CHUNK + overlap);
  try {
    for (const line of maps) {
      const [range = '', perms = ''] = line.split(/\s+/);
      if (!perms.startsWith('r') || line.includes('[vvar') || line.includes('[vsyscall]')) continue;
      const [from, to] = range.split('-').map((hex) => BigInt(`0x${hex}`));
      if (from === undefined || to === undefined) continue;
      let carried = 0;
      for (let at = from; at < to; at += BigInt(CHUNK)) {
        const want = Number(to - at < BigInt(CHUNK) ? to - at : BigInt(CHUNK));
        let got: number;
        try {
          got = readSync(fd, chunk, carried, want, at);
        } catch {
          break; // an unreadable mapping (device memory, guard pages)
        }
        const view = chunk.subarray(0, carried + got);
        for (const needle of needles) {
          for (let i = view.indexOf(needle.bytes); i !== -1; i = view.indexOf(needle.bytes, i + 1)) {
            // A hit wholly inside the carried tail was already counted in the previous chunk.
            if (i + needle.bytes.length > carried) counts[needle.name] = (counts[needle.name] ?? 0) + 1;
          }
        }
        carried = Math.min(overlap, view.length);
        view.copy(chunk, 0, view.length - carried);
        if (got < want) break;
      }
    }
  } finally {
    closeSync(fd);
  }
  return counts;
}
