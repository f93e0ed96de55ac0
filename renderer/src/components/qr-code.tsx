import { useMemo, type ReactElement } from 'react';
import { encode } from 'uqr';

/**
 * A QR code drawn as one SVG path (no HTML injection): for addresses a phone wallet scans. The
 * label names what it encodes, since a screen reader cannot read the picture.
 */
export function QrCode({ text, label, size = 168 }: { text: string; label: string; size?: number }): ReactElement {
  const { path, cells } = useMemo(() => {
    const qr = encode(text, { border: 2, ecc: 'M' });
    let d = '';
    qr.data.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      });
    });
    return { path: d, cells: qr.size };
  }, [text]);
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${cells} ${cells}`}
      shapeRendering="crispEdges"
      style={{ background: '#fff', borderRadius: 6 }}
    >
      <path d={path} fill="#111" />
    </svg>
  );
}
