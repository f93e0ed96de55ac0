import { encode } from 'uqr';
import { useMemo, type ReactElement } from 'react';

/**
 * A QR code drawn as one SVG path from uqr's module matrix (no HTML injection, scales crisply).
 * `label` says what it encodes, for screen readers.
 */
export function QrCode({ value, label, size = 168 }: { value: string; label: string; size?: number }): ReactElement {
  const { path, modules } = useMemo(() => {
    const { data } = encode(value, { border: 2, ecc: 'M' });
    let d = '';
    data.forEach((row, y) => row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }));
    return { path: d, modules: data.length };
  }, [value]);
  return (
    <svg role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${modules} ${modules}`} shapeRendering="crispEdges">
      <rect width={modules} height={modules} fill="#fff" />
      <path d={path} fill="#0f1420" />
    </svg>
  );
}
