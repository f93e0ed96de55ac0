import { z } from 'zod';
import type { ChuteRef, CreatedSecret, DeleteResult, ImportPreview, ImportRun, SecretsPage } from '../secrets';
import { localPath } from '../validation';
import { empty, returns, reviewedFor, slice } from './define';

const uuid = z.string().uuid('Not a valid id');
const secretKey = z.string().min(1, 'Enter a key').max(255, 'That key is too long');
/** Far above any real .env file, far below the transport's body cap. */
export const MAX_ENV_TEXT = 256 * 1024;
/** How long main holds a preview's values for the user to press Import (the panel says so). */
export const PENDING_IMPORT_MINUTES = 15;
/** The longest value a secret may have (in UTF-16 code units, as zod and `String.length` count). */
export const MAX_SECRET_VALUE = 64 * 1024;

/** Why a secret's value cannot be sent, or null: the one check for the form, the contract and an import. */
export function secretValueProblem(value: string): string | null {
  if (value.length === 0) return 'The value is empty.';
  if (value.length > MAX_SECRET_VALUE)
    return `The value is ${value.length} characters long; a secret holds at most ${MAX_SECRET_VALUE}.`;
  return null;
}

/** Chute secrets of the active profile's account (`../shared/reference/chutes-account-api.md` §6). Values only ever go in. */
export const secretsContract = slice({
  /** The account's own chutes, every page. */
  listChutes: { input: empty, result: returns<ChuteRef[]>() },
  /** One page of secrets, newest first; the screen pages through them in the background. */
  listSecretsPage: {
    input: z.object({ page: z.number().int().min(0).max(100_000), limit: z.number().int().min(1).max(500) }).strict(),
    result: returns<SecretsPage>(),
  },
  /** Create one secret; `replace` deletes an existing one with the same chute + key first. */
  createSecret: {
    input: z
      .object({
        chuteId: uuid,
        key: secretKey,
        value: z.string().min(1, 'Enter the value').max(MAX_SECRET_VALUE, 'That value is too long'),
        replace: z.boolean(),
        reviewedFor,
      })
      .strict(),
    result: returns<CreatedSecret>(),
  },
  deleteSecrets: {
    input: z.object({ secretIds: z.array(uuid).min(1).max(500), reviewedFor }).strict(),
    result: returns<DeleteResult[]>(),
  },
  /** Parse a .env file (by path, or its text) for one chute; the values stay in main. */
  previewSecretImport: {
    input: z
      .object({
        chuteId: uuid,
        source: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('path'), path: localPath }).strict(),
          z
            .object({
              kind: z.literal('text'),
              text: z.string().max(MAX_ENV_TEXT, 'That text is too long for a .env file'),
            })
            .strict(),
        ]),
      })
      .strict(),
    result: returns<ImportPreview>(),
  },
  /** Create the accepted keys of a preview; running it again retries only what was not created. */
  runSecretImport: {
    input: z
      .object({
        importId: z.string().min(1).max(100),
        accept: z.array(z.object({ key: secretKey, replace: z.boolean() }).strict()).max(1000),
        reviewedFor,
      })
      .strict(),
    result: returns<ImportRun>(),
  },
  /** Forget a preview's values without importing. */
  discardSecretImport: {
    input: z.object({ importId: z.string().min(1).max(100) }).strict(),
    result: returns<{ discarded: boolean }>(),
  },
});
