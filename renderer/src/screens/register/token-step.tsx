import type { FormEvent, ReactElement } from 'react';
import { TOKEN_LIFETIME_SECONDS, TOKEN_RE, tokenPageUrl } from '../../../../shared/registration';
import { useChannel } from '../../api/hooks';
import { CopyButton } from '../../components/copy-button';
import { Notice } from '../../components/notice';
import { navigate } from '../../routes';
import styles from './register.module.css';
import { clock, TOKEN_PROBABLY_EXPIRED, useTokenSecondsLeft } from './token-clock';
import { updateWizard, useWizard } from './wizard-store';

/** Step 4: a short-lived token from the server's page (a captcha in production), pasted here. */
export function TokenStep(): ReactElement {
  const wizard = useWizard();
  const baseUrl = wizard.baseUrl ?? '';
  const page = tokenPageUrl(baseUrl);
  const info = useChannel('getAppInfo', {});
  // The desktop window hands only chutes.ai pages to the browser (electron/security/policy.ts).
  const copyOnly = info.data?.host === 'electron' && !page.startsWith('https://rtok.chutes.ai/');
  const typed = wizard.token;
  const wellFormed = TOKEN_RE.test(typed.trim());
  const left = useTokenSecondsLeft(wizard.tokenPastedAt);

  const onChange = (value: string) => {
    const trimmed = value.trim();
    const changed = trimmed !== wizard.token.trim();
    updateWizard({
      token: value,
      tokenPastedAt: TOKEN_RE.test(trimmed)
        ? changed || wizard.tokenPastedAt === null
          ? Date.now()
          : wizard.tokenPastedAt
        : null,
    });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (wellFormed) navigate('register', 'review');
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} aria-label="Paste the registration token" noValidate>
      <p className={styles.help}>
        Chutes asks a person to fetch a registration token in a browser
        {page.startsWith('https://rtok.chutes.ai/') ? ' (with a captcha)' : ''}. It is valid for{' '}
        {TOKEN_LIFETIME_SECONDS / 60} minutes, so get it just before you register.
      </p>
      <div className="actions">
        <a className="primary" href={page} target="_blank" rel="noopener noreferrer">
          Open the token page
        </a>
        <code className="small">{page}</code>
        <CopyButton text={page} label="Copy the token page address" />
      </div>
      {copyOnly ? (
        <p className={styles.help}>
          The desktop app opens only chutes.ai pages in your browser: copy this address into a browser yourself.
        </p>
      ) : null}
      <label className={styles.field}>
        Registration token
        <input
          type="text"
          value={typed}
          autoComplete="off"
          spellCheck={false}
          placeholder="123e4567-e89b-42d3-a456-426614174000"
          aria-invalid={typed.trim() !== '' && !wellFormed ? true : undefined}
          aria-describedby="token-status"
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
      <p id="token-status" className={styles.status}>
        {/* Only the verdict is live: the countdown beside it ticks every second and would be read out each time. */}
        <span aria-live="polite">
          {typed.trim() === '' ? <span className="muted">Paste the token the page shows (a UUID).</span> : null}
          {typed.trim() !== '' && !wellFormed ? (
            <span className={styles.bad}>That is not a token: it looks like 123e4567-e89b-42d3-a456-426614174000.</span>
          ) : null}
          {wellFormed && left !== null && left > 0 ? 'Looks right.' : null}
        </span>
        {wellFormed && left !== null && left > 0 ? (
          <span>
            {' '}
            About <strong className={styles.countdown}>{clock(left)}</strong> left, counted from when you pasted it (the
            token may be older).
          </span>
        ) : null}
      </p>
      {wellFormed && left === 0 ? (
        <Notice tone="warn">
          <p>This token is {TOKEN_PROBABLY_EXPIRED}. Get a new one from the page and paste it.</p>
        </Notice>
      ) : null}
      <div className={styles.nav}>
        <button type="button" onClick={() => navigate('register', 'wallet')}>
          Back
        </button>
        <button type="submit" className="primary" disabled={!wellFormed}>
          Next
        </button>
      </div>
    </form>
  );
}
