import { useMemo, type ReactElement } from 'react';
import { encode } from 'uqr';

/**
 * A QR code drawn as one SVG path (no HTML injection): for addresses a phone wallet scans. The
 * label names what it encodes, since a screen reader cannot read the picture.
 */
export function QrCode({ text, label, size = 168 }: { text: string; label: string; size?: number }): ReactElement {
  const drawn = useMemo(() => {
    let qr: ReturnType<typeof encode>;
    try {
      qr = encode(text, { border: 2, ecc: 'M' });
    } catch {
      // More than a QR code holds: no real address is, but a server can send anything.
      return null;
    }
    let d = '';
    qr.data.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      });
    });
    return { path: d, cells: qr.size };
  }, [text]);
  if (!drawn)
    return (
      <p className="small muted" role="note">
        Too long for a QR code ({text.length.toLocaleString('en-US')} characters): copy it instead.
      </p>
    );
  const { path, cells } = drawn;
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
