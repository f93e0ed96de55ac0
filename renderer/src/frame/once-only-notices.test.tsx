import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appError } from '../../../shared/errors';
import type { PendingRegistrations, RegistrationResult } from '../../../shared/registration';
import { ApiError } from '../api/client';
import { ASK_AGAIN_MS, forgetRestoreState } from '../screens/register/restore-pending';
import { currentWizard, resetWizard, updateWizard } from '../screens/register/wizard-store';
import { OnceOnlyNotices } from './once-only-notices';
import { trackDelete } from '../screens/api-keys/created-key-store';
import { REGISTRATION_RESULT } from '../screens/register/registration-result.test-helper';

const RESULT = REGISTRATION_RESULT;

/** Main's answers to `pendingRegistrations`, in turn; the last one again after them. */
function bridge(...answers: PendingRegistrations[]) {
  let asked = 0;
  const pendingRegistrations = vi.fn(() =>
    Promise.resolve({ ok: true, value: answers[Math.min(asked++, answers.length - 1)] }),
  );
  (window as { chutes?: unknown }).chutes = { pendingRegistrations };
  return pendingRegistrations;
}
const holding = (results: RegistrationResult[], inFlight = 0): PendingRegistrations => ({ results, inFlight });

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
  forgetRestoreState();
});

const SENT = {
  baseUrl: RESULT.baseUrl,
  walletId: 'w',
  hotkeyId: 'h',
  hotkey: RESULT.hotkey,
  hotkeyName: 'hk',
  username: 'ivan',
};

describe('OnceOnlyNotices', () => {
  it('a bulk delete still sending batches makes closing ask until it ends', async () => {
    bridge(holding([]));
    render(<OnceOnlyNotices route="api-keys" />);
    expect(closeAsks()).toBe(false);
    let finish: () => void = () => undefined;
    let running: Promise<void> = Promise.resolve();
    act(() => {
      running = trackDelete(new Promise<void>((r) => (finish = r)));
    });
    expect(closeAsks()).toBe(true);
    await act(async () => {
      finish();
      await running;
    });
    expect(closeAsks()).toBe(false);
  });

  it('a page started again gets back the account main still holds, fingerprint included', async () => {
    const asked = bridge(holding([RESULT]));
    render(<OnceOnlyNotices route="account" />);
    await waitFor(() => expect(currentWizard().result).toEqual(RESULT));
    expect(asked).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(/The account ivan was registered/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Show the fingerprint' }).getAttribute('href')).toBe('#/register/done');
    expect(closeAsks()).toBe(true);
  });

  it('a registration whose answer was lost is named on other screens, and closing asks first', () => {
    bridge(holding([]));
    const lost = new ApiError(appError('network', 'no answer', undefined, 'answer-lost'));
    const sent = SENT;
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

  it('a page started while main still waits on a registration says so, asks again, and offers its result when it lands', async () => {
    const asked = bridge(holding([], 1), holding([RESULT]));
    render(<OnceOnlyNotices route="register" />);
    // On Register too: its fresh wizard knows nothing of the request out.
    expect(await screen.findByText(/A registration sent before this page started .* is still waiting/)).toBeTruthy();
    expect(closeAsks()).toBe(true);
    expect(currentWizard().result).toBeNull();
    await waitFor(() => expect(currentWizard().result).toEqual(RESULT), { timeout: ASK_AGAIN_MS + 2000 });
    expect(asked).toHaveBeenCalledTimes(2);
    expect(screen.queryByText(/is still waiting/)).toBeNull();
    expect(closeAsks()).toBe(true); // the fingerprint now waits
  });

  it('the page’s own request out is not said as another’s', async () => {
    act(() => updateWizard({ attempt: { status: 'sending', sent: SENT } }));
    const asked = bridge(holding([], 1));
    render(<OnceOnlyNotices route="account" />);
    await waitFor(() => expect(asked).toHaveBeenCalledTimes(1));
    await act(() => Promise.resolve());
    expect(screen.queryByText(/is still waiting/)).toBeNull();
  });
});
