import { z } from 'zod';
import { apiBaseUrl, normaliseBaseUrl } from '../../shared/validation';
import { SS58_PATTERN } from './cli-config';
import { isIniSafeValue } from './ini-lines';

/** Every profile field ends up in an exported config.ini, so each must survive a round trip there. */
const iniText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} is longer than ${max} characters`)
    .refine(isIniSafeValue, `${label} may not contain line breaks or control characters`);

const ss58 = z.string().trim().regex(SS58_PATTERN, 'Not an SS58 address');

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the profile a name')
  .max(80, 'Keep the name under 80 characters')
  // eslint-disable-next-line no-control-regex
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'The name may not contain control characters');

const cliOrigin = z.enum(['CHUTES_CONFIG_PATH', 'default', 'picked']);

export const profileSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cli-import'), path: z.string().min(1), via: cliOrigin }),
  z.object({ kind: z.literal('registration') }),
  z.object({ kind: z.literal('manual') }),
]);

const baseUrl = apiBaseUrl
  .transform(normaliseBaseUrl)
  .refine(isIniSafeValue, 'The address may not contain control characters');

const accountFields = {
  baseUrl,
  username: iniText('Username', 64),
  userId: iniText('User id', 64),
  hotkeyName: iniText('Hotkey name', 128),
  hotkeySs58: ss58,
  paymentAddress: ss58.nullable(),
  source: profileSourceSchema,
};

/** What the server says about the account a profile's hotkey signs for. */
export const accountNamesSchema = z.object({ username: accountFields.username, userId: accountFields.userId });

export const profileInputSchema = z.object({
  id: z.string().min(1).optional(),
  displayName: displayNameSchema.optional(),
  ...accountFields,
  paymentAddress: accountFields.paymentAddress.optional(),
});

/**
 * A saved address as earlier versions accepted it: a bare `?` or `#` at its end passed then (the
 * URL's query read as empty) and is refused now. Dropped on reading, the address is what it always
 * meant, so a file saved then is not set aside as corrupt.
 */
const storedBaseUrl = z.preprocess((v) => (typeof v === 'string' ? v.trim().replace(/[?#]+$/, '') : v), baseUrl);

export const profileSchema = z.object({
  id: z.string().min(1),
  displayName: displayNameSchema,
  ...accountFields,
  baseUrl: storedBaseUrl,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const PROFILES_FILE_VERSION = 1;

export const profilesFileSchema = z
  .object({
    version: z.literal(PROFILES_FILE_VERSION),
    activeId: z.string().nullable(),
    profiles: z.array(profileSchema),
  })
  .refine((file) => new Set(file.profiles.map((p) => p.id)).size === file.profiles.length, {
    message: 'two profiles share an id',
    path: ['profiles'],
  });

export type ProfilesFile = z.infer<typeof profilesFileSchema>;
