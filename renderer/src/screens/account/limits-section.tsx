import type { ReactElement } from 'react';
import type { AccountLimits, CapWindow, QuotaView } from '../../../../shared/account-screen';
import { ChuteName } from '../../components/chute-name';
import { ErrorNotice } from '../../components/error-notice';
import styles from './account.module.css';
import { dateTime, timeOnly } from '../../lib/date-time';
import { cents, count, NEEDS_SEED, percent, usd } from './format';

/** The server names chutes by id; `*` is the default for every chute. */
function Chute({ id, names }: { id: string; names: ReadonlyMap<string, string> }): ReactElement {
  return id === '*' ? <>every chute (default)</> : <ChuteName id={id} names={names} />;
}

function Quotas({
  quotas,
  todayUsed,
  names,
}: {
  quotas: QuotaView;
  todayUsed: AccountLimits['todayUsed'];
  names: ReadonlyMap<string, string>;
}): ReactElement {
  const used = !todayUsed ? null : 'unreadable' in todayUsed ? (
    <p className="small muted">Today's use could not be read: {todayUsed.unreadable}</p>
  ) : (
    <p className="small">
      Used today: <strong>{count(todayUsed.used)} requests</strong>
      {todayUsed.quota === 'unlimited'
        ? ' (unlimited)'
        : todayUsed.quota > 0
          ? ` of ${count(todayUsed.quota)} per day`
          : ''}{' '}
      — the counter restarts each UTC day.
    </p>
  );
  if (quotas.kind === 'unlimited') {
    return (
      <>
        <p>No daily request quota applies: this account is free or billed by invoice.</p>
        {used}
      </>
    );
  }
  if (quotas.kind === 'default') {
    return (
      <>
        <p className="small muted">No quota of its own: the server's default applies.</p>
        <ul>
          {quotas.perDay.map((q) => (
            <li key={q.chuteId}>
              <Chute id={q.chuteId} names={names} />: <strong>{count(q.quota)} requests per day</strong>
            </li>
          ))}
        </ul>
        {used}
      </>
    );
  }
  return (
    <>
      {quotas.tierUsd !== null ? (
        <p className="small">The default quota matches the ${quotas.tierUsd}/month subscription tier.</p>
      ) : null}
      <div className="table-wrap">
        <table aria-label="Quotas">
          <thead>
            <tr>
              <th>Chute</th>
              <th className={styles.num}>Requests per day</th>
              <th>In effect since</th>
            </tr>
          </thead>
          <tbody>
            {quotas.rows.map((r) => (
              <tr key={r.chuteId}>
                <td>
                  <Chute id={r.chuteId} names={names} />
                </td>
                <td className={styles.num}>{count(r.quota)}</td>
                <td>{r.effectiveDate ? dateTime(r.effectiveDate) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {quotas.rows.some((r) => r.quota === 0) ? (
        <p className="small muted">A quota of 0 means pay-as-you-go from the balance, with no free daily requests.</p>
      ) : null}
      {used}
    </>
  );
}

function CapBar({ title, window }: { title: string; window: CapWindow }): ReactElement {
  if (window.uncapped || window.capUsd === null) {
    return (
      <div className={styles.bar}>
        <div className={styles.barHead}>
          <strong>{title}</strong>
          <span>{usd(window.usageUsd)} used · no cap</span>
        </div>
      </div>
    );
  }
  const fraction = window.capUsd > 0 ? Math.min(1, window.usageUsd / window.capUsd) : 1;
  const tone = fraction >= 1 ? styles.full : fraction >= 0.8 ? styles.high : '';
  const remaining = window.remainingUsd ?? Math.max(0, window.capUsd - window.usageUsd);
  return (
    <div className={styles.bar}>
      <div className={styles.barHead}>
        <strong>{title}</strong>
        <span>
          {cents(window.usageUsd)} of {cents(window.capUsd)} used ({percent(fraction)}) · {cents(remaining)} left
        </span>
      </div>
      <div
        className={styles.meter}
        role="progressbar"
        aria-label={`${title} used`}
        aria-valuemin={0}
        aria-valuemax={window.capUsd}
        aria-valuenow={Math.min(window.usageUsd, window.capUsd)}
        aria-valuetext={`${cents(window.usageUsd)} of ${cents(window.capUsd)}`}
      >
        <div className={`${styles.meterFill} ${tone}`} style={{ width: `${fraction * 100}%` }} />
      </div>
      <span className="small muted">
        {window.resetAt ? `Resets ${dateTime(window.resetAt)}` : 'The server did not say when this window resets.'}
      </span>
    </div>
  );
}

/** Quotas, subscription caps and discounts (`../shared/reference/chutes-account-api.md` §3.2), read with a hotkey-login session. */
export function LimitsSection({
  data,
  error,
  fetching,
  canSign,
  onRefresh,
  chuteNames,
}: {
  data: AccountLimits | undefined;
  error: Error | null;
  fetching: boolean;
  canSign: boolean;
  onRefresh: () => void;
  /** The account's chutes by id (Secrets' list): quotas and discounts name chutes by id only. */
  chuteNames: ReadonlyMap<string, string>;
}): ReactElement {
  return (
    <section className="card" aria-labelledby="account-limits">
      <div className="section-head">
        <h2 id="account-limits">Quotas and subscription</h2>
        <div className="actions">
          {data ? <span className="small muted">As of {timeOnly(data.asOf)}</span> : null}
          <button type="button" onClick={onRefresh} disabled={fetching || !canSign}>
            {fetching ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </div>
      {!canSign ? <p className="muted">{NEEDS_SEED}</p> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {canSign && !data && !error ? (
        <p className="muted" role="status">
          Reading quotas and subscription…
        </p>
      ) : null}
      {data ? (
        <div className={styles.grid2}>
          <div>
            <h3 className={styles.h3}>Daily quota</h3>
            <Quotas quotas={data.quotas} todayUsed={data.todayUsed} names={chuteNames} />
            <h3 className={styles.h3}>Discounts</h3>
            {data.discounts.length === 0 ? (
              <p className="muted small">No discounts.</p>
            ) : (
              <ul aria-label="Discounts">
                {data.discounts.map((d) => (
                  <li key={d.chuteId}>
                    <Chute id={d.chuteId} names={chuteNames} />: <strong>{percent(d.fraction)} off</strong>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3 className={styles.h3}>Subscription</h3>
            {data.subscription.subscribed ? (
              <div className={styles.bars}>
                <p className="small">
                  {data.subscription.monthlyPriceUsd !== null
                    ? `${usd(data.subscription.monthlyPriceUsd)} per month`
                    : 'Price not reported'}
                  {data.subscription.custom ? ' (custom plan)' : ''}
                  {data.subscription.anchorDate ? `, billed from ${dateTime(data.subscription.anchorDate)}` : ''}. The
                  plan covers usage (at Chutes&apos; prices) up to a cap per four-hour window and per month.
                </p>
                {data.subscription.fourHour ? (
                  <CapBar title="Four-hour cap" window={data.subscription.fourHour} />
                ) : null}
                {data.subscription.monthly ? <CapBar title="Monthly cap" window={data.subscription.monthly} /> : null}
              </div>
            ) : (
              <p className="muted small">No subscription: usage is paid from the balance.</p>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}
