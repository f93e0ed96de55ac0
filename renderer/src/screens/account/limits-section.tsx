import type { ReactElement } from 'react';
import type { AccountLimits, CapWindow, QuotaView } from '../../../../shared/account-screen';
import { ChuteName } from '../../components/chute-name';
import { ErrorNotice } from '../../components/error-notice';
import styles from './account.module.css';
import { dateTime, recentTime, utcDate } from '../../lib/date-time';
import { cents, count, needsSeed, percent, usd } from './format';
import { RefreshButton } from './refresh-button';
import { expectedReset } from './cap-reset';

/** The server names chutes by id; `*` is the default for every chute. */
function Chute({ id, names }: { id: string; names: ReadonlyMap<string, string> }): ReactElement {
  return id === '*' ? <>every chute (default)</> : <ChuteName id={id} names={names} />;
}

/** Today's use of the default quota; none is shown for an account the server does not count. */
function TodayUsed({
  todayUsed,
  ownRows,
  noQuotaSaid = false,
}: {
  todayUsed: AccountLimits['todayUsed'];
  /** Some chutes have a quota (and a counter) of their own, which this figure leaves out. */
  ownRows: boolean;
  /** The line above already says no daily quota applies: "not counted" would say it twice. */
  noQuotaSaid?: boolean;
}): ReactElement | null {
  if (!todayUsed) return null;
  if ('unreadable' in todayUsed)
    return <p className="small muted">Today's use could not be read: {todayUsed.unreadable}</p>;
  if (todayUsed.quota === 'unlimited') {
    return noQuotaSaid ? null : (
      <p className="small muted">Requests are not counted against a daily quota on this account.</p>
    );
  }
  return (
    <p className="small">
      Used today{ownRows ? ' on chutes without a quota of their own' : ''}:{' '}
      <strong>{count(todayUsed.used)} requests</strong>
      {todayUsed.quota > 0 ? ` of ${count(todayUsed.quota)} per day` : ''} — the counter restarts each UTC day.
    </p>
  );
}

const dollars = (value: number) => (Number.isInteger(value) ? `$${value}` : cents(value));

/** Today's use on one row: the default's counter for `*`, the chute's own counter otherwise. */
function UsedToday({
  chuteId,
  todayUsed,
  byChute,
}: {
  chuteId: string;
  todayUsed: AccountLimits['todayUsed'];
  byChute: AccountLimits['usedTodayByChute'];
}): ReactElement {
  const figure = chuteId === '*' ? (todayUsed && 'used' in todayUsed ? todayUsed : null) : byChute[chuteId];
  if (!figure) return <>? (not read)</>;
  if ('unreadable' in figure) return <span title={figure.unreadable}>? (not read)</span>;
  return <>{count(figure.used)}</>;
}

function Quotas({
  quotas,
  todayUsed,
  byChute,
  names,
}: {
  quotas: QuotaView;
  todayUsed: AccountLimits['todayUsed'];
  byChute: AccountLimits['usedTodayByChute'];
  names: ReadonlyMap<string, string>;
}): ReactElement {
  if (quotas.kind === 'unlimited') {
    return (
      <>
        <p>No daily request quota applies: this account is free or billed by invoice.</p>
        <TodayUsed todayUsed={todayUsed} ownRows={false} noQuotaSaid />
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
              {q.chuteId !== '*' && byChute[q.chuteId] ? (
                <>
                  {' '}
                  (used today: <UsedToday chuteId={q.chuteId} todayUsed={todayUsed} byChute={byChute} />)
                </>
              ) : null}
            </li>
          ))}
        </ul>
        <TodayUsed todayUsed={todayUsed} ownRows={false} />
      </>
    );
  }
  // Older servers send no effective date, only when the quotas were last set: said as that.
  const effective = quotas.rows.some((r) => r.effectiveDate !== null);
  // Chutes with a quota of their own have a counter of their own: each row says its use today.
  const ownRows = quotas.rows.some((r) => r.chuteId !== '*');
  const counted = ownRows && todayUsed !== null && !('quota' in todayUsed && todayUsed.quota === 'unlimited');
  return (
    <>
      {quotas.tierUsd !== null ? (
        <p className="small">The default quota matches the {dollars(quotas.tierUsd)}/month subscription tier.</p>
      ) : null}
      <div className="table-wrap">
        <table aria-label="Quotas">
          <thead>
            <tr>
              <th>Chute</th>
              <th className={styles.num}>Requests per day</th>
              <th>{effective ? 'In effect since' : 'Quotas last set'}</th>
            </tr>
          </thead>
          <tbody>
            {quotas.rows.map((r) => {
              const when = effective ? r.effectiveDate : r.updatedAt;
              return (
                <tr key={r.chuteId}>
                  <td>
                    <Chute id={r.chuteId} names={names} />
                  </td>
                  <td className={styles.num}>
                    {count(r.quota)}
                    {counted ? (
                      <div className="small muted">
                        <UsedToday chuteId={r.chuteId} todayUsed={todayUsed} byChute={byChute} /> used today
                      </div>
                    ) : null}
                  </td>
                  <td>{when ? dateTime(when) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {quotas.rows.some((r) => r.quota === 0) ? (
        <p className="small muted">A quota of 0 means pay-as-you-go from the balance, with no free daily requests.</p>
      ) : null}
      <TodayUsed todayUsed={todayUsed} ownRows={ownRows} />
    </>
  );
}

function CapHead({ title, text }: { title: string; text: string }): ReactElement {
  return (
    <div className={styles.barHead}>
      <strong>{title}</strong>
      <span>{text}</span>
    </div>
  );
}

function CapBar({
  title,
  window,
  expected,
}: {
  title: string;
  window: CapWindow;
  /** Worked out when the server does not say (cap-reset.ts); marked as such. */
  expected: string | null;
}): ReactElement {
  const { usageUsd: used, capUsd: cap } = window;
  const usedText = used === null ? 'Usage not reported' : `${usd(used)} used`;
  if (window.uncapped || cap === null) {
    return (
      <div className={styles.bar}>
        <CapHead title={title} text={`${usedText} · ${window.uncapped ? 'no cap' : 'cap not reported'}`} />
      </div>
    );
  }
  const remaining = window.remainingUsd ?? (used === null ? null : Math.max(0, cap - used));
  const left = remaining === null ? '' : ` · ${cents(remaining)} left`;
  // The text says the real share (above 100% when spent past the cap); only the bar stops at full.
  const share = used !== null && cap > 0 ? used / cap : null;
  const fill = used === null ? null : cap > 0 ? Math.min(1, used / cap) : 1;
  const tone = fill === null ? '' : fill >= 1 ? styles.full : fill >= 0.8 ? styles.high : '';
  return (
    <div className={styles.bar}>
      <CapHead
        title={title}
        text={
          used === null
            ? `Usage not reported · cap ${cents(cap)}${left}`
            : `${cents(used)} of ${cents(cap)} used${share === null ? '' : ` (${percent(share)})`}${left}`
        }
      />
      {fill === null || used === null ? null : (
        <div
          className={styles.meter}
          role="progressbar"
          aria-label={`${title} used`}
          aria-valuemin={0}
          aria-valuemax={cap}
          aria-valuenow={Math.min(used, cap)}
          aria-valuetext={`${cents(used)} of ${cents(cap)}`}
        >
          <div className={`${styles.meterFill} ${tone}`} style={{ width: `${fill * 100}%` }} />
        </div>
      )}
      <span className="small muted">
        {window.resetAt
          ? `Resets ${dateTime(window.resetAt)}`
          : expected
            ? `Resets ${dateTime(expected)} (expected)`
            : 'The server did not say when this window resets.'}
      </span>
    </div>
  );
}

function Subscription({
  subscription: sub,
  freeAccount,
  asOf,
}: {
  subscription: AccountLimits['subscription'];
  freeAccount: boolean;
  /** When it was read: an expected reset is the next one after it. */
  asOf: string;
}): ReactElement {
  if (sub === null) return <p className="muted small">This server does not report subscriptions.</p>;
  if (!sub.subscribed)
    return (
      <p className="muted small">
        {/* A free account pays for nothing: "paid from the balance" would contradict its role. */}
        {freeAccount
          ? 'No subscription needed: this is a free account.'
          : 'No subscription: usage is paid from the balance.'}
      </p>
    );
  // Only the shape without an anchor date (Feb 2026) keeps calendar windows; a server that bills
  // from an anchor date says when its windows reset.
  const guess = (window: 'fourHour' | 'monthly') => (sub.anchorDate === null ? expectedReset(window, asOf) : null);
  return (
    <div className={styles.bars}>
      <p className="small">
        {sub.monthlyPriceUsd !== null ? `${usd(sub.monthlyPriceUsd)} per month` : 'Price not reported'}
        {sub.custom ? ' (custom plan)' : ''}
        {sub.anchorDate ? `, billed from ${utcDate(sub.anchorDate)}` : ''}. The plan covers usage (at Chutes&apos;
        prices) up to a cap per four-hour window and per month.
      </p>
      {sub.fourHour ? <CapBar title="Four-hour cap" window={sub.fourHour} expected={guess('fourHour')} /> : null}
      {sub.monthly ? <CapBar title="Monthly cap" window={sub.monthly} expected={guess('monthly')} /> : null}
    </div>
  );
}

/** Quotas, subscription caps and discounts (`../shared/reference/chutes-account-api.md` §3.2), read with a hotkey-login session. */
export function LimitsSection({
  data,
  error,
  fetching,
  canSign,
  seedInKeychain = false,
  onRefresh,
  updatedAt,
  chuteNames,
  freeAccount = false,
}: {
  data: AccountLimits | undefined;
  error: Error | null;
  fetching: boolean;
  canSign: boolean;
  /** Why nothing can be signed when `canSign` is false: no seed (false) or a keychain not answering (null). */
  seedInKeychain?: boolean | null;
  onRefresh: () => void;
  /** When the answer was read (the query's dataUpdatedAt). */
  updatedAt?: number;
  /** The account's chutes by id (Secrets' list): quotas and discounts name chutes by id only. */
  chuteNames: ReadonlyMap<string, string>;
  /** The overview reports the free_account role (limits themselves do not say it). */
  freeAccount?: boolean;
}): ReactElement {
  return (
    <section className="card" aria-labelledby="account-limits">
      <div className="section-head">
        <h2 id="account-limits">Quotas and subscription</h2>
        <div className="actions">
          {data ? <span className="small muted">As of {recentTime(data.asOf)}</span> : null}
          <RefreshButton
            what="quotas and subscription"
            fetching={fetching}
            canSign={canSign}
            onRefresh={onRefresh}
            updatedAt={updatedAt}
          />
        </div>
      </div>
      {!canSign ? <p className="muted">{needsSeed(seedInKeychain)}</p> : null}
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
            <Quotas
              quotas={data.quotas}
              todayUsed={data.todayUsed}
              byChute={data.usedTodayByChute}
              names={chuteNames}
            />
            <h3 className={styles.h3}>Discounts</h3>
            {data.discounts === null ? (
              <p className="muted small">This server does not report discounts.</p>
            ) : data.discounts.length === 0 ? (
              data.discountsLeftOut ? null : (
                <p className="muted small">No discounts.</p>
              )
            ) : (
              <ul aria-label="Discounts">
                {data.discounts.map((d) => (
                  <li key={d.chuteId}>
                    <Chute id={d.chuteId} names={chuteNames} />: <strong>{percent(d.fraction)} off</strong>
                  </li>
                ))}
              </ul>
            )}
            {data.discountsLeftOut ? (
              <p className="small">
                {data.discountsLeftOut === 1
                  ? 'One discount the server sent could not be read'
                  : `${count(data.discountsLeftOut)} discounts the server sent could not be read`}{' '}
                (not a chute with a fraction from 0 to 1 off), so {data.discountsLeftOut === 1 ? 'it is' : 'they are'}{' '}
                not shown.
              </p>
            ) : null}
          </div>
          <div>
            <h3 className={styles.h3}>Subscription</h3>
            <Subscription subscription={data.subscription} freeAccount={freeAccount} asOf={data.asOf} />
          </div>
        </div>
      ) : null}
    </section>
  );
}
