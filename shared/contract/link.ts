import { slice } from './define';

/** Linking a validator or subnet-owner hotkey (reference §4): filled by the Link hotkey screen. */
export const linkContract = slice({});
