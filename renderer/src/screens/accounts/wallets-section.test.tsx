import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeychainSeed } from '../../../../shared/keychain';
import type { HotkeyEntry, WalletsView } from '../../../../shared/wallets';
import { WalletsSection } from './wallets-section';

const ON_DISK = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const ELSEWHERE = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';

const HOTKEY: HotkeyEntry = {
  id: 'hk1',
  name: 'hk1',
  fileName: 'hk1',
  status: 'ok',
  ss58: ON_DISK,
  hasSeed: true,
  permissions: { status: 'private', mode: 0o600 },
};

/** The list as main answers it: `seeds` null while the keychain has not answered. */
function viewWith(seeds: KeychainSeed[] | null, waiting = false): WalletsView {
  return {
    walletsPath: '/home/u/.bittensor/wallets',
    status: 'ok',
    seedsVerified: false,
    folder: { source: 'default', defaultPath: '/home/u/.bittensor/wallets' },
    keychain: seeds ? { available: true } : { available: false, waiting },
    seedsInKeychain: seeds,
    wallets: [
      {
        id: 'alpha',
        name: 'alpha',
        status: 'ok',
        coldkey: { status: 'missing', hasPrivateColdkey: false },
        hotkeysFolder: 'ok',
        hotkeys: [HOTKEY],
      } as WalletsView['wallets'][number],
    ],
  };
}

const SEEDS: KeychainSeed[] = [
  { ss58: ON_DISK, label: 'hk1', addedAt: null },
  { ss58: ELSEWHERE, label: 'default', addedAt: null },
];

afterEach(() => {
  delete (window as { chutes?: unknown }).chutes;
});

function renderSection(view: WalletsView): (next: WalletsView) => void {
  const answers: Record<string, unknown> = { listProfiles: { profiles: [], activeId: null }, seedCopies: [] };
  // A look-up never answers here: its panel is what is watched, not its result.
  (window as { chutes?: unknown }).chutes = new Proxy(
    {},
    {
      get: (_, channel: string) => () =>
        channel in answers ? Promise.resolve({ ok: true, value: answers[channel] }) : new Promise(() => undefined),
    },
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const ui = (v: WalletsView): ReactElement => (
    <QueryClientProvider client={client}>
      <WalletsSection view={v} error={null} onRescan={() => undefined} />
    </QueryClientProvider>
  );
  const { rerender } = render(ui(view));
  return (next) => rerender(ui(next));
}

describe('WalletsSection while the keychain does not answer', () => {
  it('keeps the keychain-only rows last seen, marked unconfirmed, with their open question, until the keychain says the seed is gone', async () => {
    const update = renderSection(viewWith(SEEDS));
    const named = `default (${ELSEWHERE.slice(0, 6)}…${ELSEWHERE.slice(-6)})`;
    fireEvent.click(screen.getByRole('button', { name: `Remove from keychain: ${named}` }));
    const box = await screen.findByRole('checkbox', { name: /I have another copy/ });
    fireEvent.click(box);
    expect(screen.queryByText('Not confirmed')).toBeNull();

    update(viewWith(null, true));
    const row = screen.getByRole('listitem', { name: `Hotkey ${named}` });
    expect(within(row).getByText('Not confirmed')).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /I have another copy/ }).checked).toBe(true);

    // Answered again, still there: confirmed, the question as it was.
    update(viewWith(SEEDS));
    expect(screen.queryByText('Not confirmed')).toBeNull();
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /I have another copy/ }).checked).toBe(true);

    // The keychain says it is gone: the row and its question go.
    update(viewWith([SEEDS[0]!]));
    expect(screen.queryByRole('listitem', { name: `Hotkey ${named}` })).toBeNull();
  });

  it("keeps a wallet row's look-up open while the keychain does not answer, and closes it once the seed is gone", () => {
    const update = renderSection(viewWith(SEEDS));
    fireEvent.click(screen.getByRole('button', { name: 'Look up account: alpha/hk1' }));
    const panelText = () => screen.queryByText('Asking Chutes…');
    expect(panelText()).not.toBeNull();
    update(viewWith(null, true));
    expect(panelText()).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Look up account: alpha/hk1' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    update(viewWith([SEEDS[1]!]));
    expect(panelText()).toBeNull();
  });
});
