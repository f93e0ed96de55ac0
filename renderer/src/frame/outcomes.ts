import type { RefObject } from 'react';
import { failureIs } from '../../../shared/errors';
import { errorOf } from '../api/client';
import { moduleStore } from '../lib/module-store';

/**
 * What a request said after the user had left the form that sent it (another panel, another
 * screen): the account was deleted, the fingerprint changed, an export failed. The frame shows
 * each on whatever screen the user is on until it is dismissed. Never a secret.
 */
export interface Outcome {
  id: number;
  tone: 'good' | 'warn';
  text: string;
}

const store = moduleStore<readonly Outcome[]>([]);
let lastId = 0;

export function tellOutcome(tone: Outcome['tone'], text: string): void {
  store.set([...store.get(), { id: ++lastId, tone, text }]);
}

export function dismissOutcome(id: number): void {
  store.set(store.get().filter((o) => o.id !== id));
}

export const useOutcomes = store.use;
export const currentOutcomes = store.get;

/**
 * A request sent from a form: if the form is gone by the time it ends, the frame says how it ended
 * (`done` for its answer, `failed` followed by why). While the form is up it shows the outcome
 * itself, so nothing is said twice. A refusal because the profile changed is the frame's already.
 */
export function tellIfLeft<T>(
  mounted: RefObject<boolean>,
  request: Promise<T>,
  said: { done: (value: T) => string; failed: string },
): void {
  request.then(
    (value) => {
      if (!mounted.current) tellOutcome('good', said.done(value));
    },
    (error: unknown) => {
      if (!mounted.current && !failureIs(error, 'profile-changed'))
        tellOutcome('warn', `${said.failed}: ${errorOf(error).message}`);
    },
  );
}
