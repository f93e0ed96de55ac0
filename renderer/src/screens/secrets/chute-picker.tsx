import type { ReactElement } from 'react';
import type { ChuteRef } from '../../../../shared/secrets';

/** A chute chosen by name; the value is its id (a name would reach the server as an ILIKE pattern, `../shared/reference/chutes-account-api.md` §6.1). */
export function ChutePicker({
  chutes,
  value,
  onChange,
  id,
  disabled = false,
  describedBy,
  invalid = false,
}: {
  chutes: readonly ChuteRef[];
  value: string;
  onChange: (chuteId: string) => void;
  id: string;
  disabled?: boolean;
  describedBy?: string;
  /** Nothing chosen where a chute is needed now (a file was dropped, say). */
  invalid?: boolean;
}): ReactElement {
  const sorted = [...chutes].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <select
      id={id}
      value={value}
      disabled={disabled}
      aria-describedby={describedBy}
      aria-invalid={invalid ? true : undefined}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">Choose a chute…</option>
      {sorted.map((c) => (
        <option key={c.chuteId} value={c.chuteId}>
          {c.name}
        </option>
      ))}
    </select>
  );
}
