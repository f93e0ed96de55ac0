import { call } from '../../api/client';
import { moduleStore } from '../../lib/module-store';
import { currentWizard, updateWizard } from './wizard-store';

/** How often a page asks again while main still waits on a registration this page did not send. */
export const ASK_AGAIN_MS = 2000;

let askedAtStart = false;
let again: ReturnType<typeof setTimeout> | null = null;

// Registrations main is still waiting on that this page did not send (sent before it was reloaded,
// or from another window): the page says so, asks before closing, and offers the result when it lands.
const elsewhere = moduleStore<number>(0);
export const useRegistrationsElsewhere = elsewhere.use;

/**
 * An account main registered whose Done step never finished (the page was reloaded, crashed, or
 * the window closed and opened again) comes back to the wizard with its fingerprint, unless the
 * wizard is busy with a registration of its own. Main's copy is the only one left. While main is
 * still waiting on a registration's answer, the page asks again until it lands.
 */
export async function restorePendingRegistration(): Promise<void> {
  if (again) clearTimeout(again);
  again = null;
  let answer;
  try {
    answer = await call('pendingRegistrations', {});
  } catch {
    // Nothing to offer is no worse than before; main keeps its copy. One still awaited is asked after again.
    if (elsewhere.get() > 0) again = setTimeout(() => void restorePendingRegistration(), ASK_AGAIN_MS);
    return;
  }
  const now = currentWizard();
  // This page's own request, if out, is one of main's: it gets its own answer.
  const notOurs = Math.max(0, answer.inFlight - (now.attempt?.status === 'sending' ? 1 : 0));
  elsewhere.set(notOurs);
  if (notOurs > 0) again = setTimeout(() => void restorePendingRegistration(), ASK_AGAIN_MS);
  const first = answer.results[0];
  if (!first || now.result || now.recovered || now.attempt) return;
  updateWizard({ result: first });
}

/** Once per page: what a fresh page asks main for. */
export function restoreAtStart(): void {
  if (askedAtStart) return;
  askedAtStart = true;
  void restorePendingRegistration();
}

/** Tests: a fresh page. */
export function forgetRestoreState(): void {
  if (again) clearTimeout(again);
  again = null;
  askedAtStart = false;
  elsewhere.set(0);
}
