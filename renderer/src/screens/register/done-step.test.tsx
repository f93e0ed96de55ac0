import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DoneStep } from './done-step';
import { currentWizard, resetWizard, updateWizard } from './wizard-store';
import { REGISTRATION_RESULT } from './registration-result.test-helper';

const RESULT = REGISTRATION_RESULT;

afterEach(() => {
  cleanup();
  delete (window as { chutes?: unknown }).chutes;
  resetWizard();
  window.location.hash = '';
});

describe('DoneStep', () => {
  it('a Finish answered after the user left still lets the fingerprint go, and does not pull them back', async () => {
    let answer: () => void = () => undefined;
    const finished = new Promise(
      (resolve) => (answer = () => resolve({ ok: true, value: { fingerprintKept: false } })),
    );
    (window as { chutes?: unknown }).chutes = { finishRegistration: () => finished };
    updateWizard({ result: RESULT });
    window.location.hash = '#/register/done';
    const view = render(
      <QueryClientProvider client={new QueryClient()}>
        <DoneStep />
      </QueryClientProvider>,
    );
    fireEvent.click(screen.getByLabelText('I have stored the fingerprint somewhere safe'));
    fireEvent.click(screen.getByRole('button', { name: 'Finish' }));
    // The user opens another screen while Finish is out: the step unmounts.
    window.location.hash = '#/secrets';
    view.unmount();
    await act(async () => {
      answer();
      await finished;
    });
    expect(currentWizard().result).toBeNull();
    expect(window.location.hash).toBe('#/secrets');
  });

  it('keeps both ticks when the user leaves the step and comes back, so Finish stores what was asked', async () => {
    const finish = vi.fn(() => Promise.resolve({ ok: true, value: { fingerprintStored: true } }));
    (window as { chutes?: unknown }).chutes = { finishRegistration: finish };
    updateWizard({ result: RESULT });
    window.location.hash = '#/register/done';
    const client = new QueryClient();
    const show = () =>
      render(
        <QueryClientProvider client={client}>
          <DoneStep />
        </QueryClientProvider>,
      );
    const first = show();
    fireEvent.click(screen.getByLabelText(/Also keep it in the system keychain/));
    fireEvent.click(screen.getByLabelText('I have stored the fingerprint somewhere safe'));
    // Leave anyway, then "Show the fingerprint" from another screen.
    first.unmount();
    show();
    expect(screen.getByLabelText<HTMLInputElement>(/Also keep it in the system keychain/).checked).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>('I have stored the fingerprint somewhere safe').checked).toBe(true);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Finish' }));
      await Promise.resolve();
    });
    expect(finish).toHaveBeenCalledWith({ baseUrl: RESULT.baseUrl, userId: RESULT.userId, keepFingerprint: true });
  });

  it('an answer without a payment address still shows the fingerprint, and no empty payment section', () => {
    updateWizard({ result: { ...RESULT, paymentAddress: '' } });
    render(
      <QueryClientProvider client={new QueryClient()}>
        <DoneStep />
      </QueryClientProvider>,
    );
    expect(screen.getByLabelText('Fingerprint').textContent?.replace(/\s/g, '')).toBe('fp-shown-once');
    expect(screen.queryByRole('region', { name: 'Top up: payment address' })).toBeNull();
    expect(screen.queryByRole('img', { name: /QR code/ })).toBeNull();
  });
});
