import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactElement, type ReactNode } from 'react';
import type { AppInfo } from '../../../../shared/app-info';
import type { ConnectionReport } from '../../../../shared/diagnostics';
import { apiBaseUrl, normaliseBaseUrl } from '../../../../shared/validation';
import { call } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';
import { draftSlot, useDraft } from '../../lib/drafts';
import { ConnectionResult } from './connection-result';

/** Another address being tried stays when the user looks at another screen and comes back. */
const drafts = draftSlot<{ address: string }>();

export interface DiagnosticsTargets {
  /**
   * Where account calls go: the active profile's server (chutes-client.ts), if a profile is active;
   * `unknown` when the profiles could not be read, so which one is active cannot be said.
   */
  profile: { name: string; baseUrl: string } | null | 'unknown';
  /** CHUTES_API_URL or the default: used with no profile active, and offered when registering. */
  app: { url: string; source: AppInfo['apiUrlSource'] };
}

const appAddressName = (source: AppInfo['apiUrlSource']) =>
  source === 'CHUTES_API_URL' ? 'the CHUTES_API_URL address' : 'the default address';

/** What the field starts with, and the sentence saying which address that is and what uses it. */
function describeTargets({ profile, app }: DiagnosticsTargets): { start: string; says: ReactNode } {
  const from = app.source === 'CHUTES_API_URL' ? 'set with CHUTES_API_URL' : 'the app default';
  if (profile === 'unknown')
    return {
      start: app.url,
      says: (
        <>
          The profiles could not be read, so which server account calls go to is not known here. This starts with the
          app’s own address <code>{app.url}</code> ({from}); checking another address changes nothing.
        </>
      ),
    };
  if (!profile)
    return {
      start: app.url,
      says: (
        <>
          No profile is active, so the app uses <code>{app.url}</code> ({from}). Checking another address does not
          change it.
        </>
      ),
    };
  const same = normaliseBaseUrl(profile.baseUrl) === normaliseBaseUrl(app.url);
  return {
    start: profile.baseUrl,
    says: (
      <>
        Account calls for the active profile, “{profile.name}”, go to its server <code>{profile.baseUrl}</code>
        {same ? (
          <>, which is also the app’s own address ({from}).</>
        ) : (
          <>
            . With no profile active the app would use <code>{app.url}</code> ({from}).
          </>
        )}{' '}
        Checking an address here changes neither.
      </>
    ),
  };
}

/** Settings → Diagnostics: ping the API, measure latency, and compare clocks. */
export function DiagnosticsPanel({
  targets,
  profilesError,
}: {
  targets: DiagnosticsTargets;
  /** Why the profiles could not be read, said where the address is. */
  profilesError?: unknown;
}): ReactElement {
  const { start, says } = describeTargets(targets);
  // Keyed by the address it starts with: a draft typed against another profile or configuration does not come back.
  const [draft, setDraft] = useDraft(drafts, start, () => ({ address: start }));
  const { address } = draft;
  const setAddress = (next: string) => setDraft({ address: next });
  const [inputError, setInputError] = useState<string | null>(null);
  // The address the last check was for: its result is shown only while that is what the field says.
  const [tried, setTried] = useState<string | null>(null);
  const check = useMutation<ConnectionReport, Error, string>({
    mutationFn: (url) => call('checkConnection', { apiUrl: url }),
  });
  const { profile, app } = targets;
  const known = profile === 'unknown' ? null : profile;
  const offers: Array<{ url: string; label: string }> = [
    { url: start, label: known ? 'Back to the active profile’s server' : 'Back to the configured address' },
  ];
  if (known && normaliseBaseUrl(app.url) !== normaliseBaseUrl(known.baseUrl))
    offers.push({ url: app.url, label: `Try ${appAddressName(app.source)}` });

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
      {profilesError ? <ErrorNotice error={profilesError} lead="The profiles could not be read." /> : null}
      <form className="inline-form" onSubmit={onSubmit} noValidate>
        <label htmlFor="diagnostics-url">Address to test</label>
        <p id="diagnostics-url-help" className="small muted">
          {says}
          {offers
            .filter((offer) => offer.url !== address)
            .map((offer) => (
              <span key={offer.label}>
                {' '}
                <button type="button" className="link-button" onClick={() => setAddress(offer.url)}>
                  {offer.label}
                </button>
              </span>
            ))}
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
