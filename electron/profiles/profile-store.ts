import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/errors';
import { zodIssues } from '../ipc-router';
import { accountNamesSchema, displayNameSchema, profileInputSchema, type ProfilesFile } from './profile-schema';
import { withFileLock } from '../concurrency/file-lock';
import { createStatCache } from '../fs/stat-cache';
import {
  profilesFilePath,
  profilesLockPath,
  ProfilesFileCorrupt,
  readProfilesFile,
  writeProfilesFile,
} from './profiles-file';
import type { Profile, ProfileInput, RemoveProfileResult } from '../../shared/profiles';

export interface ProfileStore {
  /** `<dataDir>/profiles.json` */
  readonly filePath: string;
  list(): Promise<Profile[]>;
  /** The profiles and the active id from one read, so they always agree. */
  snapshot(): Promise<{ profiles: Profile[]; activeId: string | null }>;
  /** Throws `not-found`. */
  get(id: string): Promise<Profile>;
  /**
   * Add or update. With `input.id` that profile is updated; otherwise an existing profile for the
   * same account (same base URL and hotkey) is updated, else a new one is created. The first
   * profile becomes active. Throws `invalid-input` with field issues.
   */
  upsert(input: ProfileInput): Promise<Profile>;
  /**
   * The seed stays in the keychain: removing it is its own question (removeHotkeySeed), which first
   * says where other copies are — a profile's removal must never take the only one with it.
   */
  remove(id: string): Promise<RemoveProfileResult>;
  setActive(id: string): Promise<Profile>;
  getActive(): Promise<Profile | null>;
  rename(id: string, displayName: string): Promise<Profile>;
  /**
   * The user id and username the server gave for this profile's hotkey, set inside the lock on
   * the profile as it is now (a rename or a move made meanwhile stays). A default display name
   * follows the username. Nothing changes if the profile now has another hotkey.
   */
  followAccount(id: string, hotkeySs58: string, names: { userId: string; username: string }): Promise<Profile>;
}

export interface ProfileStoreOptions {
  dataDir: string;
  now?: () => Date;
}

/** `username @ host`, so production, staging and sandbox profiles of one user read apart. */
export function defaultDisplayName(username: string, baseUrl: string): string {
  let host = baseUrl;
  try {
    host = new URL(baseUrl).host;
  } catch {
    // keep the raw URL; validation happened earlier
  }
  return `${username} @ ${host}`.slice(0, 80);
}

function find(file: ProfilesFile, id: string): Profile {
  const profile = file.profiles.find((p) => p.id === id);
  if (!profile)
    throw new AppFailure('not-found', 'That profile no longer exists; the list may have changed in another window.');
  return profile;
}

export function createProfileStore(options: ProfileStoreOptions): ProfileStore {
  const filePath = profilesFilePath(options.dataDir);
  const now = options.now ?? (() => new Date());
  const lockPath = profilesLockPath(options.dataDir);
  // Every read-modify-write holds the profiles lock, so the window and the web host on this data
  // folder (and concurrent calls in one process) never lose each other's changes.
  const locked = <T>(task: () => Promise<T>): Promise<T> =>
    withFileLock(lockPath, task, { what: 'your saved profiles' });

  // Reads need no lock: writes replace the file atomically. Only a corrupt file is dealt with
  // under the lock, after reading it again there. Every account call starts with a read (the
  // active profile), so an unchanged file costs one stat (stat-cache.ts), not a read and a parse.
  const settled = createStatCache(filePath, async () => {
    try {
      return await readProfilesFile(filePath, now, { moveAside: false });
    } catch (error) {
      if (!(error instanceof ProfilesFileCorrupt)) throw error;
      return locked(() => readProfilesFile(filePath, now));
    }
  });
  const read = () => settled.read();

  function mutate<T>(change: (file: ProfilesFile) => Promise<T> | T): Promise<T> {
    return locked(async () => {
      const file = await readProfilesFile(filePath, now);
      const result = await change(file);
      await writeProfilesFile(filePath, file);
      return result;
    });
  }

  return {
    filePath,
    list: async () => (await read()).profiles,
    async snapshot() {
      const { profiles, activeId } = await read();
      return { profiles, activeId };
    },
    get: async (id) => find(await read(), id),
    async getActive() {
      const file = await read();
      return file.profiles.find((p) => p.id === file.activeId) ?? null;
    },

    upsert(input) {
      const parsed = profileInputSchema.safeParse(input);
      if (!parsed.success) {
        const fields = zodIssues(parsed.error);
        const list = fields.map((f) => `${f.path || 'profile'}: ${f.message}`).join('; ');
        return Promise.reject(
          new AppFailure('invalid-input', `Some profile details are not valid — ${list}.`, { fields }),
        );
      }
      const value = parsed.data;
      return mutate((file) => {
        const timestamp = now().toISOString();
        const sameAccount = file.profiles.find((p) => p.baseUrl === value.baseUrl && p.hotkeySs58 === value.hotkeySs58);
        const existing = value.id !== undefined ? find(file, value.id) : sameAccount;
        if (existing && sameAccount && sameAccount.id !== existing.id) {
          throw new AppFailure(
            'conflict',
            `"${sameAccount.displayName}" is already this account on this server; edit that profile instead.`,
          );
        }
        const fields = {
          baseUrl: value.baseUrl,
          username: value.username,
          userId: value.userId,
          hotkeyName: value.hotkeyName,
          hotkeySs58: value.hotkeySs58,
          paymentAddress: value.paymentAddress ?? existing?.paymentAddress ?? null,
          source: value.source,
        };
        if (existing) {
          Object.assign(existing, fields, { updatedAt: timestamp });
          if (value.displayName !== undefined) existing.displayName = value.displayName;
          return { ...existing };
        }
        const profile: Profile = {
          id: randomUUID(),
          displayName: value.displayName ?? defaultDisplayName(value.username, value.baseUrl),
          ...fields,
          createdAt: timestamp,
          updatedAt: timestamp,
        };
        file.profiles.push(profile);
        file.activeId ??= profile.id;
        return { ...profile };
      });
    },

    remove(id) {
      return locked(async () => {
        const file = await readProfilesFile(filePath, now);
        const removed = find(file, id);
        file.profiles = file.profiles.filter((p) => p.id !== id);
        // The first profile left becomes active. The remove question names it beforehand
        // (renderer/src/screens/accounts/profiles-section.tsx, from the list in this order), and the
        // answer's activeId says which one did (another window may have changed the list).
        if (file.activeId === id) file.activeId = file.profiles[0]?.id ?? null;
        await writeProfilesFile(filePath, file);
        return { removed, activeId: file.activeId };
      });
    },

    setActive(id) {
      return mutate((file) => {
        const profile = find(file, id);
        file.activeId = profile.id;
        return { ...profile };
      });
    },

    followAccount(id, hotkeySs58, names) {
      const parsed = accountNamesSchema.safeParse(names);
      if (!parsed.success)
        return Promise.reject(
          new AppFailure('invalid-input', 'The server gave a username or user id a profile cannot hold.'),
        );
      return mutate((file) => {
        const profile = find(file, id);
        if (profile.hotkeySs58 !== hotkeySs58) return { ...profile };
        if (profile.displayName === defaultDisplayName(profile.username, profile.baseUrl))
          profile.displayName = defaultDisplayName(parsed.data.username, profile.baseUrl);
        Object.assign(profile, parsed.data, { updatedAt: now().toISOString() });
        return { ...profile };
      });
    },

    rename(id, displayName) {
      const parsed = displayNameSchema.safeParse(displayName);
      if (!parsed.success) {
        return Promise.reject(
          new AppFailure('invalid-input', parsed.error.issues[0]?.message ?? 'That name is not valid.', {
            fields: zodIssues(parsed.error).map((f) => ({ ...f, path: 'displayName' })),
          }),
        );
      }
      return mutate((file) => {
        const profile = find(file, id);
        profile.displayName = parsed.data;
        profile.updatedAt = now().toISOString();
        return { ...profile };
      });
    },
  };
}
