import { useSyncExternalStore } from 'react';

export interface ModuleStore<T> {
  get: () => T;
  set: (next: T) => void;
  /** The value in a component, re-rendered on every `set`. */
  use: () => T;
}

/**
 * State that must outlive the component that made it (a request answered after the user left the
 * screen, a wizard's answers): a value in the module, read in components through React's
 * external-store hook. Never persisted: it is gone with the page.
 */
export function moduleStore<T>(initial: T): ModuleStore<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    get: () => value,
    set: (next) => {
      value = next;
      for (const listener of listeners) listener();
    },
    use: () => useSyncExternalStore(subscribe, () => value),
  };
}
