import { polkadotIcon } from '@polkadot/ui-shared/icons/polkadot';
import { useMemo, type ReactElement } from 'react';

/**
 * The polkadot circle identicon for an SS58 address — the picture polkadot.js, Talisman and
 * SubWallet show for the same address, so a user can match it across tools at a glance. A visual
 * aid only: the full address is always shown beside it.
 */
export function Identicon({ address, size = 28 }: { address: string; size?: number }): ReactElement {
  const circles = useMemo(() => {
    try {
      return polkadotIcon(address, { isAlternative: false });
    } catch {
      return null; // not a decodable address: an empty circle, never a crash
    }
  }, [address]);
  return (
    <svg className="identicon" width={size} height={size} viewBox="0 0 64 64" aria-hidden="true">
      {circles ? (
        circles.map((c, i) => <circle key={i} cx={c.cx} cy={c.cy} r={c.r} fill={c.fill} />)
      ) : (
        <circle cx={32} cy={32} r={32} fill="#eee" />
      )}
    </svg>
  );
}
