import { slice } from './define';

/** Chute secrets of the active profile's account (`../shared/reference/chutes-account-api.md` §6): filled by the Secrets screen. */
export const secretsContract = slice({});
