import { useState, type ReactElement } from 'react';

export interface FingerprintChoice {
  /** Absent: use the one kept in the keychain. */
  fingerprint?: string;
  remember: boolean;
}

/**
 * Where a fingerprint operation gets the account fingerprint: the keychain when one is kept
 * there, else typed now (hidden; kept in the keychain only if "remember" is ticked).
 */
export function FingerprintField({
  stored,
  value,
  onChange,
  idPrefix,
  offerRemember = true,
}: {
  stored: boolean;
  value: FingerprintChoice;
  onChange: (v: FingerprintChoice) => void;
  idPrefix: string;
  offerRemember?: boolean;
}): ReactElement {
  const [typing, setTyping] = useState(!stored);
  if (stored && !typing) {
    return (
      <p className="small">
        Uses the fingerprint kept in the keychain.{' '}
        <button
          type="button"
          className="copy"
          onClick={() => (setTyping(true), onChange({ fingerprint: '', remember: false }))}
        >
          Type another
        </button>
      </p>
    );
  }
  return (
    <>
      <label className="field" htmlFor={`${idPrefix}-fp`}>
        Account fingerprint
        <input
          id={`${idPrefix}-fp`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value.fingerprint ?? ''}
          onChange={(e) => onChange({ ...value, fingerprint: e.target.value })}
        />
      </label>
      <span className="small muted">
        The secret shown once at registration (or the one you last set). It is sent only to this account's server.
        {stored ? (
          <>
            {' '}
            <button type="button" className="copy" onClick={() => (setTyping(false), onChange({ remember: false }))}>
              Use the kept one
            </button>
          </>
        ) : null}
      </span>
      {offerRemember ? (
        <label className="choice">
          <input
            type="checkbox"
            checked={value.remember}
            onChange={(e) => onChange({ ...value, remember: e.target.checked })}
          />
          <span>
            {stored
              ? 'Keep this one in the keychain instead of the one kept there'
              : 'Remember it in the keychain for this account'}
          </span>
        </label>
      ) : null}
    </>
  );
}

/** The input a channel gets: absent fingerprint = keychain. */
export function fingerprintInput(choice: FingerprintChoice): { fingerprint?: string; remember: boolean } {
  return choice.fingerprint === undefined
    ? { remember: false }
    : { fingerprint: choice.fingerprint, remember: choice.remember };
}

export const fingerprintMissing = (choice: FingerprintChoice): boolean =>
  choice.fingerprint !== undefined && choice.fingerprint.trim() === '';
