import { slice } from './define';

/** API keys of the active profile's account (reference §5): filled by the API keys screen. */
export const apiKeysContract = slice({});
