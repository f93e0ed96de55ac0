/**
 * What the server refuses as a secret key (`../shared/reference/chutes-account-api.md` §6.1), checked
 * before sending so the user hears why at once. Renderer (forms, preview) and main (the handlers'
 * last check) use this one copy.
 */

/** Keys that would contain `python` but are explicitly allowed. */
const ALLOWED_PYTHON_VARS = new Set(['UV_SYSTEM_PYTHON', 'PYTHONUNBUFFERED', 'PYTHONIOENCODING', 'PYTHONWARNINGS']);
const BANNED_EXACT = new Set(['HTTP_PROXY', 'HTTPS_PROXY', 'HF_HUB_DISABLE_SSL_VERIFY']);
/** A chute whose name contains one of these belongs to an integrated subnet. */
export const INTEGRATED_SUBNET_MARKERS = ['affine', 'babelbit', 'turbovision'] as const;
export const INTEGRATED_SUBNET_KEYS = ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN'] as const;
/** A key the chute can read as an environment variable (the server itself has no rule here). */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_SECRET_KEY_LENGTH = 255;

export type SecretKeyProblemKind = 'empty' | 'invalid' | 'banned' | 'subnet-only';

export interface SecretKeyProblem {
  kind: SecretKeyProblemKind;
  /** Why, in words a user can act on. */
  message: string;
}

/** Why the server bans this key (403 `Banned secret key: …`), or null when it does not. */
export function bannedKeyReason(key: string): string | null {
  const upper = key.toUpperCase();
  const lower = key.toLowerCase();
  if (BANNED_EXACT.has(upper)) return `${upper} is banned: chutes may not change their proxy or TLS settings.`;
  if (ALLOWED_PYTHON_VARS.has(upper)) return null;
  if (lower.includes('python'))
    return 'Keys containing “python” are banned (except UV_SYSTEM_PYTHON, PYTHONUNBUFFERED, PYTHONIOENCODING, PYTHONWARNINGS).';
  if (lower.includes('sglang')) return 'Keys containing “sglang” are banned.';
  if (lower.startsWith('sgl_')) return 'Keys starting with “SGL_” are banned.';
  if (lower.startsWith('ld_')) return 'Keys starting with “LD_” are banned (they change how programs load libraries).';
  return null;
}

/** True for a chute of an integrated subnet (affine, babelbit, turbovision), where only HF tokens may be set. */
export function isIntegratedSubnetChute(chuteName: string): boolean {
  const lower = chuteName.toLowerCase();
  return INTEGRATED_SUBNET_MARKERS.some((m) => lower.includes(m));
}

/**
 * Everything that stops `key` being created on a chute called `chuteName`, in the server's order
 * (banned first, then the integrated-subnet rule); null when the server would take it.
 */
export function secretKeyProblem(key: string, chuteName: string | null): SecretKeyProblem | null {
  if (key.length === 0) return { kind: 'empty', message: 'Enter a key, such as HF_TOKEN.' };
  if (key.length > MAX_SECRET_KEY_LENGTH)
    return { kind: 'invalid', message: `Use at most ${MAX_SECRET_KEY_LENGTH} characters for the key.` };
  if (!ENV_NAME.test(key)) {
    return {
      kind: 'invalid',
      message: 'A key becomes an environment variable: use letters, digits and _ only, not starting with a digit.',
    };
  }
  const banned = bannedKeyReason(key);
  if (banned) return { kind: 'banned', message: banned };
  if (
    chuteName !== null &&
    isIntegratedSubnetChute(chuteName) &&
    // The server compares `key.upper()`: hf_token is allowed there (and set as hf_token).
    !(INTEGRATED_SUBNET_KEYS as readonly string[]).includes(key.toUpperCase())
  ) {
    return {
      kind: 'subnet-only',
      message: `${chuteName} is an integrated-subnet chute: only HF_TOKEN and HUGGING_FACE_HUB_TOKEN may be set on it.`,
    };
  }
  return null;
}

/** The `chutes` CLI command doing the same; a value is never part of it. */
export const cliCommand = {
  list: (): string => 'chutes secrets list',
  create: (chuteId: string, key: string): string =>
    `chutes secrets create --purpose ${chuteId} --key ${key} --value '<value>'`,
  delete: (secretIds: readonly string[]): string => secretIds.map((id) => `chutes secrets delete ${id}`).join('\n'),
};
