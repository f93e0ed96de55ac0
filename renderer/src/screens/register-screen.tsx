import { useEffect, useRef, type ReactElement } from 'react';
import type { ScreenProps } from '../app';
import { errorOf } from '../api/client';
import { ScreenHeader } from '../components/screen-header';
import { hrefTo, placeFromHash } from '../routes';
import { DoneStep } from './register/done-step';
import styles from './register/register.module.css';
import { ReviewStep } from './register/review-step';
import { ServerStep } from './register/server-step';
import { TokenStep } from './register/token-step';
import { UsernameStep } from './register/username-step';
import { WalletStep } from './register/wallet-step';
import { failureWord, furthestStep, stepIndex, STEPS, useWizard, type StepId } from './register/wizard-store';

const LEAVE_WARNING =
  'You have not confirmed that you stored the fingerprint. It is shown only once and Chutes cannot show it again. Leave anyway?';

/** Server → Username → Wallet & hotkey → Token → Review → Done, one step per address (`#/register/<step>`). */
export function RegisterScreen({ sub }: ScreenProps): ReactElement {
  const wizard = useWizard();
  const furthest = furthestStep(wizard);
  // The screen's own address (no step) resumes where the wizard got to, e.g. a registration still out.
  const asked: StepId = STEPS.find((s) => s.id === sub[0])?.id ?? furthest;
  // Before registering, any step up to the furthest allowed; afterwards, only Done.
  const step: StepId =
    furthest === 'done' ? 'done' : stepIndex(asked) > stepIndex(furthest) || asked === 'done' ? furthest : asked;
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // Only while the address is still ours: finishing navigates away and resets in the same turn.
    if (sub[0] !== step && placeFromHash(window.location.hash).route === 'register')
      window.location.replace(hrefTo('register', step));
  }, [sub, step]);

  useEffect(() => {
    heading.current?.focus();
  }, [step]);

  // A fingerprint not yet confirmed as stored: leaving asks first (the state is kept either way).
  const unconfirmed = furthest === 'done' && wizard.result !== null && !wizard.fingerprintStored;
  useEffect(() => {
    if (!unconfirmed) return;
    const onClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest('a[href^="#/"]') : null;
      if (!link || link.getAttribute('href')?.startsWith('#/register')) return;
      if (!window.confirm(LEAVE_WARNING)) event.preventDefault();
    };
    // Closing or reloading the window asks too (frame/once-only-notices.tsx).
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [unconfirmed]);

  const current = stepIndex(step);
  const failure = wizard.attempt?.status === 'failed' ? errorOf(wizard.attempt.error).reason : undefined;
  return (
    <>
      <ScreenHeader title="Register">Create a Chutes account bound to one of your hotkeys.</ScreenHeader>
      <nav aria-label="Registration steps" className={styles.stepsBar}>
        <ol className={styles.steps}>
          {STEPS.map((s, i) => {
            // The step whose answer the last attempt failed on: no tick, and what went wrong said in words too.
            const failed = wizard.failedStep === s.id && furthest !== 'done';
            const label = failed ? `${s.label} (${failureWord(failure)})` : s.label;
            return (
              <li
                key={s.id}
                className={`${i === current ? styles.current : i < current ? styles.past : styles.future}${failed ? ` ${styles.failed}` : ''}`}
                aria-current={i === current ? 'step' : undefined}
              >
                <span className={styles.stepNumber} aria-hidden="true">
                  {failed ? '!' : i < current ? '✓' : i + 1}
                </span>
                {i < current && furthest !== 'done' ? (
                  <a href={hrefTo('register', s.id)}>{label}</a>
                ) : (
                  <span>{label}</span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>
      <section className="card" aria-labelledby="register-step-title">
        <h2 id="register-step-title" ref={heading} tabIndex={-1} className={styles.stepTitle}>
          Step {current + 1} of {STEPS.length}: {STEPS[current]?.label}
        </h2>
        {step === 'server' ? <ServerStep /> : null}
        {step === 'username' ? <UsernameStep /> : null}
        {step === 'wallet' ? <WalletStep /> : null}
        {step === 'token' ? <TokenStep /> : null}
        {step === 'review' ? <ReviewStep /> : null}
        {step === 'done' ? <DoneStep /> : null}
      </section>
    </>
  );
}
