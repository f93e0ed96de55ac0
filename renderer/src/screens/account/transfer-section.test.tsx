import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { appError } from '../../../../shared/errors';
import { lostTransferReading, TransferSection } from './transfer-section';
import { EMPTY_TRANSFER, updateTransfer } from './transfer-store';

const sent = {
  status: 'sent' as const,
  target: 'bob',
  result: { transferredUsd: 2.5, toUser: 'u-bob', fromBalanceUsd: 7.5, toBalanceUsd: 2.5, at: '2026-12-06T22:00:00Z' },
};

afterEach(() => updateTransfer('p1', EMPTY_TRANSFER));

const client = new QueryClient();
const section = (balanceUsd: number | null) => (
  <QueryClientProvider client={client}>
    <TransferSection
      profileId="p1"
      canSign
      balance={{ usd: balanceUsd, asOf: '2026-12-06T22:01:00Z', fetching: false, refresh: () => undefined }}
    />
  </QueryClientProvider>
);

describe('a transfer that was sent', () => {
  it("says the answer is Chutes' stored balance, and why the one above differs only while it does", () => {
    updateTransfer('p1', { attempt: sent });
    const view = render(section(10));
    const text = () => screen.getByRole('status').textContent;
    expect(text()).toContain("Chutes' stored balance is now $7.50 (at ");
    expect(text()).toContain(
      '; the balance above also subtracts what running private instances have used, and is recalculated about once a minute.',
    );
    expect(text()).not.toContain('catches up');
    view.rerender(section(7.5));
    expect(text()).toMatch(/stored balance is now \$7\.50 \(at [^)]+\)\.New transfer$/);
    expect(text()).not.toContain('private instances');
  });
});

describe('a transfer whose answer was lost', () => {
  const lost = (balanceUsd: number, asOf: string) => (
    <QueryClientProvider client={client}>
      <TransferSection
        profileId="p1"
        canSign
        balance={{ usd: balanceUsd, asOf, fetching: false, refresh: () => undefined }}
      />
    </QueryClientProvider>
  );

  /** $1 to bob sent with $7.50 in the account, and its answer lost. */
  const lostTransfer = () =>
    updateTransfer('p1', {
      reviewed: { target: 'bob', amountUsd: 1 },
      attempt: {
        status: 'failed',
        error: appError('network', 'No answer', undefined, 'answer-lost'),
        before: { usd: 7.5, asOf: '2026-12-06T22:00:00Z' },
      },
    });

  it('gives its verdict as a status, replaced when a new balance comes', () => {
    lostTransfer();
    const view = render(lost(7.5, '2026-12-06T22:00:00Z'));
    const check = screen.getByRole('group', { name: 'Did it go through?' });
    expect(within(check).getByRole('status').textContent).toContain('No change yet.');
    // Until then the "may or may not" error stands above it.
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    view.rerender(lost(6.5, '2026-12-06T22:01:00Z'));
    const verdict = within(check).getByRole('status').textContent;
    expect(verdict).toContain('It fell by $1.00: the transfer most likely went through.');
    expect(verdict).not.toContain('No change yet.');
    // The verdict settles it: no red error contradicting the green one, and no way back to the same transfer.
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: 'New transfer' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Back to the form' })).toBeNull();
  });

  it('with no balance known from before, says the balance cannot tell and to ask the recipient', () => {
    updateTransfer('p1', {
      reviewed: { target: 'bob', amountUsd: 1 },
      attempt: {
        status: 'failed',
        error: appError('network', 'No answer', undefined, 'answer-lost'),
        before: { usd: null, asOf: null },
      },
    });
    render(lost(6.5, '2026-12-06T22:01:00Z'));
    const verdict = within(screen.getByRole('group', { name: 'Did it go through?' })).getByRole('status').textContent;
    expect(verdict).toContain(
      'the app cannot tell from the balance whether it went through. Ask bob whether it arrived',
    );
    expect(verdict).not.toContain('did not go through');
    // Still may or may not have gone: the error stays.
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('keeps the error while the balance shows only other charges', () => {
    lostTransfer();
    render(lost(7.3, '2026-12-06T22:01:00Z'));
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toContain('It fell by $0.20, less than the transfer');
  });
});

describe('what the balance says about a transfer whose answer was lost', () => {
  it('a drop of the amount (or more) most likely is the transfer; none is "not yet"; less is other charges', () => {
    expect(lostTransferReading(7.5, 6.5, 1)).toBe('went');
    expect(lostTransferReading(7.5, 6.2, 1)).toBe('went');
    expect(lostTransferReading(7.5, 7.5, 1)).toBe('not-yet');
    expect(lostTransferReading(7.5, 7.3, 1)).toBe('other-charges');
    // The whole balance: gone to (about) nothing.
    expect(lostTransferReading(7.5, 0.001, undefined)).toBe('went');
    expect(lostTransferReading(7.5, 7.5, undefined)).toBe('not-yet');
    expect(lostTransferReading(null, 6.5, 1)).toBeNull();
  });
});
