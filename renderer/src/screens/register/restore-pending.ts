import { call } from '../../api/client';
import { currentWizard, updateWizard } from './wizard-store';

let askedAtStart = false;

/**
 * An account main registered whose Done step never finished (the page was reloaded, crashed, or
 * the window closed and opened again) comes back to the wizard with its fingerprint, unless the
 * wizard is busy with a registration of its own. Main's copy is the only one left.
 */
export async function restorePendingRegistration(): Promise<void> {
  let pending;
  try {
    pending = await call('pendingRegistrations', {});
  } catch {
    return; // nothing to offer is no worse than before; main keeps its copy for the next start
  }
  const now = currentWizard();
  const first = pending[0];
  if (!first || now.result || now.recovered || now.attempt) return;
  updateWizard({ result: first });
}

/** Once per page: what a fresh page asks main for. */
export function restoreAtStart(): void {
  if (askedAtStart) return;
  askedAtStart = true;
  void restorePendingRegistration();
}
