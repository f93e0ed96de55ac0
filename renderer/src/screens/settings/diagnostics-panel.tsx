import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactElement } from 'react';
import type { ConnectionReport } from '../../../../shared/diagnostics';
import { apiBaseUrl } from '../../../../shared/validation';
import { call } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';
import { draftSlot, useDraft } from '../../lib/drafts';
import { ConnectionResult } from './connection-result';

/** Another address being tried stays when the user looks at another screen and comes back. */
const drafts = draftSlot<{ address: string }>();

/** Settings → Diagnostics: ping the API, measure latency, and compare clocks. */
export function DiagnosticsPanel({ apiUrl }: { apiUrl: string }): ReactElement {
  // Keyed by the configured address: a draft typed against another configuration does not come back.
  const [draft, setDraft] = useDraft(drafts, apiUrl, () => ({ address: apiUrl }));
  const { address } = draft;
  const setAddress = (next: string) => setDraft({ address: next });
  const [inputError, setInputError] = useState<string | null>(null);
  // The address the last check was for: its result is shown only while that is what the field says.
  const [tried, setTried] = useState<string | null>(null);
  const check = useMutation<ConnectionReport, Error, string>({
    mutationFn: (url) => call('checkConnection', { apiUrl: url }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = apiBaseUrl.safeParse(address);
    if (!parsed.success) {
      setInputError(parsed.error.issues[0]?.message ?? 'Enter a valid address.');
      return;
    }
    setInputError(null);
    setTried(address);
    check.mutate(parsed.data);
  };

  return (
    <section className="card" aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title">Diagnostics</h2>
      <form className="inline-form" onSubmit={onSubmit} noValidate>
        <label htmlFor="diagnostics-url">Address to test</label>
        <p id="diagnostics-url-help" className="small muted">
          Checking another address does not change the one the app uses (<code>CHUTES_API_URL</code>, or the default).
          {address !== apiUrl ? (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => setAddress(apiUrl)}>
                Back to the configured address
              </button>
            </>
          ) : null}
        </p>
        <div className="row">
          <input
            id="diagnostics-url"
            type="url"
            value={address}
            spellCheck={false}
            aria-invalid={inputError ? true : undefined}
            aria-describedby={inputError ? 'diagnostics-url-help diagnostics-url-error' : 'diagnostics-url-help'}
            onChange={(e) => {
              setAddress(e.target.value);
              setInputError(null);
            }}
          />
          <button type="submit" className="primary" disabled={check.isPending}>
            {check.isPending ? 'Checking…' : 'Check connection'}
          </button>
        </div>
        {inputError ? (
          <p id="diagnostics-url-error" className="field-error" role="alert">
            {inputError}
          </p>
        ) : null}
      </form>
      <div aria-live="polite">
        {check.data && tried === address ? <ConnectionResult report={check.data} /> : null}
        {check.error && tried === address ? <ErrorNotice error={check.error} /> : null}
      </div>
    </section>
  );
}
