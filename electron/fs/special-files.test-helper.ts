import { execFileSync } from 'node:child_process';
import { constants, openSync, closeSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

/**
 * Paths that are not regular files, or lie about being one, for "no input hangs the app" tests:
 * FIFOs (direct and through a symlink), a listening socket, terminals, devices, /proc entries,
 * a symlink loop, over-long names. POSIX only.
 */
export interface SpecialFiles {
  dir: string;
  fifo: string;
  fifoLink: string;
  socket: string;
  loop: string;
  plainFile: string;
  paths: Record<string, string>;
  /** Wakes any reader stuck on the FIFOs and closes the socket. */
  release(): Promise<void>;
}

export async function makeSpecialFiles(dir: string): Promise<SpecialFiles> {
  await mkdir(dir, { recursive: true });
  const fifo = path.join(dir, 'pipe.ini');
  execFileSync('mkfifo', [fifo]);
  const fifoLink = path.join(dir, 'pipe-link.ini');
  await symlink(fifo, fifoLink);
  const socket = path.join(dir, 'sock.ini');
  const server = net.createServer((conn) => conn.destroy());
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  const loop = path.join(dir, 'loop.ini');
  await symlink(loop, loop);
  const plainFile = path.join(dir, 'plain.txt');
  await writeFile(plainFile, 'plain\n');
  const paths: Record<string, string> = {
    fifo,
    'symlink to fifo': fifoLink,
    socket,
    'symlink loop': loop,
    'under a file': path.join(plainFile, 'x'),
    'name of 300 characters': path.join(dir, 'n'.repeat(300)),
    'path of 4096 characters': `/${'d/'.repeat(2047)}x`,
    '/dev/tty': '/dev/tty',
    '/dev/zero': '/dev/zero',
    '/dev/null': '/dev/null',
    '/proc/self/fd/1': '/proc/self/fd/1',
    '/proc/self/mem': '/proc/self/mem',
    '/proc/kcore': '/proc/kcore',
    '/proc/kmsg': '/proc/kmsg',
    '/etc/passwd/x': '/etc/passwd/x',
    folder: dir,
  };
  return {
    dir,
    fifo,
    fifoLink,
    socket,
    loop,
    plainFile,
    paths,
    release: async () => {
      // A reader blocked in open() on the FIFO wakes once a writer appears.
      try {
        closeSync(openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK));
      } catch {
        // no reader waiting
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `promise` settled within `ms`, or a rejection saying it hung. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
