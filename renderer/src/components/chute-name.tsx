import type { ReactElement } from 'react';

/** Longer than this, an id is a UUID nobody reads whole: it is shown by its first characters. */
const SHORT = 8;

/** A chute in plain text (a chart's legend): its name where the account has it, else its id, shortened. */
export function chuteLabel(id: string, names: ReadonlyMap<string, string>): string {
  return names.get(id) ?? (id.length > SHORT + 4 ? `${id.slice(0, SHORT)}…` : id);
}

/**
 * A chute by name where the account's chute list has it. Otherwise (another user's chute, or the list
 * not read) its id, shortened like the API keys' ids, whole in the tooltip.
 */
export function ChuteName({ id, names }: { id: string; names: ReadonlyMap<string, string> }): ReactElement {
  const name = names.get(id);
  if (name !== undefined) return <>{name}</>;
  const label = chuteLabel(id, names);
  return label === id ? <code>{id}</code> : <code title={id}>{label}</code>;
}
