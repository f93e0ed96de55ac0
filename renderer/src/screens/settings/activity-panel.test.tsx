import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityEntry, ActivityPage } from '../../../../shared/activity';
import { ActivityPanel } from './activity-panel';

afterEach(() => {
  delete (window as { chutes?: unknown }).chutes;
});

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
const call = (minute: number, extra: Partial<ActivityEntry> = {}): ActivityEntry => ({
  time: at(minute),
  method: 'GET',
  path: '/users/me',
  auth: 'hotkey',
  status: 200,
  durationMs: 5,
  ...extra,
});
const page = (entries: ActivityEntry[], extra: Partial<ActivityPage> = {}): ActivityPage => ({
  entries,
  more: false,
  olderNotRead: false,
  olderFileProblem: null,
  notRecorded: null,
  ...extra,
});

const HK1 = '5DtMhYRsAaWbSo8nrhBsRWMHpgr8zV6z7F1UxA63kFWoW8uo';
const STRANGER = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

/** The panel over a fake main answering `answer(input)`; the inputs it was asked with. */
function showPanel(answer: (input: { limit?: number; before?: string }) => ActivityPage) {
  const asked: Array<{ limit?: number; before?: string }> = [];
  const wallets = {
    wallets: [{ id: 'w', name: 'alpha', hotkeys: [{ id: 'h', name: 'hk1', ss58: HK1 }] }],
    seedsInKeychain: [],
    keychain: { available: true },
  };
  (window as { chutes?: unknown }).chutes = {
    listActivity: (input: { limit?: number; before?: string }) => {
      asked.push(input);
      return Promise.resolve({ ok: true, value: answer(input) });
    },
    listProfiles: () => Promise.resolve({ ok: true, value: { profiles: [], activeId: null } }),
    listWallets: () => Promise.resolve({ ok: true, value: wallets }),
  };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ActivityPanel />
    </QueryClientProvider>,
  );
  return asked;
}

const rows = () =>
  within(screen.getByRole('table', { name: 'Signed calls' }))
    .getAllByRole('row')
    .slice(1);

describe('ActivityPanel', () => {
  it('says how many are shown and shows older calls on request, newest start first', async () => {
    const asked = showPanel(({ before }) =>
      before === undefined
        ? page([call(9), call(8, { path: '/a' }), call(8, { path: '/a' })], { more: true })
        : page([call(3, { status: undefined, failure: 'other' }), call(2, { status: undefined, failure: 'non-json' })]),
    );
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.getByText(/Showing the newest 3 calls\./)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show 100 older calls' }));
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(asked).toEqual([{ limit: 100 }, { limit: 100, before: at(8) }]);
    expect(screen.getByText('All 5 recorded calls are shown.')).toBeTruthy();
    expect(screen.queryByText(/Showing the newest/)).toBeNull();
    expect(screen.queryByRole('button', { name: /older calls/ })).toBeNull();
    expect(rows().map((row) => row.querySelector('time')?.getAttribute('datetime'))).toEqual([9, 8, 8, 3, 2].map(at));
    // Failure kinds in words, not codes.
    expect(rows()[3]?.textContent).toContain('failed, no answer');
    expect(rows()[4]?.textContent).toContain('answer not from the API');
    expect(screen.queryByText('non-json')).toBeNull();
  });

  it('says one call in the singular when it is all there is', async () => {
    showPanel(() => page([call(1)]));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByText('All 1 recorded call is shown.')).toBeTruthy();
  });

  it('names the signing hotkey with the ends of its address, the whole address in the tooltip and for screen readers', async () => {
    showPanel(() => page([call(2, { hotkey: HK1 }), call(1, { hotkey: STRANGER })]));
    await waitFor(() => expect(rows()[0]?.textContent).toContain('alpha/hk1 '));
    const known = rows()[0]!;
    expect(within(known).getByText('5DtMhY…WoW8uo').getAttribute('aria-hidden')).toBe('true');
    expect(within(known).getByText(HK1).className).toBe('sr-only');
    expect(within(known).getByTitle(HK1)).toBeTruthy();
    // One the app has no name for: the address alone.
    expect(rows()[1]?.textContent).toContain('hotkey signature5Grwva…GKutQY');
  });

  it('says when calls could not be recorded, and when the older file or older calls are not shown', async () => {
    showPanel(() =>
      page([call(1)], {
        olderNotRead: true,
        olderFileProblem:
          'The older activity file could not be read, so the calls in it are not shown: it is a folder.',
        notRecorded: {
          count: 4,
          since: at(0),
          why: 'activity.jsonl is full, and moving it to activity.jsonl.1 failed.',
        },
      }),
    );
    await waitFor(() => expect(rows()).toHaveLength(1));
    const text = document.body.textContent ?? '';
    expect(text).toContain('4 calls since');
    expect(text).toContain('could not be recorded, so they are missing from this list: activity.jsonl is full');
    expect(text).not.toContain('Every call this app signed');
    expect(text).toContain('The older activity file could not be read');
    expect(text).toContain('Older calls are in the log file, but too far back to show here.');
  });

  it('names the server of each call, the account a fingerprint was for, and a status whose answer was cut off', async () => {
    showPanel(() =>
      page([
        call(3, { server: 'https://api.chutes.ai', auth: 'fingerprint', hotkey: HK1, method: 'DELETE' }),
        call(2, { server: 'http://127.0.0.1:8080', status: 200, bodyFailure: 'cut-off' }),
        call(1, { status: 200, bodyFailure: 'too-large' }),
        call(0, { server: 'http://chutes.lan:8000' }),
      ]),
    );
    await waitFor(() => expect(rows()).toHaveLength(4));
    const [fingerprint, local, old, plain] = rows();
    // As profile cards say it: http:// only for a plain-text server that is not this machine.
    expect(plain?.textContent).toContain('on http://chutes.lan:8000');
    expect(fingerprint?.textContent).toContain('on api.chutes.ai');
    expect(fingerprint?.textContent).not.toContain('https://');
    expect(fingerprint?.textContent).toContain('fingerprintaccount of alpha/hk1 5DtMhY…WoW8uo');
    expect(local?.textContent).toContain('on 127.0.0.1:8080');
    expect(local?.textContent).not.toContain('http://');
    expect(local?.textContent).toContain('200, answer cut off');
    expect(within(local!).getByText(/200, answer cut off/).className).toBe('bad-text');
    // An entry from before the server was kept reads without one.
    expect(old?.textContent).not.toContain(' on ');
    expect(old?.textContent).toContain('200, answer too large');
  });
});
