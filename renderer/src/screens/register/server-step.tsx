import { FormProblem, problemProps } from '../../components/form-parts';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactElement } from 'react';
import type { ConnectionReport } from '../../../../shared/diagnostics';
import { PRODUCTION_API_URL } from '../../../../shared/registration';
import { plainTextRemote, serverShown } from '../../../../shared/server-address';
import { apiBaseUrl, normaliseBaseUrl } from '../../../../shared/validation';
import { call } from '../../api/client';
import { useChannel } from '../../api/hooks';
import { ErrorNotice } from '../../components/error-notice';
import { Notice } from '../../components/notice';
import { navigate } from '../../routes';
import { ConnectionResult } from '../settings/connection-result';
import styles from './register.module.css';
import { updateWizard, useWizard, type WizardState } from './wizard-store';

/** Step 1: where the account is created. The connection and the clock are checked before going on. */
export function ServerStep(): ReactElement {
  const wizard = useWizard();
  const info = useChannel('getAppInfo', {});
  const configured = info.data?.apiUrl;
  const showConfigured = configured !== undefined && normaliseBaseUrl(configured) !== PRODUCTION_API_URL;
  const [urlError, setUrlError] = useState<string | null>(null);
  // Plain HTTP to another machine is sent only once the user has said so, for the address shown.
  const [plainAccepted, setPlainAccepted] = useState<string | null>(null);
  const [plainError, setPlainError] = useState<string | null>(null);
  const check = useMutation<ConnectionReport, Error, string>({
    mutationFn: (url) => call('checkConnection', { apiUrl: url }),
  });

  const chosenUrl = (choice: WizardState['serverChoice']): string | null => {
    if (choice === 'production') return PRODUCTION_API_URL;
    if (choice === 'configured') return configured ?? null;
    const parsed = apiBaseUrl.safeParse(wizard.customUrl);
    return parsed.success ? normaliseBaseUrl(parsed.data) : null;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const url = chosenUrl(wizard.serverChoice);
    if (!url) {
      setUrlError(apiBaseUrl.safeParse(wizard.customUrl).error?.issues[0]?.message ?? 'Enter a valid address.');
      return;
    }
    setUrlError(null);
    if (plainTextRemote(url) && plainAccepted !== url) {
      setPlainError('Tick the box to send to this server over plain HTTP, or enter an https:// address.');
      return;
    }
    setPlainError(null);
    check.mutate(url, {
      onSuccess: (report) => {
        const usable = report.reachable && report.skew !== 'rejected';
        // A different server invalidates what was checked against the old one (username availability).
        const changed = wizard.baseUrl !== url;
        updateWizard({ connection: report, baseUrl: usable ? url : null, ...(changed ? { usernameFree: null } : {}) });
        if (usable) navigate('register', 'username');
      },
    });
  };

  const pick = (serverChoice: WizardState['serverChoice']) => {
    updateWizard({ serverChoice });
    check.reset();
  };
  const report = check.data;
  const candidate = chosenUrl(wizard.serverChoice);
  const plain = candidate !== null && plainTextRemote(candidate);
  return (
    <form className={styles.form} onSubmit={onSubmit} aria-label="Choose the server" noValidate>
      <fieldset>
        <legend>Create the account on</legend>
        <div className={styles.choices}>
          <label className="choice">
            <input
              type="radio"
              name="server"
              checked={wizard.serverChoice === 'production'}
              onChange={() => pick('production')}
            />
            <span>
              Chutes (production) <code>{PRODUCTION_API_URL}</code>
            </span>
            <span className="explain">
              The real service. Registration needs a token from a captcha page and 0.25 TAO of free (unstaked) balance
              on your coldkey, which is checked, not spent.
            </span>
          </label>
          {showConfigured ? (
            <label className="choice">
              <input
                type="radio"
                name="server"
                checked={wizard.serverChoice === 'configured'}
                onChange={() => pick('configured')}
              />
              <span>
                The app’s configured API <code>{configured}</code>
              </span>
              <span className="explain">
                {info.data?.apiUrlSource === 'CHUTES_API_URL'
                  ? 'Set with CHUTES_API_URL (a sandbox or staging server, for example).'
                  : 'The app default.'}
              </span>
            </label>
          ) : null}
          <label className="choice">
            <input
              type="radio"
              name="server"
              checked={wizard.serverChoice === 'custom'}
              onChange={() => pick('custom')}
            />
            <span>Another address</span>
            <span className="explain">A sandbox or self-hosted Chutes API.</span>
          </label>
        </div>
        {wizard.serverChoice === 'custom' ? (
          <label className={styles.field}>
            API address
            <input
              type="url"
              value={wizard.customUrl}
              placeholder="http://127.0.0.1:8787"
              spellCheck={false}
              {...problemProps(urlError, 'server-url-problem')}
              onChange={(e) => {
                updateWizard({ customUrl: e.target.value });
                setUrlError(null);
                check.reset();
              }}
            />
          </label>
        ) : null}
        <FormProblem text={urlError} id="server-url-problem" />
      </fieldset>
      {plain ? (
        <Notice tone="warn">
          <p>
            <strong>{serverShown(candidate)} is not encrypted.</strong> The app’s signed requests, its session token,
            and the fingerprint Chutes gives the new account (which works as its password) would cross the network
            readable by anyone on the way. Use an https:// address unless this network is yours alone.
          </p>
          <label className="choice">
            <input
              type="checkbox"
              checked={plainAccepted === candidate}
              {...problemProps(plainError, 'server-plain-problem')}
              onChange={(e) => {
                setPlainAccepted(e.target.checked ? candidate : null);
                setPlainError(null);
              }}
            />
            Send to this server over plain HTTP anyway
          </label>
          <FormProblem text={plainError} id="server-plain-problem" />
        </Notice>
      ) : null}
      <div aria-live="polite">
        {report ? (
          <ConnectionResult report={report}>
            {!report.reachable ? (
              <p>
                <strong>Registration cannot continue:</strong> this server does not answer. Check the address and your
                network, then check again.
              </p>
            ) : report.skew === 'rejected' ? (
              <p>
                <strong>Registration cannot continue until the clock is right.</strong> Once it is, check again.
              </p>
            ) : null}
          </ConnectionResult>
        ) : null}
        {check.error ? <ErrorNotice error={check.error} /> : null}
      </div>
      <div className={styles.nav}>
        <button type="submit" className="primary" disabled={check.isPending}>
          {check.isPending
            ? 'Checking the connection…'
            : report && !(report.reachable && report.skew !== 'rejected')
              ? 'Check again'
              : 'Check connection and continue'}
        </button>
      </div>
    </form>
  );
}
