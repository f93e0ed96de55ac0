import { readdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure, failureIs } from '../../shared/errors';
import { lockPathFor } from '../concurrency/file-lock';
import { asidePath } from '../fs/aside-path';
import { writeFileAtomic } from '../fs/atomic-write';
import { fsFailure, withFsErrors } from '../fs/fs-errors';
import { readTextFileCapped } from '../fs/read-capped';
import { log } from '../log';
import { PROFILES_FILE_VERSION, profilesFileSchema, type ProfilesFile } from './profile-schema';

export const PROFILES_FILE_NAME = 'profiles.json';

export function profilesFilePath(dataDir: string): string {
  return path.join(dataDir, PROFILES_FILE_NAME);
}

/** Held by every read-modify-write of the profiles file, in every process on this data folder. */
export function profilesLockPath(dataDir: string): string {
  return lockPathFor(dataDir, PROFILES_FILE_NAME);
}

export const emptyProfilesFile = (): ProfilesFile => ({ version: PROFILES_FILE_VERSION, activeId: null, profiles: [] });

/**
 * Never overwrite a file we cannot read: it may be hand-edited or from a broken disk, and is the
 * user's data. Move it aside and tell them where it went; the next read starts from empty.
 */
async function setFileAside(filePath: string, reason: string, now: Date): Promise<never> {
  const aside = asidePath(filePath, now);
  // Could not even move it (a read-only folder, a Windows lock): say that, typed, not `internal`.
  await rename(filePath, aside).catch((error: unknown) => {
    throw fsFailure(error, filePath, 'write');
  });
  log.warn(`profiles: ${filePath} unreadable (${reason}); moved to ${aside}`);
  // A damaged file is input, not a bug in the app: a typed conflict, never `internal`.
  throw new AppFailure(
    'conflict',
    `Saved profiles could not be read (${reason}). The file was moved to ${aside}; nothing was deleted.`,
    {
      // True wherever it is read: the next read finds no file, whichever screen (or window) makes it.
      hint: 'The list starts empty from the next read: import your CLI config again, or restore the moved file.',
    },
    'data-file-corrupt',
  );
}

/**
 * The newest damaged profiles file moved aside, while no profiles file has been written since: so
 * an empty list says why, to every screen and window, not only to the read that moved it (which
 * may have been another window's, or a check made behind another screen's request).
 */
export async function profilesSetAside(filePath: string): Promise<string | null> {
  const exists = await stat(filePath).then(
    () => true,
    (error: unknown) => !failureIs(fsFailure(error, filePath, 'read'), 'not-found'),
  );
  if (exists) return null;
  const prefix = `${path.basename(filePath)}.corrupt-`;
  // ISO stamps sort by time; an unreadable folder just means nothing to report.
  const names = await readdir(path.dirname(filePath)).catch(() => [] as string[]);
  const newest = names
    .filter((name) => name.startsWith(prefix))
    .sort()
    .at(-1);
  return newest ? path.join(path.dirname(filePath), newest) : null;
}

/** Thrown instead of moving a corrupt file aside when the caller does not hold the profiles lock. */
export class ProfilesFileCorrupt extends Error {}

/**
 * Read and check the file. A corrupt file is moved aside only with `moveAside` (the caller holds
 * the profiles lock, so it cannot move a good file another process has just written in its place).
 */
export async function readProfilesFile(
  filePath: string,
  now: () => Date,
  { moveAside = true } = {},
): Promise<ProfilesFile> {
  const setAside = (file: string, reason: string, at: Date): Promise<never> =>
    moveAside ? setFileAside(file, reason, at) : Promise.reject(new ProfilesFileCorrupt(reason));
  let text: string;
  try {
    ({ text } = await readTextFileCapped(filePath));
  } catch (error) {
    if (failureIs(error, 'not-found')) return emptyProfilesFile();
    if (failureIs(error, 'payload-too-large')) return setAside(filePath, 'the file is far too large', now());
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return setAside(filePath, 'not valid JSON', now());
  }
  const version = typeof json === 'object' && json !== null && 'version' in json ? json.version : undefined;
  if (typeof version === 'number' && version > PROFILES_FILE_VERSION) {
    // A newer app's file is not corrupt; moving it would lose data when that version runs again.
    throw new AppFailure(
      'conflict',
      `${filePath} was written by a newer version of Chutes Desktop (format ${version}). Update the app to use these profiles.`,
    );
  }
  const parsed = profilesFileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.map(String).join('.') || 'file'}: ${first.message}` : 'unexpected content';
    return setAside(filePath, where, now());
  }
  const file = parsed.data;
  // A dangling active id is harmless: treat it as "none active" rather than as corruption.
  if (file.activeId !== null && !file.profiles.some((p) => p.id === file.activeId)) file.activeId = null;
  return file;
}

export async function writeProfilesFile(filePath: string, file: ProfilesFile): Promise<void> {
  await withFsErrors(filePath, 'write', () => writeFileAtomic(filePath, `${JSON.stringify(file, null, 2)}\n`));
}
