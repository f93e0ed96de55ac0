import { useEffect, useRef, useState, type ReactElement } from 'react';
import { ENV_VAR } from '../../../../shared/api-keys';
import styles from './api-keys.module.css';
import { CopyButton } from '../../components/copy-button';
import { CLIPBOARD_CLEAR_MS, copySecretText } from './clipboard';

/**
 * The one time a key's secret is shown. It lives only in this component's state and is dropped on
 * close; closing needs "I have stored it", and any other way out (Esc) asks first.
 */
export function RevealDialog({
  secret,
  keyName,
  account,
  replaces,
  access,
  onClosed,
}: {
  secret: string;
  keyName: string;
  account: string;
  /** The key a rotation made this one to replace. */
  replaces: string | null;
  /** What the key can do, in the list's words: where it goes depends on it. */
  access: string;
  /** `stored`: closed with "I have stored it"; false: "Close anyway". */
  onClosed: (stored: boolean) => void;
}): ReactElement {
  const ref = useRef<HTMLDialogElement>(null);
  // Set only by the two ways out that are meant: "Done" or "Close anyway" (and unmounting).
  const closing = useRef(false);
  const [stored, setStored] = useState(false);
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    // Again on each run: React's development mode runs this cleanup once before the real mount.
    closing.current = false;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      closing.current = true;
      dialog?.close();
    };
  }, []);
  const close = (storedIt: boolean) => {
    closing.current = true;
    ref.current?.close();
    onClosed(storedIt);
  };
  const ask = () => setAsking(true);
  // The question appears inside the dialog, away from what was pressed: focus goes to its safe answer.
  const keepOpen = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) keepOpen.current?.focus();
  }, [asking]);
  // Each line holds the secret: the clipboard forgets it after a minute if it still has it.
  const copySecret = (text: string) => copySecretText(text, secret);
  const header = `Authorization: Bearer ${secret}`;
  const env = `export ${ENV_VAR}=${secret}`;
  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby="reveal-title"
      aria-describedby="reveal-once"
      // Escape asks, every time: Chromium lets a page cancel only some of a row of Escapes (the
      // third closed it), so the key itself is stopped, and any close not meant reopens the dialog.
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        ask();
      }}
      onCancel={(e) => {
        e.preventDefault();
        ask();
      }}
      onClose={() => {
        const dialog = ref.current;
        if (!closing.current && dialog?.isConnected) {
          dialog.showModal();
          ask();
        }
      }}
    >
      <h2 id="reveal-title">Your new key “{keyName}”</h2>
      <p className="small muted">
        For the account {account}
        {replaces ? `; it replaces “${replaces}”: deploy it, then delete “${replaces}”` : ''}.
      </p>
      <p>
        <strong>Access:</strong> {access}.
      </p>
      <p id="reveal-once">
        <strong>This is the only time the secret is shown.</strong> Chutes keeps only a hash of it; neither the server
        nor this app can show it again.
      </p>
      {/* Named on a group: a name on <code> itself is not allowed (its role takes none). */}
      <div role="group" aria-label="API key secret">
        <code className={styles.secret}>{secret}</code>
      </div>
      <div className={styles.lines}>
        <div className={styles.line}>
          <code>cpk_… (the secret alone)</code>
          <CopyButton label="Copy secret" text={secret} copy={copySecret} />
        </div>
        <div className={styles.line}>
          <code>Authorization: Bearer cpk_…</code>
          <CopyButton label="Copy header line" text={header} copy={copySecret} />
        </div>
        <div className={styles.line}>
          <code>export {ENV_VAR}=cpk_…</code>
          <CopyButton label="Copy environment variable line" text={env} copy={copySecret} />
        </div>
      </div>
      <p className="small muted">
        The clipboard is cleared after {CLIPBOARD_CLEAR_MS / 1000} s if it still holds the secret (where the system lets
        the app read the clipboard).
      </p>
      {asking ? (
        <div className="notice notice-warn" role="alertdialog" aria-label="Close without storing?">
          <p>
            <strong>Close without storing the secret?</strong> It cannot be shown again; you would have to delete this
            key and create another.
          </p>
          <div className="actions">
            <button type="button" className="primary" ref={keepOpen} onClick={() => setAsking(false)}>
              Keep it open
            </button>
            <button type="button" className="danger" onClick={() => close(false)}>
              Close anyway
            </button>
          </div>
        </div>
      ) : null}
      <label className="choice">
        <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />
        <span>I have stored it somewhere safe</span>
      </label>
      <div className="actions">
        <button type="button" className="primary" disabled={!stored} onClick={() => close(true)}>
          Done
        </button>
        <button type="button" onClick={ask}>
          Close without storing…
        </button>
      </div>
    </dialog>
  );
}
