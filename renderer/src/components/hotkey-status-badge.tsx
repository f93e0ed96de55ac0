import type { ReactElement } from 'react';
import type { HotkeyStatus } from '../../../shared/wallets';
import { Badge, type Tone } from './badge';

/**
 * What a hotkey file that cannot sign is, in the one word every screen uses for it (Profiles &
 * hotkeys, the Register wizard); the scan's own message says why beside it. None for an `ok` file.
 */
export const HOTKEY_STATUS_BADGE: Partial<Record<HotkeyStatus, { tone: Tone; label: string }>> = {
  'public-only': { tone: 'neutral', label: 'Public only' },
  encrypted: { tone: 'neutral', label: 'Encrypted' },
  unreadable: { tone: 'bad', label: 'Unreadable' },
  malformed: { tone: 'bad', label: 'Unreadable' },
  'too-large': { tone: 'bad', label: 'Unreadable' },
  'seed-mismatch': { tone: 'bad', label: 'Seed does not match address' },
};

export function HotkeyStatusBadge({ status }: { status: HotkeyStatus }): ReactElement | null {
  const badge = HOTKEY_STATUS_BADGE[status];
  return badge ? <Badge tone={badge.tone}>{badge.label}</Badge> : null;
}
