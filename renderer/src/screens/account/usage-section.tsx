import { FormProblem, problemProps } from '../../components/form-parts';
import { lazy, Suspense, useMemo, useState, type FormEvent, type ReactElement } from 'react';
import type { ProfileView } from '../../../../shared/profiles';
import { ChuteName } from '../../components/chute-name';
import { ErrorNotice } from '../../components/error-notice';
import { useChannel } from '../../api/hooks';
import styles from './account.module.css';
import { dateTime, recentTime } from '../../lib/date-time';
import { count, needsSeed, usd } from './format';
import { RefreshButton } from './refresh-button';
import { useChuteNamesFor } from './use-chute-names';

// uPlot is only fetched when a chart is drawn: the first screen stays small.
const UsageChart = lazy(() => import('./usage-chart'));

const DAY = 86_400_000;
const PRESETS = [
  { id: '24h', label: 'Last 24 hours', ms: DAY },
  { id: '7d', label: 'Last 7 days', ms: 7 * DAY },
  { id: '30d', label: 'Last 30 days', ms: 30 * DAY },
] as const;

interface Range {
  start: string;
  end: string;
}

/** The range ends at the end of the hour `now` falls in, so this hour's bucket is included. */
function lastMs(ms: number, now: number): Range {
  const end = Math.ceil((now + 1) / 3_600_000) * 3_600_000 - 1000;
  return { start: new Date(end - ms + 1000).toISOString(), end: new Date(end).toISOString() };
}

const dayInput = (iso: string) => iso.slice(0, 10);

/** Hourly spend and requests over a chosen range (`../shared/reference/chutes-account-api.md` §3.3), with totals; per chute and the table on demand. */
export function UsageSection({
  canSign,
  profile,
  chuteNames,
}: {
  canSign: boolean;
  profile: ProfileView;
  /** The account's chutes by id (Secrets' list): usage names chutes by id only; others' are asked for here. */
  chuteNames: ReadonlyMap<string, string>;
}): ReactElement {
  const [preset, setPreset] = useState<string>('7d');
  // A preset is kept as its id and worked out from when it was last asked for (picked or
  // refreshed): "Last 24 hours" refreshed later is the 24 hours before then, as "As of" says.
  const [askedAt, setAskedAt] = useState(() => Date.now());
  const [custom, setCustom] = useState<Range>(() => lastMs(7 * DAY, askedAt));
  const presetMs = PRESETS.find((x) => x.id === preset)?.ms;
  const range = presetMs === undefined ? custom : lastMs(presetMs, askedAt);
  const [perChute, setPerChute] = useState(false);
  const [showTable, setShowTable] = useState(false);
  const [from, setFrom] = useState(dayInput(range.start));
  const [to, setTo] = useState(dayInput(range.end));
  const [problem, setProblem] = useState<string | null>(null);
  const usage = useChannel('accountUsage', { ...range, perChute }, { enabled: canSign, staleTime: 60_000 });

  const choosePreset = (id: string) => {
    setPreset(id);
    const p = PRESETS.find((x) => x.id === id);
    // Custom starts from the range on screen until dates are applied.
    if (!p) return setCustom(range);
    const now = Date.now();
    const r = lastMs(p.ms, now);
    setAskedAt(now);
    setFrom(dayInput(r.start));
    setTo(dayInput(r.end));
    setProblem(null);
  };
  const refresh = () => {
    const now = Date.now();
    // A new hour makes a new range, which is read as soon as it is set; within the hour it is the same one.
    if (presetMs !== undefined && lastMs(presetMs, now).end !== range.end) return setAskedAt(now);
    void usage.refetch();
  };
  const applyDates = (event: FormEvent) => {
    event.preventDefault();
    const start = Date.parse(`${from}T00:00:00Z`);
    const end = Date.parse(`${to}T23:59:59Z`);
    if (Number.isNaN(start) || Number.isNaN(end)) return setProblem('Enter both dates.');
    if (start > end) return setProblem('The range starts after it ends.');
    if (end - start > 93 * DAY) return setProblem('Choose at most 93 days.');
    setProblem(null);
    setPreset('custom');
    setCustom({ start: new Date(start).toISOString(), end: new Date(end).toISOString() });
  };

  // A disabled query still holds its last answer: without a signature it is not shown as current.
  const data =
    canSign &&
    usage.data &&
    usage.data.account.userId === profile.userId &&
    usage.data.account.baseUrl === profile.baseUrl
      ? usage.data
      : undefined;
  const usedIds = useMemo(() => (data?.perChute ? new Set(data.items.map((i) => i.chuteId)) : []), [data]);
  const names = useChuteNamesFor(usedIds, chuteNames, canSign);
  return (
    <section className="card" aria-labelledby="account-usage">
      <div className="section-head">
        <h2 id="account-usage">Usage</h2>
        <div className="actions">
          {data ? <span className="small muted">As of {recentTime(data.asOf)}</span> : null}
          <RefreshButton
            what="usage"
            fetching={usage.isFetching}
            canSign={canSign}
            onRefresh={refresh}
            updatedAt={usage.dataUpdatedAt}
          />
        </div>
      </div>
      {/* Nothing to choose a range of until usage can be read. */}
      {canSign ? (
        <form className={styles.controls} onSubmit={applyDates} aria-label="Usage range">
          <label>
            Range
            <select value={preset} onChange={(e) => choosePreset(e.target.value)}>
              {PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
              <option value="custom">Custom dates (UTC)</option>
            </select>
          </label>
          {/* Dates only for a custom range: beside a preset they showed whole days the range is not. */}
          {preset === 'custom' ? (
            <>
              <label>
                From (UTC)
                <input
                  type="date"
                  value={from}
                  {...problemProps(problem, 'usage-range-problem')}
                  onChange={(e) => setFrom(e.target.value)}
                />
              </label>
              <label>
                To (UTC)
                <input
                  type="date"
                  value={to}
                  {...problemProps(problem, 'usage-range-problem')}
                  onChange={(e) => setTo(e.target.value)}
                />
              </label>
              <button type="submit">Apply dates</button>
            </>
          ) : null}
          <label className="choice">
            <input type="checkbox" checked={perChute} onChange={(e) => setPerChute(e.target.checked)} />
            <span>Per chute</span>
          </label>
        </form>
      ) : null}
      <FormProblem text={problem} id="usage-range-problem" />
      {!canSign ? <p className="muted">{needsSeed(profile.seedInKeychain)}</p> : null}
      {usage.error ? <ErrorNotice error={usage.error} /> : null}
      {canSign && !data && !usage.error ? (
        <p className="muted" role="status">
          Reading usage…
        </p>
      ) : null}
      {data ? (
        <>
          <p className="small muted">
            {dateTime(data.start)} – {dateTime(data.end)}, hourly buckets (UTC hours shown in your local time).
          </p>
          <div className={styles.totals} role="group" aria-label="Usage totals">
            <div className={styles.total}>
              <span className="small muted">Spent</span>
              <span className={styles.totalValue}>{usd(data.totals.amountUsd)}</span>
            </div>
            <div className={styles.total}>
              <span className="small muted">Requests</span>
              <span className={styles.totalValue}>{count(data.totals.requests)}</span>
            </div>
            <div className={styles.total}>
              <span className="small muted">Tokens in / out</span>
              <span className={styles.totalValue}>
                {count(data.totals.inputTokens)} / {count(data.totals.outputTokens)}
              </span>
            </div>
          </div>
          {data.truncated ? (
            <p className="small">
              This range has more rows than one reading carries: the chart and totals cover only
              {data.items[0] ? ` from ${dateTime(data.items[0].bucket)} on` : ' the newest hours'}. Narrow the range for
              all of it.
            </p>
          ) : null}
          {data.items.length === 0 ? (
            <p className="empty">No usage in this range.</p>
          ) : (
            <Suspense fallback={<div className={styles.chartFallback}>Loading the chart…</div>}>
              <UsageChart
                items={data.items}
                start={data.start}
                end={data.end}
                perChute={data.perChute}
                chuteNames={names}
                truncated={data.truncated}
              />
            </Suspense>
          )}
          <div className="actions">
            <button
              type="button"
              aria-expanded={showTable}
              onClick={() => setShowTable((v) => !v)}
              disabled={data.items.length === 0}
            >
              {showTable ? 'Hide table' : 'Show table'}
            </button>
          </div>
          {showTable ? (
            <div className="table-wrap">
              <table aria-label="Usage by hour">
                <thead>
                  <tr>
                    <th>Hour</th>
                    {data.perChute ? <th>Chute</th> : null}
                    <th className={styles.num}>Spent (USD)</th>
                    <th className={styles.num}>Requests</th>
                    <th className={styles.num}>Tokens in</th>
                    <th className={styles.num}>Tokens out</th>
                  </tr>
                </thead>
                <tbody>
                  {[...data.items].reverse().map((i) => (
                    <tr key={`${i.bucket}|${i.chuteId ?? ''}`}>
                      <td className="nowrap">{dateTime(i.bucket)}</td>
                      {data.perChute ? (
                        <td>{i.chuteId === null ? '—' : <ChuteName id={i.chuteId} names={names} />}</td>
                      ) : null}
                      <td className={styles.num}>{usd(i.amountUsd)}</td>
                      <td className={styles.num}>{count(i.requests)}</td>
                      <td className={styles.num}>{count(i.inputTokens)}</td>
                      <td className={styles.num}>{count(i.outputTokens)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
