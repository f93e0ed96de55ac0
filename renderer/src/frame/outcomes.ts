import type { RefObject } from 'react';
import { failureIs } from '../../../shared/errors';
import { errorOf } from '../api/client';
import type { DraftSlot } from '../lib/drafts';
import { moduleStore } from '../lib/module-store';

/**
 * What a request said after the user had left the form that sent it (another panel, another
 * screen): the account was deleted, the fingerprint changed, an export failed, a key create did not
 * finish. The frame shows each on whatever screen the user is on until it is dismissed. Never a
 * secret.
 */
export interface Outcome {
  id: number;
  /** 'warn' when something is left to do or check (said as an alert), else 'good'. */
  tone: 'good' | 'warn';
  /** Said first, in bold. */
  lead?: string;
  text: string;
  /** The way on, when there is one (e.g. the key to delete). */
  link?: { href: string; label: string };
}

export type Told = Omit<Outcome, 'id'>;

const store = moduleStore<readonly Outcome[]>([]);
let lastId = 0;

export function tellOutcome(told: Told): void {
  store.set([...store.get(), { id: ++lastId, ...told }]);
}

export function dismissOutcome(id: number): void {
  store.set(store.get().filter((o) => o.id !== id));
}

export const useOutcomes = store.use;

/**
 * A request sent from a form: if the form is gone by the time it ends, the frame says how it ended
 * (`done` for its answer — a plain text is good news —, `failed` followed by why). While the form
 * is up it shows the outcome itself, so nothing is said twice. A refusal because the profile
 * changed is the frame's already (api/profile-changed.ts).
 */
export function tellIfLeft<T>(
  mounted: RefObject<boolean>,
  request: Promise<T>,
  said: { done: (value: T) => string | Told; failed: string },
): void {
  request.then(
    (value) => {
      if (mounted.current) return;
      const done = said.done(value);
      tellOutcome(typeof done === 'string' ? { tone: 'good', text: done } : done);
    },
    (error: unknown) => {
      if (mounted.current || failureIs(error, 'profile-changed')) return;
      const { message, detail } = errorOf(error);
      // Not "failed": it may have happened (a lost answer), or did (the profile was not updated after).
      const maybeDone = failureIs(error, 'answer-lost', 'profile-not-updated');
      tellOutcome({
        tone: 'warn',
        text: maybeDone ? `${message}${detail?.hint ? ` ${detail.hint}` : ''}` : `${said.failed}: ${message}`,
      });
    },
  );
}

/**
 * Send what a form's draft holds (lib/drafts.ts): on success the draft is dropped (unless typed
 * over since), and if the form is gone by the answer the frame says how it ended (`tellIfLeft`).
 * A failure leaves the draft for another try. Resolves to the answer, or undefined on failure.
 */
export function sendDraft<T, D>(
  request: Promise<T>,
  draft: { slot: DraftSlot<D>; key: string; sent: D },
  told: { mounted: RefObject<boolean>; done: (value: T) => string | Told; failed: string },
): Promise<T | undefined> {
  tellIfLeft(told.mounted, request, told);
  return request.then(
    (value) => {
      draft.slot.drop(draft.key, draft.sent);
      return value;
    },
    () => undefined,
  );
}
