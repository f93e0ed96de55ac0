import type { ReactElement } from 'react';
import type { AccountRole } from '../../../shared/roles';
import { Badge } from './badge';
import styles from './role-list.module.css';

/** Roles that give the account something (free or unlimited use) stand out; the rest are facts. */
const GOOD_ROLES = new Set(['free_account', 'unlimited']);

/**
 * An account's roles, one a line: the role as a badge (its id in words) and what it allows. The
 * Account screen and the Link hotkey result show them alike.
 */
export function RoleList({ roles, label }: { roles: readonly AccountRole[]; label: string }): ReactElement {
  return (
    <ul className={`badges ${styles.roles}`} aria-label={label}>
      {roles.map((r) => (
        <li key={r.bit}>
          <Badge tone={GOOD_ROLES.has(r.name) ? 'good' : 'neutral'} title={r.description}>
            {r.name.replace(/_/g, ' ')}
          </Badge>{' '}
          <span className="small muted">{r.description}</span>
        </li>
      ))}
    </ul>
  );
}
