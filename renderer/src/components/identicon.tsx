import type { ReactElement } from 'react';

/** FNV-1a over the address: enough spread for a picture, no crypto needed in the page. */
function hash(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A 5×5 mirrored pattern derived from an SS58 address, so two addresses that differ anywhere look
 * different at a glance. A visual aid only: the full address is always shown beside it.
 */
export function Identicon({ address, size = 28 }: { address: string; size?: number }): ReactElement {
  const bits = hash(address, 1);
  const hue = hash(address, 2) % 360;
  const cells: ReactElement[] = [];
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 3; x++) {
      if ((bits >>> (y * 3 + x)) & 1) {
        cells.push(<rect key={`${x}-${y}`} x={x} y={y} width={1} height={1} />);
        if (x < 2) cells.push(<rect key={`m${x}-${y}`} x={4 - x} y={y} width={1} height={1} />);
      }
    }
  }
  return (
    <svg className="identicon" width={size} height={size} viewBox="-0.5 -0.5 6 6" aria-hidden="true">
      <rect x={-0.5} y={-0.5} width={6} height={6} rx={1.2} fill={`hsl(${hue} 45% 94%)`} />
      <g fill={`hsl(${hue} 60% 42%)`}>{cells}</g>
    </svg>
  );
}
