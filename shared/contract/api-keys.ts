import { slice } from './define';

/** API keys of the active profile's account (`../shared/reference/chutes-account-api.md` §5): filled by the API keys screen. */
export const apiKeysContract = slice({});
