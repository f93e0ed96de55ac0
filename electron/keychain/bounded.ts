import { findCredentialsAsync } from '@napi-rs/keyring';
import { describeError, log } from '../log';
import { keychainFailure, keychainTimeout } from './keychain-errors';

/** Run one piece of keychain work under the vault's deadline, mapping failures to `keychain-unavailable`. */
export type Bounded = <T>(what: string, work: (signal: AbortSignal) => Promise<T>) => Promise<T>;

/**
 * Measured: constructing an entry talks to D-Bus synchronously and blocks the event loop forever
 * on a bus that never answers, so every call first makes an async search of `probeService` (an
 * account-less service: an empty, cheap round trip that stays off the main thread) and only then
 * runs `work`. A late answer after the deadline is ignored; the native call cannot be cancelled.
 */
export function createBounded(timeoutMs: number, probeService: string): Bounded {
  return async <T>(what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(keychainTimeout(timeoutMs));
      }, timeoutMs);
    });
    const run = (async () => {
      await findCredentialsAsync(probeService, null, controller.signal);
      return work(controller.signal);
    })();
    run.catch(() => undefined); // settled late after a timeout: already reported
    try {
      return await Promise.race([run, deadline]);
    } catch (error) {
      const failure = keychainFailure(error);
      log.warn(`keychain ${what} failed: ${failure.appError.message} [${describeError(error)}]`);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  };
}
