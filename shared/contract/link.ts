import { z } from 'zod';
import type { LinkCapability, LinkPreview, LinkResult } from '../link';
import { entryId, localPath, ss58Address } from '../validation';
import { returns, reviewedFor, slice } from './define';

const linkKind = z.enum(['validator', 'subnet_owner']);
const hotkeySource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('wallet'), walletId: entryId, hotkeyId: entryId }).strict(),
  z.object({ kind: z.literal('keychain'), ss58: ss58Address }).strict(),
  z.object({ kind: z.literal('file'), path: localPath }).strict(),
]);

/** Linking a validator or subnet-owner hotkey (`../shared/reference/chutes-account-api.md` §4), on the active profile. */
export const linkContract = slice({
  /** Side-effect-free probe of the active server, cached per server; `recheck` probes again. */
  detectLinking: { input: z.object({ recheck: z.boolean().optional() }).strict(), result: returns<LinkCapability>() },
  /** What would be signed and sent; nothing goes to the server. */
  previewLink: { input: z.object({ kind: linkKind, source: hotkeySource }).strict(), result: returns<LinkPreview>() },
  /**
   * `reviewedHotkey` and `reviewedUsername`: the address and the account name the preview showed
   * (they make the signed text); main refuses if the source now holds another hotkey or the
   * profile now has another name (renamed from another window).
   */
  link: {
    input: z
      .object({
        kind: linkKind,
        source: hotkeySource,
        keepInKeychain: z.boolean(),
        reviewedHotkey: ss58Address,
        reviewedUsername: z.string().min(1).max(1000),
        reviewedFor,
      })
      .strict(),
    result: returns<LinkResult>(),
  },
});
