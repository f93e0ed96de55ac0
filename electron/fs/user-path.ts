import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import { FULL_PATH_MESSAGE } from '../../shared/validation';
import { expandHome } from '../app-config';

/**
 * A path the user typed, as this system reads it: `~` expanded, and refused unless then absolute.
 * The contract's schema cannot know the platform (`C:\x` passes it, yet is relative on Linux), and
 * a relative path would resolve against whatever folder the app was started in.
 */
export function resolveUserPath(typed: string, home: string): string {
  const expanded = expandHome(typed, home);
  if (!path.isAbsolute(expanded)) {
    throw new AppFailure('invalid-input', `${FULL_PATH_MESSAGE}.`, {
      fields: [{ path: 'path', message: FULL_PATH_MESSAGE }],
    });
  }
  return path.resolve(expanded);
}
