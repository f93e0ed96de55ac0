import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccountLimits, CapWindow } from '../../../../shared/account-screen';
import { dateTime } from '../../lib/date-time';
import { LimitsSection } from './limits-section';

const base: AccountLimits = {
  account: { userId: 'u', baseUrl: 'https://api.chutes.ai' },
  quotas: { kind: 'unlimited' },
  todayUsed: null,
  usedTodayByChute: {},
  subscription: { subscribed: false },
  discounts: [],
  asOf: '2026-12-06T22:00:00Z',
};

const show = (over: Partial<AccountLimits>, freeAccount = false) =>
  render(
    <LimitsSection
      data={{ ...base, ...over }}
      error={null}
      fetching={false}
      canSign
      onRefresh={() => undefined}
      chuteNames={new Map()}
      freeAccount={freeAccount}
    />,
  );

const region = () => screen.getByRole('region', { name: 'Quotas and subscription' });

const capWindow = (w: Partial<CapWindow>): CapWindow => ({
  usageUsd: null,
  capUsd: null,
  remainingUsd: null,
  resetAt: null,
  uncapped: false,
  ...w,
});
const subscribed = (monthly: CapWindow) =>
  ({
    subscribed: true,
    monthlyPriceUsd: 10,
    custom: false,
    anchorDate: null,
    fourHour: null,
    monthly,
  }) as const;

describe("today's use", () => {
  it('shows no count for an account the server does not count', () => {
    show({ quotas: { kind: 'default', perDay: [{ chuteId: '*', quota: 200 }] }, todayUsed: { quota: 'unlimited' } });
    expect(region().textContent).toContain('not counted');
    expect(region().textContent).not.toContain('Used today');
  });

  it('says "no daily quota" once, not again as "not counted"', () => {
    show({ quotas: { kind: 'unlimited' }, todayUsed: { quota: 'unlimited' } });
    expect(region().textContent).toContain('No daily request quota applies');
    expect(region().textContent).not.toContain('not counted');
  });

  it('says the figure leaves out chutes with a quota of their own', () => {
    const row = { isDefault: false, effectiveDate: null, updatedAt: null, paymentRefreshDate: null };
    show({
      quotas: {
        kind: 'rows',
        tierUsd: null,
        rows: [
          { ...row, chuteId: '*', quota: 2000 },
          { ...row, chuteId: 'c', quota: 50 },
        ],
      },
      todayUsed: { quota: 2000, used: 12 },
    });
    expect(region().textContent).toContain('Used today on chutes without a quota of their own: 12 requests of 2,000');
  });

  it('says each own-quota chute’s use today on its row, and one that could not be read as such', () => {
    const row = { isDefault: false, effectiveDate: null, updatedAt: null, paymentRefreshDate: null };
    show({
      quotas: {
        kind: 'rows',
        tierUsd: null,
        rows: [
          { ...row, chuteId: '*', quota: 2000 },
          { ...row, chuteId: 'c', quota: 50 },
          { ...row, chuteId: 'd', quota: 10 },
        ],
      },
      todayUsed: { quota: 2000, used: 12 },
      usedTodayByChute: { c: { used: 1234 }, d: { unreadable: 'Chutes answered 503.' } },
    });
    const cells = screen.getAllByRole('row').map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent));
    expect(cells.slice(1).map((c) => c[1])).toEqual([
      '2,00012 used today',
      '501,234 used today',
      '10? (not read) used today',
    ]);
    expect(screen.getByTitle('Chutes answered 503.')).toBeTruthy();
  });
});

describe('subscription', () => {
  it('does not tell a free account its usage is paid from the balance', () => {
    show({}, true);
    expect(region().textContent).toContain('No subscription needed: this is a free account.');
    expect(region().textContent).not.toContain('paid from the balance');
  });

  it('tells any other account without one that usage is paid from the balance', () => {
    show({});
    expect(region().textContent).toContain('No subscription: usage is paid from the balance.');
  });
});

describe('caps', () => {
  it('says the real share past the cap; only the bar stops at full', () => {
    show({ subscription: subscribed(capWindow({ usageUsd: 60, capUsd: 50, remainingUsd: 0 })) });
    expect(region().textContent).toContain('$60.00 of $50.00 used (120%)');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');
  });

  it('says "not reported" for a figure the server left out, never $0.00', () => {
    show({ subscription: subscribed(capWindow({ uncapped: true })) });
    expect(region().textContent).toContain('Usage not reported · no cap');
    expect(region().textContent).not.toContain('$0.00');
  });

  it('does not call a cap the server left out "no cap"', () => {
    show({ subscription: subscribed(capWindow({ usageUsd: 3 })) });
    expect(region().textContent).toContain('$3.00 used · cap not reported');
  });
});

describe('routes an older server lacks, and dates it does not send', () => {
  it('says the server does not report subscriptions or discounts, and shows the rest', () => {
    show({ subscription: null, discounts: null, todayUsed: { quota: 200, used: 4 } });
    expect(region().textContent).toContain('This server does not report subscriptions.');
    expect(region().textContent).toContain('This server does not report discounts.');
    expect(region().textContent).toContain('4 requests');
  });

  it('labels the last-set time as that, not as when a quota took effect', () => {
    show({
      quotas: {
        kind: 'rows',
        tierUsd: null,
        rows: [
          {
            chuteId: '*',
            quota: 5,
            isDefault: true,
            effectiveDate: null,
            updatedAt: '2026-01-02T03:04:05Z',
            paymentRefreshDate: null,
          },
        ],
      },
    });
    const table = screen.getByRole('table', { name: 'Quotas' });
    expect(table.textContent).not.toContain('In effect since');
    expect(table.textContent).toContain('Quotas last set');
    expect(table.textContent).toContain('2026');
  });
});

describe('discounts the server sent that could not be read', () => {
  it('are said beside the ones that could', () => {
    show({ discounts: [{ chuteId: '*', fraction: 0.25 }], discountsLeftOut: 2 });
    expect(screen.getByRole('list', { name: 'Discounts' }).textContent).toBe('every chute (default): 25% off');
    expect(region().textContent).toContain('2 discounts the server sent could not be read');
  });

  it('are not called "No discounts"', () => {
    show({ discounts: [], discountsLeftOut: 1 });
    expect(region().textContent).toContain('One discount the server sent could not be read');
    expect(region().textContent).not.toContain('No discounts.');
  });
});

describe('when a cap resets', () => {
  it('is worked out and marked expected when a server without anchor dates (Feb 2026) does not say', () => {
    show({
      subscription: {
        ...subscribed(capWindow({ usageUsd: 12, capUsd: 50 })),
        fourHour: capWindow({ usageUsd: 1, capUsd: 4 }),
      },
    });
    // Read at 22:00 UTC on Dec 6: the 4-hour bucket ends at midnight UTC, the month on Jan 1 (UTC).
    expect(region().textContent).toContain(`Resets ${dateTime('2026-12-07T00:00:00Z')} (expected)`);
    expect(region().textContent).toContain(`Resets ${dateTime('2027-01-01T00:00:00Z')} (expected)`);
    expect(region().textContent).not.toContain('did not say');
  });

  it('is not guessed for a server that bills from an anchor date', () => {
    show({
      subscription: { ...subscribed(capWindow({ usageUsd: 12, capUsd: 50 })), anchorDate: '2026-11-20T00:00:00' },
    });
    expect(region().textContent).toContain('The server did not say when this window resets.');
    expect(region().textContent).not.toContain('(expected)');
  });

  it("is the server's own when it says", () => {
    show({ subscription: subscribed(capWindow({ usageUsd: 12, capUsd: 50, resetAt: '2026-12-20T00:00:00Z' })) });
    expect(region().textContent).toContain(`Resets ${dateTime('2026-12-20T00:00:00Z')}`);
    expect(region().textContent).not.toContain('(expected)');
  });
});
