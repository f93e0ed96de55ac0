import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import { FULL_FOLDER_MESSAGE, FULL_PATH_MESSAGE } from '../../shared/validation';

/** `~` and `~/x` expand like the shell; bittensor users write `BT_WALLET_PATH=~/.bittensor/wallets`. */
export function expandHome(p: string, home: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(home, p.slice(2));
  return p;
}

/**
 * A path the user typed, as this system reads it: `~` expanded, and refused unless then absolute.
 * The contract's schema cannot know the platform (`C:\x` passes it, yet is relative on Linux), and
 * a relative path would resolve against whatever folder the app was started in.
 */
export function resolveUserPath(typed: string, home: string, what: 'file' | 'folder' = 'file'): string {
  const expanded = expandHome(typed, home);
  if (!path.isAbsolute(expanded)) {
    const message = what === 'file' ? FULL_PATH_MESSAGE : FULL_FOLDER_MESSAGE;
    throw new AppFailure('invalid-input', `${message}.`, { fields: [{ path: 'path', message }] });
  }
  return path.resolve(expanded);
}
