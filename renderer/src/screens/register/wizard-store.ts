import { moduleStore } from '../../lib/module-store';
import { failureIs } from '../../../../shared/errors';
import type { ConnectionReport } from '../../../../shared/diagnostics';
import type { RecheckResult, RegistrationResult } from '../../../../shared/registration';

export type StepId = 'server' | 'username' | 'wallet' | 'token' | 'review' | 'done';

export const STEPS: readonly { id: StepId; label: string }[] = [
  { id: 'server', label: 'Server' },
  { id: 'username', label: 'Username' },
  { id: 'wallet', label: 'Wallet & hotkey' },
  { id: 'token', label: 'Registration token' },
  { id: 'review', label: 'Review' },
  { id: 'done', label: 'Done' },
];

export interface ChosenHotkey {
  walletId: string;
  hotkeyId: string;
  walletName: string;
  hotkeyName: string;
  hotkey: string;
  coldkey: string;
  seedSource: 'keychain' | 'file';
}

/** What one registration request sent: a lost answer is checked against exactly this, whatever is chosen since. */
export interface SentRegistration {
  baseUrl: string;
  walletId: string;
  hotkeyId: string;
  hotkey: string;
  hotkeyName: string;
  username: string;
}

export interface WizardState {
  serverChoice: 'production' | 'configured' | 'custom';
  customUrl: string;
  /** The server the connection check passed for; later steps act on it. */
  baseUrl: string | null;
  connection: ConnectionReport | null;
  username: string;
  /** The username the server last said is free (on `baseUrl`). */
  usernameFree: string | null;
  chosen: ChosenHotkey | null;
  /** Why the last choice was put away (the wallets folder no longer backs it), until another is made. */
  choicePutAway: string | null;
  token: string;
  /** When a well-formed token was pasted (ms), for the 5-minute hint. */
  tokenPastedAt: number | null;
  result: RegistrationResult | null;
  recovered: Extract<RecheckResult, { created: true }> | null;
  /**
   * The registration request: out now, or how the last one failed. Here, not in the Review step:
   * a user who leaves while it is out must find it still out (and not send it twice), or its
   * failure, when they come back.
   */
  /** `at`: when the failure came (a lost answer is checked against it); `sent`: what went out. */
  attempt:
    | { status: 'sending'; sent: SentRegistration; answersChanged?: boolean }
    | { status: 'failed'; error: unknown; at: number; sent: SentRegistration }
    | null;
  /** The step whose answer the last attempt refused (marked in the step list) until it is changed. */
  failedStep: StepId | null;
  /**
   * The Done step's two ticks, here and not in the step: leaving it (Leave anyway, history Back)
   * and coming back must not untick "keep it in the keychain", or Finish would store nothing.
   */
  keepFingerprint: boolean;
  fingerprintStored: boolean;
}

/**
 * The answers a registration is made of (a passing server check writes a new `connection`):
 * changing one puts the last attempt's failure away — except a lost answer, whose account may
 * exist and is checked by hotkey — and a failure still on its way is not pinned on the new answer.
 */
const ANSWERS = ['baseUrl', 'connection', 'username', 'chosen', 'token'] as const;

/** The wizard before anything is typed (also the tests' starting point). */
export const INITIAL_WIZARD: WizardState = {
  serverChoice: 'production',
  customUrl: '',
  baseUrl: null,
  connection: null,
  username: '',
  usernameFree: null,
  chosen: null,
  choicePutAway: null,
  token: '',
  tokenPastedAt: null,
  result: null,
  recovered: null,
  attempt: null,
  failedStep: null,
  keepFingerprint: false,
  fingerprintStored: false,
};

// Module state, not component state: what was typed survives leaving the screen and coming back,
// and a fingerprint shown once is still there if the user wanders off before storing it.
const store = moduleStore<WizardState>(INITIAL_WIZARD);

export function updateWizard(patch: Partial<WizardState>): void {
  const before = store.get();
  const answered = ANSWERS.some((k) => k in patch && patch[k] !== before[k]);
  let state = { ...before, ...patch };
  const attempt = state.attempt;
  if (answered && attempt?.status === 'failed' && !failureIs(attempt.error, 'answer-lost'))
    state = { ...state, attempt: null, failedStep: null };
  if (answered && attempt?.status === 'sending') state = { ...state, attempt: { ...attempt, answersChanged: true } };
  store.set(state);
}

/** The wizard now, for a request's outcome that arrives after the step that sent it re-rendered. */
export const currentWizard = store.get;

export function resetWizard(): void {
  updateWizard(INITIAL_WIZARD);
}

export const useWizard = store.use;

/** The furthest step the answers so far allow; later steps in the address fall back to it. */
export function furthestStep(s: WizardState): StepId {
  if (s.result || s.recovered) return 'done';
  if (!s.baseUrl) return 'server';
  if (s.usernameFree === null || s.usernameFree !== s.username) return 'username';
  if (!s.chosen) return 'wallet';
  if (s.tokenPastedAt === null) return 'token';
  return 'review';
}

/**
 * Per reason a registration failed for: the step whose answer was wrong, and what went wrong with
 * it in a word or two for the step list ("Wallet & hotkey (changed)"). Not all were refused by the
 * server: a hotkey file changed since the review stops the request before it is sent.
 */
const FAILED_AT: Partial<Record<string, { step: StepId; word: string }>> = {
  'username-taken': { step: 'username', word: 'taken' },
  'username-invalid': { step: 'username', word: 'not accepted' },
  'hotkey-registered': { step: 'wallet', word: 'already registered' },
  'hotkey-changed': { step: 'wallet', word: 'changed' },
  'token-missing': { step: 'token', word: 'missing' },
  'token-invalid': { step: 'token', word: 'not accepted' },
  'clock-skew': { step: 'server', word: 'clock differs' },
};

/** The step to go back to for a failed registration, by its reason; null when no step's answer was wrong. */
export function stepOfFailure(reason: string | undefined): StepId | null {
  return (reason === undefined ? undefined : FAILED_AT[reason])?.step ?? null;
}

/** What went wrong at the step `stepOfFailure` names, for its label in the step list. */
export function failureWord(reason: string | undefined): string {
  return (reason === undefined ? undefined : FAILED_AT[reason])?.word ?? 'refused';
}

export function stepIndex(id: StepId): number {
  return STEPS.findIndex((s) => s.id === id);
}
