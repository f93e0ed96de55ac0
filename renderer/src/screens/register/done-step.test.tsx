import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegistrationResult } from '../../../../shared/registration';
import { DoneStep } from './done-step';
import { currentWizard, resetWizard, updateWizard } from './wizard-store';

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

afterEach(() => {
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
});
