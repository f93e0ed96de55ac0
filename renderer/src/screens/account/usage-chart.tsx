import { useEffect, useRef, type ReactElement } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { UsageBucket } from '../../../../shared/account-screen';
import { chuteLabel } from '../../components/chute-name';
import styles from './account.module.css';
import { count, usd } from './format';

const HOUR = 3_600_000;
const COLOURS = ['#3b5bfd', '#d97706', '#137a4b', '#b42318', '#7c3aed', '#0e7490'];

/**
 * Hourly series with empty hours as 0, so gaps read as "nothing spent", not as a line across. A cut
 * answer holds the newest rows only: its hours start at the oldest one read, since older ones were
 * not read and drawing them as 0 would say nothing was spent.
 */
export function aligned(
  items: UsageBucket[],
  start: string,
  end: string,
  perChute: boolean,
  chuteNames: ReadonlyMap<string, string>,
  truncated: boolean,
): { data: uPlot.AlignedData; labels: string[] } {
  const oldest = truncated ? items[0]?.bucket : undefined;
  const first = Math.floor(Date.parse(oldest ?? start) / HOUR) * HOUR;
  const last = Math.floor(Date.parse(end) / HOUR) * HOUR;
  const hours: number[] = [];
  for (let t = first; t <= last; t += HOUR) hours.push(t / 1000);
  const index = new Map(hours.map((h, i) => [h, i]));
  const at = (bucket: string) => index.get(Math.floor(Date.parse(bucket) / HOUR) * (HOUR / 1000));
  if (!perChute) {
    const spend = hours.map(() => 0);
    const requests = hours.map(() => 0);
    for (const item of items) {
      const i = at(item.bucket);
      if (i === undefined) continue;
      spend[i] = (spend[i] ?? 0) + item.amountUsd;
      requests[i] = (requests[i] ?? 0) + item.requests;
    }
    return { data: [hours, spend, requests], labels: ['Spend', 'Requests'] };
  }
  // Per chute: the biggest spenders get their own line, the rest are summed.
  const byChute = new Map<string, number>();
  for (const item of items) byChute.set(item.chuteId ?? '—', (byChute.get(item.chuteId ?? '—') ?? 0) + item.amountUsd);
  const top = [...byChute.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([id]) => id);
  const series = top.map(() => hours.map(() => 0));
  const rest = hours.map(() => 0);
  for (const item of items) {
    const i = at(item.bucket);
    if (i === undefined) continue;
    const s = top.indexOf(item.chuteId ?? '—');
    const target = s >= 0 ? series[s] : rest;
    if (target) target[i] = (target[i] ?? 0) + item.amountUsd;
  }
  // The axis says USD per hour; the legend names each line only.
  const labels = top.map((id) => chuteLabel(id, chuteNames));
  const data: uPlot.AlignedData = [hours, ...series];
  if (byChute.size > top.length) {
    data.push(rest);
    labels.push('Other chutes');
  }
  return { data, labels };
}

/** The hour under the cursor in the legend; nothing while the cursor is off the chart (uPlot's "--"). */
const hourText = uPlot.fmtDate('{MMM} {D}, {h}:{mm} {AA}');

/** The usage chart (uPlot, loaded on demand so the first screen stays small). */
export default function UsageChart({
  items,
  start,
  end,
  perChute,
  chuteNames,
  truncated,
}: {
  /** Oldest first. */
  items: UsageBucket[];
  start: string;
  end: string;
  perChute: boolean;
  chuteNames: ReadonlyMap<string, string>;
  /** Only the newest rows of the range were read. */
  truncated: boolean;
}): ReactElement {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const { data, labels } = aligned(items, start, end, perChute, chuteNames, truncated);
    const width = () => Math.max(280, el.clientWidth);
    const series: uPlot.Series[] = [
      { label: 'Hour', value: (_u: uPlot, v: number | null) => (v === null ? '' : hourText(new Date(v * 1000))) },
      ...labels.map((label, i) => {
        const isRequests = !perChute && i === 1;
        return {
          label,
          stroke: COLOURS[i % COLOURS.length],
          width: 2,
          scale: isRequests ? 'req' : 'usd',
          value: (_u: uPlot, v: number | null) => (v === null ? '' : isRequests ? `${count(v)} req` : usd(v)),
          ...(isRequests ? {} : { fill: perChute ? undefined : 'rgba(59, 91, 253, 0.12)' }),
        } satisfies uPlot.Series;
      }),
    ];
    const axes: uPlot.Axis[] = [
      {},
      { scale: 'usd', label: 'USD per hour', values: (_u, ticks) => ticks.map((t) => usd(t)), size: 70 },
      ...(perChute
        ? []
        : [
            {
              scale: 'req',
              side: 1,
              label: 'Requests per hour',
              grid: { show: false },
              values: (_u: uPlot, ticks: number[]) => ticks.map((t) => count(t)),
              size: 60,
            } satisfies uPlot.Axis,
          ]),
    ];
    const plot = new uPlot(
      {
        width: width(),
        height: 260,
        series,
        axes,
        scales: {
          x: { time: true },
          usd: { range: (_u, _min, max) => [0, Math.max(max, 0.01)] },
          req: { range: (_u, _min, max) => [0, Math.max(max, 1)] },
        },
      },
      data,
      el,
    );
    const observer = new ResizeObserver(() => plot.setSize({ width: width(), height: 260 }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [items, start, end, perChute, chuteNames, truncated]);
  // One picture to a screen reader (uPlot's canvas and legend say nothing on their own): the totals
  // and the table on demand carry the same figures as text.
  return (
    <div
      ref={box}
      className={styles.chart}
      data-testid="usage-chart"
      role="img"
      aria-label="Chart of spend and requests per hour over the chosen range; the totals and the table hold the same figures as text."
    />
  );
}
