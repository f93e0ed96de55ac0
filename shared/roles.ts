/**
 * Account roles: the bits of `permissions_bitmask` (`../shared/reference/chutes-account-api.md`
 * §3.1), named in bit order. The Account screen and the link result both show them; the server's
 * own description list is used for the text when it lines up with the bits.
 */

/** One role bit the server reports in `permissions_bitmask`. */
export interface AccountRole {
  bit: number;
  /** Short name, e.g. `free_account`. */
  name: string;
  /** The server's description text when it sent one, else ours. */
  description: string;
}

const ROLE_NAMES = [
  'developer',
  'create_user',
  'update_user',
  'delete_user',
  'free_account',
  'unlimited',
  'billing_admin',
  'unlimited_dev',
  'invoice_billing',
  'stake_weight_quota',
  'subnet_admin',
  'public_model_deployment',
  'subnet_invoke',
  'subnet_admin_assign',
  'chutes_support',
] as const;

const ROLE_TEXT: Record<string, string> = {
  developer: 'Can build images and deploy chutes.',
  free_account: 'Free invocation — run anything, for free.',
  unlimited: 'No rate limits.',
  billing_admin: 'Billing administrator.',
  unlimited_dev: 'No daily limit on image/chute changes.',
  invoice_billing: 'Billed by invoice.',
  public_model_deployment: 'May deploy models publicly.',
};

/** The server writes its role texts for a terminal ("Developer -- create…"): a dash reads better on screen. */
const dashes = (text: string): string => text.replace(/\s+--\s+/g, ' — ');

/**
 * A server text beside its role's own name: the name it starts with is not said twice
 * ("developer" + "Developer -- create…" → "Create…"), and it ends like a sentence.
 */
function describing(name: string, text: string): string {
  const lead = /^(.+?)\s+--\s+(.+)$/s.exec(text.trim());
  const rest =
    lead &&
    lead[1]!
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_') === name
      ? lead[2]!
      : text.trim();
  const sentence = dashes(rest.charAt(0).toUpperCase() + rest.slice(1));
  return /[.!?)]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** Readable roles from the bitmask, paired in bit order with the server's `permissions` texts. */
export function rolesOf(
  bitmask: number | null | undefined,
  texts: readonly string[] | null | undefined,
): AccountRole[] {
  const mask = bitmask ?? 0;
  // One text per bit at most (31), each a line: a server sending 100,000 of them is not a list to show.
  const said = texts?.slice(0, 31).map((t) => t.slice(0, 300));
  const bits = Array.from({ length: 31 }, (_, bit) => bit).filter((bit) => (mask & (1 << bit)) !== 0);
  const serverTexts = said && said.length === bits.length ? said : null;
  const roles = bits.map((bit, i) => {
    const name = ROLE_NAMES[bit] ?? `role_${bit}`;
    const text = serverTexts?.[i];
    return { bit, name, description: text ? describing(name, text) : (ROLE_TEXT[name] ?? name.replace(/_/g, ' ')) };
  });
  // A server that sends texts but no bitmask still gets its roles shown.
  if (roles.length === 0 && said && said.length > 0)
    return said.map(dashes).map((description, i) => ({ bit: -1 - i, name: description, description }));
  return roles;
}
