import { z } from 'zod';
import type { Profile, ProfilesView, RemoveProfileResult } from '../profiles';
import { displayName, profileId } from '../validation';
import { empty, returns, slice } from './define';

/** Profiles: config.ini minus the seed, which stays in the keychain. One is active. */
export const profilesContract = slice({
  listProfiles: { input: empty, result: returns<ProfilesView>() },
  setActiveProfile: { input: z.object({ profileId }).strict(), result: returns<Profile>() },
  renameProfile: { input: z.object({ profileId, displayName }).strict(), result: returns<Profile>() },
  removeProfile: {
    input: z.object({ profileId }).strict(),
    result: returns<RemoveProfileResult>(),
  },
});
