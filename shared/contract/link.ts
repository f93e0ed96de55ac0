import { slice } from './define';

/** Linking a validator or subnet-owner hotkey (`../shared/reference/chutes-account-api.md` §4): filled by the Link hotkey screen. */
export const linkContract = slice({});
