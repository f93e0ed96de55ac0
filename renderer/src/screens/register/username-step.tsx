import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import { usernameProblem } from '../../../../shared/registration';
import { useChannel } from '../../api/hooks';
import { ErrorNotice } from '../../components/error-notice';
import { navigate } from '../../routes';
import styles from './register.module.css';
import { updateWizard, useWizard } from './wizard-store';

const DEBOUNCE_MS = 350;

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Step 2: the server's rule while typing, then availability from `GET /users/name_check`. */
export function UsernameStep(): ReactElement {
  const wizard = useWizard();
  const baseUrl = wizard.baseUrl ?? '';
  const typed = wizard.username;
  const problem = usernameProblem(typed);
  const settled = useDebounced(typed, DEBOUNCE_MS);
  // Keyed by the name: an answer for an older name is never shown for the current one.
  const check = useChannel(
    'checkUsername',
    { baseUrl, username: settled },
    { enabled: settled === typed && usernameProblem(settled) === null, staleTime: 10_000 },
  );
  const answer = check.data?.username === typed ? check.data : undefined;
  const free = answer?.available === true && answer.valid;
  const host = baseUrl ? new URL(baseUrl).host : '';

  useEffect(() => {
    if (free && wizard.usernameFree !== typed) updateWizard({ usernameFree: typed });
  }, [free, typed, wizard.usernameFree]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (free) navigate('register', 'wallet');
  };

  const status = ((): ReactElement | null => {
    if (typed === '') return <span className="muted">3–15 letters, digits, underscores or dashes.</span>;
    if (problem) return <span className={styles.bad}>{problem}</span>;
    if (check.error && settled === typed) return null;
    if (!answer)
      return (
        <span className="muted">
          Checking whether “{typed}” is free on {host}…
        </span>
      );
    if (free)
      return (
        <span className={styles.good}>
          “{typed}” is available on {host}.
        </span>
      );
    return <span className={styles.bad}>{answer.problem}</span>;
  })();

  return (
    <form className={styles.form} onSubmit={onSubmit} aria-label="Choose a username" noValidate>
      <label className={styles.field}>
        Username
        <input
          type="text"
          value={typed}
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          aria-invalid={problem && typed !== '' ? true : undefined}
          aria-describedby="username-status"
          onChange={(e) => updateWizard({ username: e.target.value })}
        />
      </label>
      <p id="username-status" className={styles.status} aria-live="polite">
        {status}
      </p>
      {typed.includes('-') && !problem ? (
        <p className={styles.help}>
          The server accepts dashes; the chutes CLI’s own prompt does not, but it reads any name from its config file.
        </p>
      ) : null}
      {check.error && settled === typed ? <ErrorNotice error={check.error} /> : null}
      <div className={styles.nav}>
        <button type="button" onClick={() => navigate('register', 'server')}>
          Back
        </button>
        <button type="submit" className="primary" disabled={!free}>
          Next
        </button>
      </div>
    </form>
  );
}
