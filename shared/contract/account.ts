import { z } from 'zod';
import type { AccountLookup } from '../account';
import type { Profile } from '../profiles';
import { apiBaseUrl, ss58Address } from '../validation';
import { returns, slice } from './define';

/** The Chutes account behind a hotkey, on the active profile's server. */
export const accountContract = slice({
  lookupAccount: { input: z.object({ hotkey: ss58Address }).strict(), result: returns<AccountLookup>() },
  addProfileFromHotkey: {
    input: z
      .object({ hotkey: ss58Address, hotkeyName: z.string().trim().min(1).max(255), baseUrl: apiBaseUrl.optional() })
      .strict(),
    result: returns<Profile>(),
  },
});
