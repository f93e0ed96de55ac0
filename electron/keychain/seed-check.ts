import { AppFailure, failureIs } from '../../shared/errors';
import { ss58FromSeed } from '../profiles/seed';

/**
 * Inside `withSeed`, before a keychain seed is used for `ss58`: another program can write our
 * keychain entries, so what one holds is input, not a bug. A seed for another key (or no valid
 * seed at all) would sign what the server then refuses, with the app blaming the server, or would
 * be written out as this hotkey's.
 */
export async function expectSeedOf(seed: Uint8Array, ss58: string, cancelled: string): Promise<void> {
  const derived = await ss58FromSeed(seed).catch((error: unknown) => {
    if (failureIs(error, 'invalid-input')) return null;
    throw error;
  });
  if (derived === ss58) return;
  throw new AppFailure(
    'conflict',
    `The keychain entry for ${ss58} holds a different key; ${cancelled}`,
    { hint: 'Remove the seed on Profiles & hotkeys and add the hotkey again from its wallet file.' },
    'keychain-entry-mismatch',
  );
}
