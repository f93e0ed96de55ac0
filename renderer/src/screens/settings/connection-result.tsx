import type { ReactElement, ReactNode } from 'react';
import { NONCE_WINDOW_SECONDS, type ConnectionReport, type UnreachableReport } from '../../../../shared/diagnostics';
import { dateTime, utcText } from '../../lib/date-time';
import styles from './settings.module.css';

const REASON_LABEL: Record<UnreachableReport['reason'], string> = {
  dns: 'Address not found (DNS)',
  refused: 'Connection refused',
  timeout: 'Timed out',
  tls: 'Secure connection failed (TLS)',
  reset: 'Connection closed',
  'non-json': 'Not a Chutes API',
  'http-status': 'Error answer',
  // A redirect, a port fetch will not use, an answer that is not HTTP, or nothing known: the message says which.
  other: 'The check could not be completed',
  'too-large': 'Answer too large',
};

/** Failures where nothing answered; for the others something did, or nothing was sent. */
const NO_ANSWER = new Set<UnreachableReport['reason']>(['dns', 'refused', 'timeout', 'tls', 'reset']);

/** The heading for an error status, as the message beneath it explains it (check-connection.ts). */
function statusLabel(status: number): string {
  if (status === 403) return 'Refused (HTTP 403)';
  if (status === 429) return 'Too many requests (HTTP 429)';
  if (status === 404) return 'Not a Chutes API (HTTP 404)';
  if (status >= 500) return `Server error (HTTP ${status})`;
  return `Request rejected (HTTP ${status})`;
}

function failureLabel(report: UnreachableReport): string {
  return report.reason === 'http-status' && report.status !== undefined
    ? statusLabel(report.status)
    : REASON_LABEL[report.reason];
}

/** "Unreachable" only where nothing answered: a page, a redirect or a refused port is not that. */
function failureBadge(report: UnreachableReport): string {
  if (NO_ANSWER.has(report.reason)) return 'Unreachable';
  return report.reason === 'other' ? 'Check failed' : 'Not usable';
}

export function formatDuration(totalSeconds: number): string {
  const s = Math.abs(totalSeconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return s % 60 === 0 ? `${minutes} min` : `${minutes} min ${s % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function clockSentence(report: Extract<ConnectionReport, { reachable: true }>): string {
  if (report.skewSeconds === null) return 'The server sent no time, so your clock could not be compared.';
  const direction = report.skewSeconds > 0 ? 'ahead of' : 'behind';
  const off = formatDuration(report.skewSeconds);
  switch (report.skew) {
    case 'ok':
      return report.skewSeconds === 0
        ? 'Your clock matches the server.'
        : `Your clock is ${off} ${direction} the server: fine.`;
    case 'warning':
      return `Your clock is ${off} ${direction} the server. Chutes refuses signed requests at ${NONCE_WINDOW_SECONDS / 60} minutes: turn on automatic time (NTP) now.`;
    case 'rejected':
      return `Your clock is ${off} ${direction} the server. Chutes will refuse every signed request until you correct it: turn on automatic time (NTP).`;
    case 'unknown':
      return 'Your clock could not be compared.';
  }
}

/** `children`: what the result means for the screen showing it, said in the same box. */
export function ConnectionResult({
  report,
  children,
}: {
  report: ConnectionReport;
  children?: ReactNode;
}): ReactElement {
  if (!report.reachable) {
    return (
      <div className={`${styles.result} ${styles.resultBad}`} role="status" aria-label="Connection result">
        <span className="badge badge-bad">{failureBadge(report)}</span>
        <strong>{failureLabel(report)}</strong>
        <p>{report.message}</p>
        <p className="muted small">
          Tried <code>{report.url}</code>
        </p>
        {children}
      </div>
    );
  }
  const skewClass =
    report.skew === 'rejected' ? styles.resultBad : report.skew === 'warning' ? styles.resultWarn : styles.resultGood;
  const reached = `${new URL(report.url).host} answered in ${report.latencyMs} ms`;
  // A clock that Chutes will (or soon will) refuse is the news; that the server answered comes second.
  const clockFirst = report.skew === 'warning' || report.skew === 'rejected';
  return (
    <div className={`${styles.result} ${skewClass}`} role="status" aria-label="Connection result">
      {clockFirst ? (
        <>
          {/* One signal per box: the badge has the box's colour, and that the server answered is plain text. */}
          <span className={`badge ${report.skew === 'rejected' ? 'badge-bad' : 'badge-warn'}`}>Clock skew</span>
          <strong className={styles.skewWarning}>{clockSentence(report)}</strong>
          <p className="small">The server is reachable: {reached}.</p>
        </>
      ) : (
        <>
          <span className="badge badge-good">Reachable</span>
          <strong>{reached}</strong>
          <p>{clockSentence(report)}</p>
        </>
      )}
      {report.serverTime ? (
        <p className="muted small" title={utcText(report.serverTime)}>
          Server time {dateTime(report.serverTime, { seconds: true })}
        </p>
      ) : null}
      {children}
    </div>
  );
}
