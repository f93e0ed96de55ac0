import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appError } from '../../../shared/errors';
import type { RegistrationResult } from '../../../shared/registration';
import { ApiError } from '../api/client';
import { currentWizard, resetWizard, updateWizard } from '../screens/register/wizard-store';
import { OnceOnlyNotices } from './once-only-notices';

const RESULT: RegistrationResult = {
  baseUrl: 'http://127.0.0.1:8787',
  username: 'ivan',
  userId: '00000000-0000-0000-0000-000000000001',
  hotkey: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
  coldkey: '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty',
  paymentAddress: '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty',
  createdAt: '2026-12-06T15:00:00Z',
  fingerprint: 'fp-shown-once',
  profile: null,
  profileProblem: null,
};

function bridge(pending: RegistrationResult[]) {
  const pendingRegistrations = vi.fn(() => Promise.resolve({ ok: true, value: pending }));
  (window as { chutes?: unknown }).chutes = { pendingRegistrations };
  return pendingRegistrations;
}

/** Whether closing or reloading the page would ask first. */
function closeAsks(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

afterEach(() => {
  cleanup();
  delete (window as { chutes?: unknown }).chutes;
  resetWizard();
});

// In this order: a page asks main only once, when it starts.
describe('OnceOnlyNotices', () => {
  it('a page started again gets back the account main still holds, fingerprint included', async () => {
    const asked = bridge([RESULT]);
    render(<OnceOnlyNotices route="account" />);
    await waitFor(() => expect(currentWizard().result).toEqual(RESULT));
    expect(asked).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(/The account ivan was registered/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Show the fingerprint' }).getAttribute('href')).toBe('#/register/done');
    expect(closeAsks()).toBe(true);
  });

  it('a registration whose answer was lost is named on other screens, and closing asks first', () => {
    bridge([]);
    const lost = new ApiError(appError('network', 'no answer', undefined, 'answer-lost'));
    const sent = {
      baseUrl: RESULT.baseUrl,
      walletId: 'w',
      hotkeyId: 'h',
      hotkey: RESULT.hotkey,
      hotkeyName: 'hk',
      username: 'ivan',
    };
    act(() => updateWizard({ attempt: { status: 'failed', error: lost, at: Date.now(), sent } }));
    const view = render(<OnceOnlyNotices route="account" />);
    expect(screen.getByText(/A registration’s outcome is unknown/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open Register to check it' }).getAttribute('href')).toBe(
      '#/register/review',
    );
    expect(closeAsks()).toBe(true);
    // The Register screen says it itself; a refusal is no unknown outcome.
    view.rerender(<OnceOnlyNotices route="register" />);
    expect(screen.queryByText(/outcome is unknown/)).toBeNull();
    const refused = new ApiError(appError('conflict', 'taken', undefined, 'username-taken'));
    act(() => updateWizard({ attempt: { status: 'failed', error: refused, at: Date.now(), sent } }));
    view.rerender(<OnceOnlyNotices route="account" />);
    expect(screen.queryByText(/outcome is unknown/)).toBeNull();
    expect(closeAsks()).toBe(false);
  });
});
