import type { ReactElement } from 'react';
import type { CreateKeyRequest, ScopeTargets } from '../../../../shared/api-keys';
import styles from './api-keys.module.css';
import { keyPowers } from './key-powers';

/** The key being made, in words, before its JSON. */
export function KeyPowersSummary({
  request,
  targets,
}: {
  request: CreateKeyRequest;
  targets: ScopeTargets | undefined;
}): ReactElement {
  const { can, unusable, cannot } = keyPowers(request, targets);
  return (
    // An admin key's reach is the warning: said once, here, in the warning's colours.
    <div
      className={`${styles.powers} ${request.admin ? styles.powersWarn : ''}`}
      role="group"
      aria-labelledby="key-powers-title"
    >
      <h2 className="small" id="key-powers-title">
        What this key can do
      </h2>
      <ul>
        {can.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {unusable.length > 0 ? (
        <p className="small">
          Also granted, but of no use, since Chutes’ API lets no scoped key through (it checks each request against the
          last part of its path, which no scope names): {unusable.join('; ')}.
        </p>
      ) : null}
      <p className={request.admin ? 'small' : 'small muted'}>{cannot}</p>
    </div>
  );
}
