import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appError } from '../../../../shared/errors';
import { ApiError } from '../../api/client';
import { ReviewStep } from './review-step';
import { currentWizard, resetWizard, updateWizard } from './wizard-store';

const SENT_HOTKEY = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const NOW_HOTKEY = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const BASE = 'http://127.0.0.1:8787';
const lost = new ApiError(
  appError('network', 'The registration was sent, but no answer came back.', undefined, 'answer-lost'),
);

afterEach(() => {
  cleanup(); // before the bridge goes: a step still mounted would reach for the network
  delete (window as { chutes?: unknown }).chutes;
  resetWizard();
});

function renderReview(recheck: (input: unknown) => Promise<unknown>, more: Record<string, unknown> = {}) {
  // Channels not named here never answer (none may reach for the network).
  const channels: Record<string, unknown> = { recheckRegistration: recheck, ...more };
  (window as { chutes?: unknown }).chutes = new Proxy(channels, {
    get: (target, name: string) => target[name] ?? (() => new Promise(() => undefined)),
  });
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <ReviewStep />
    </QueryClientProvider>,
  );
}

/** A registration whose answer was lost, for alice's hotkey hk1 (SENT_HOTKEY) on BASE. */
const lostAttempt = () => ({
  status: 'failed' as const,
  error: lost,
  at: Date.now(),
  sent: { baseUrl: BASE, walletId: 'w1', hotkeyId: 'h1', hotkey: SENT_HOTKEY, hotkeyName: 'hk1', username: 'alice' },
});

describe('ReviewStep after a lost answer', () => {
  it('asks about the hotkey and username that were sent, not the ones chosen since, and names that hotkey', async () => {
    updateWizard({
      baseUrl: BASE,
      username: 'bob',
      chosen: {
        walletId: 'w2',
        hotkeyId: 'h2',
        walletName: 'second',
        hotkeyName: 'other',
        hotkey: NOW_HOTKEY,
        coldkey: NOW_HOTKEY,
        seedSource: 'keychain',
      },
      attempt: lostAttempt(),
    });
    const recheck = vi.fn(() =>
      Promise.resolve({ ok: true, value: { created: false, checkedAt: new Date().toISOString() } }),
    );
    renderReview(recheck);
    await waitFor(() => expect(recheck).toHaveBeenCalled());
    expect(recheck).toHaveBeenCalledWith({
      baseUrl: BASE,
      walletId: 'w1',
      hotkeyId: 'h1',
      hotkey: SENT_HOTKEY,
      username: 'alice',
    });
    expect(await screen.findByText(/has no account for the hotkey hk1/)).toBeTruthy();
    expect(screen.getAllByText(new RegExp(SENT_HOTKEY)).length).toBeGreaterThan(0);
  });

  it('an account the hotkey already had ends the lost attempt as a refusal of the Wallet step', async () => {
    updateWizard({
      baseUrl: BASE,
      username: 'alice',
      attempt: lostAttempt(),
    });
    const refused = appError(
      'conflict',
      'The hotkey hk1 already had a Chutes account: “erin”.',
      undefined,
      'hotkey-registered',
    );
    renderReview(() => Promise.resolve({ ok: false, error: refused }));
    expect(await screen.findByText(/already had a Chutes account: “erin”/)).toBeTruthy();
    await waitFor(() => expect(currentWizard().failedStep).toBe('wallet'));
    expect(currentWizard().recovered).toBeNull();
    expect(screen.queryByText(/fingerprint/i)).toBeNull();
  });

  it('names the server the attempt went to, not the one chosen since, and calls the facts below what would go now', async () => {
    const OTHER = 'http://127.0.0.1:9999';
    updateWizard({ baseUrl: OTHER, username: 'alice', attempt: lostAttempt() });
    const preview = {
      method: 'POST',
      url: `${OTHER}/users/register?token=0c6b1a44-5d63-4c4c-9d6e-2c2a3b1f0e11`,
      body: '{}',
      bodySha256: '0'.repeat(64),
      hotkey: SENT_HOTKEY,
      hotkeyName: 'hk1',
      coldkey: NOW_HOTKEY,
      signingMessage: 'm',
      exampleNonce: '1',
      seedSource: 'keychain',
    };
    renderReview(() => new Promise(() => undefined), {
      previewRegistration: () => Promise.resolve({ ok: true, value: preview }),
    });
    expect(await screen.findByText('Sent to 127.0.0.1:8787. What happened, and what to do next:')).toBeTruthy();
    expect(screen.queryByText(/127\.0\.0\.1:9999\. What happened/)).toBeNull();
    expect(screen.getByText('What Register would send now, signed by the hotkey:')).toBeTruthy();
  });
});
