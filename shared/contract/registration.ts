import { slice } from './define';

/** Registration wizard (`../shared/reference/chutes-account-api.md` §2): filled by the Register screen. */
export const registrationContract = slice({});
