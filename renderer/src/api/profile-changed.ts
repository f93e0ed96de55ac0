import { moduleStore } from '../lib/module-store';

/**
 * The last action main refused because another profile had become active since it was reviewed
 * (`profile-changed`). Kept outside the screen that sent it: the refresh that follows remounts
 * that screen on the new profile, and the user must still read that nothing was sent.
 */
const refused = moduleStore<string | null>(null);

export const noteProfileChanged = refused.set;
export const useProfileChanged = refused.use;
