import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { setLogSink } from '../log';
import { MAX_RUNNING_KEYCHAIN_WORK, createKeychainCall, keychainTurns } from './keychain-call';

setLogSink(() => undefined);

function harness(opts: { probeFreshMs?: number; probe?: () => Promise<unknown> } = {}) {
  let clock = 0;
  const probes: string[] = [];
  const keychainCall = createKeychainCall(200, 'svc-probe', {
    now: () => clock,
    probeFreshMs: opts.probeFreshMs ?? 1000,
    probe: (service) => {
      probes.push(service);
      return opts.probe ? opts.probe() : Promise.resolve([]);
    },
  });
  return { keychainCall, probes, advance: (ms: number) => (clock += ms) };
}

describe('createKeychainCall probe window', () => {
  it('probes the bus before the first call, not again while the bus keeps answering, and again once the window passes', async () => {
    const { keychainCall, probes, advance } = harness();
    await expect(keychainCall('read', () => Promise.resolve('a'))).resolves.toBe('a');
    expect(probes).toEqual(['svc-probe']);
    advance(999);
    await keychainCall('read', () => Promise.resolve('b'));
    // The second call renewed the window, so a call 999 ms after it still needs no probe.
    advance(999);
    await keychainCall('read', () => Promise.resolve('c'));
    expect(probes).toHaveLength(1);
    advance(1000);
    await keychainCall('read', () => Promise.resolve('d'));
    expect(probes).toHaveLength(2);
  });

  it('ends the window at the first failure, so the next call probes again', async () => {
    const { keychainCall, probes } = harness();
    await keychainCall('read', () => Promise.resolve(1));
    await expect(
      keychainCall('read', () => Promise.reject(new Error('org.freedesktop.DBus.Error.AccessDenied'))),
    ).rejects.toBeInstanceOf(AppFailure);
    await keychainCall('read', () => Promise.resolve(2));
    expect(probes).toHaveLength(2);
  });

  it('a probe that never answers fails the call as keychain-unavailable within the deadline, and is retried once it ends', async () => {
    let hang = true;
    let answerLate: () => void = () => undefined;
    const { keychainCall, probes } = harness({
      probe: () => (hang ? new Promise<void>((resolve) => (answerLate = resolve)) : Promise.resolve([])),
    });
    let ran = false;
    const failure = await keychainCall('read', () => {
      ran = true;
      return Promise.resolve(1);
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).appError.code).toBe('keychain-unavailable');
    expect(ran).toBe(false);
    hang = false;
    // While the first still waits (it holds one of libuv's threads), calls fail at once, adding none.
    const started = performance.now();
    await expect(keychainCall('read', () => Promise.resolve(2))).rejects.toMatchObject({
      reason: 'keychain-not-answering',
      message: 'The keychain has not answered an earlier request yet — a hidden unlock prompt may be waiting.',
    });
    expect(performance.now() - started).toBeLessThan(100);
    expect(probes).toHaveLength(1);
    // The prompt was answered: the next call goes through.
    answerLate();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The first call was reported failed: its work does not run after all when the probe answers.
    expect(ran).toBe(false);
    await expect(keychainCall('read', () => Promise.resolve(3))).resolves.toBe(3);
    expect(probes).toHaveLength(2);
  });

  it('concurrent calls share one probe, so a silent bus holds one thread for them all', async () => {
    let answer: () => void = () => undefined;
    const { keychainCall, probes } = harness({ probe: () => new Promise<void>((resolve) => (answer = resolve)) });
    const calls = [1, 2, 3].map((n) => keychainCall('read', () => Promise.resolve(n)));
    expect(probes).toHaveLength(1);
    answer();
    await expect(Promise.all(calls)).resolves.toEqual([1, 2, 3]);
  });

  it('a call that answers only after its deadline does not open the window', async () => {
    const { keychainCall, probes } = harness();
    await expect(
      keychainCall('read', () => new Promise((resolve) => setTimeout(() => resolve(1), 300))),
    ).rejects.toBeInstanceOf(AppFailure);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await keychainCall('read', () => Promise.resolve(2));
    expect(probes).toHaveLength(2);
  });

  it('tries again, on fresh entries, when the keychain service dropped the call or the item vanished under it; a refusal is not retried', async () => {
    let dropped = 0;
    const keychainCall = createKeychainCall(5_000, 'svc-probe', {
      probe: () => Promise.resolve([]),
      onFailure: () => dropped++,
    });
    /** Work that fails once with `message`, then stores; counts its calls. */
    const failsOnceWith = (message: string) => {
      const work = () => (++work.calls === 1 ? Promise.reject(new Error(message)) : Promise.resolve('stored'));
      work.calls = 0;
      return work;
    };
    const flaky = failsOnceWith(
      'zbus error: org.freedesktop.DBus.Error.NoReply: Message recipient disconnected from message bus without replying',
    );
    await expect(keychainCall('store', flaky)).resolves.toBe('stored');
    expect([flaky.calls, dropped]).toEqual([2, 1]);
    // An item another process removed between the library's lookup and its use of it.
    const gone = failsOnceWith(
      'Platform failure: DBus error: No such interface “org.freedesktop.Secret.Item” on object at path /org/freedesktop/secrets/collection/login/44',
    );
    await expect(keychainCall('store', gone)).resolves.toBe('stored');
    expect([gone.calls, dropped]).toEqual([2, 2]);
    // The same race seen with gnome-keyring's other text, twice running (two processes storing at once).
    let replaced = 0;
    const replacedTwice = () =>
      ++replaced <= 2
        ? Promise.reject(
            new Error(
              'Platform failure: DBus error: Object does not exist at path “/org/freedesktop/secrets/collection/login/39”',
            ),
          )
        : Promise.resolve('read');
    await expect(keychainCall('read', replacedTwice)).resolves.toBe('read');
    expect([replaced, dropped]).toEqual([3, 4]);
    // A race that never ends is a failure after the fifth try, said as one; the tries are spaced
    // out (gnome-keyring may still name the replaced item for a moment), not made back to back.
    let tries = 0;
    const started = performance.now();
    const alwaysGone = () => {
      tries++;
      return Promise.reject(
        new Error(
          'Platform failure: DBus error: Object does not exist at path “/org/freedesktop/secrets/collection/login/39”',
        ),
      );
    };
    const failure = await keychainCall('read', alwaysGone).catch((e: unknown) => e);
    expect(tries).toBe(5);
    expect(performance.now() - started).toBeGreaterThanOrEqual(750);
    expect((failure as AppFailure).message).toMatch(/^A keychain entry changed while Chutes Desktop was using it/);
    let refusals = 0;
    const refused = () => {
      refusals++;
      return Promise.reject(new Error('Secret Service: prompt dismissed'));
    };
    await expect(keychainCall('store', refused)).rejects.toBeInstanceOf(AppFailure);
    expect(refusals).toBe(1);
  });
});

describe('keychain work at once', () => {
  /** Work that waits, as a call behind an unlock prompt does, until the test answers it. */
  function promptedWork() {
    const answers: Array<() => void> = [];
    let started = 0;
    const work = () =>
      new Promise<string>((resolve) => {
        started++;
        answers.push(() => resolve('read'));
      });
    return { work, started: () => started, answerOne: () => answers.shift()?.() };
  }

  it('runs at most two at once, across vaults; the others wait their turn and then run', async () => {
    const first = harness().keychainCall;
    const second = harness().keychainCall;
    const prompted = promptedWork();
    const calls = [0, 1, 2, 3].map((i) => (i % 2 ? second : first)('read', prompted.work));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(MAX_RUNNING_KEYCHAIN_WORK).toBe(2);
    expect(prompted.started()).toBe(2);
    expect(keychainTurns()).toEqual({ running: 2, waiting: 2 });
    prompted.answerOne();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(prompted.started()).toBe(3);
    expect(keychainTurns()).toEqual({ running: 2, waiting: 1 });
    prompted.answerOne();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(prompted.started()).toBe(4);
    prompted.answerOne();
    prompted.answerOne();
    await expect(Promise.all(calls)).resolves.toEqual(['read', 'read', 'read', 'read']);
    expect(keychainTurns()).toEqual({ running: 0, waiting: 0 });
  });

  it('a call whose deadline passes while it waits its turn fails and never runs its work', async () => {
    const { keychainCall } = harness();
    const prompted = promptedWork();
    // Both fail at their deadline, before anything below awaits them.
    const holding = [keychainCall('read', prompted.work), keychainCall('read', prompted.work)].map((p) =>
      p.catch((error: unknown) => error),
    );
    let ran = false;
    const waited = await keychainCall('delete', () => {
      ran = true;
      return Promise.resolve(true);
    }).catch((error: unknown) => error);
    expect((waited as AppFailure).appError.code).toBe('keychain-unavailable');
    // The two holding their turns are past their deadlines too: answered late, their turns come back.
    expect((await Promise.all(holding)).map((e) => (e as AppFailure).appError.code)).toEqual([
      'keychain-unavailable',
      'keychain-unavailable',
    ]);
    prompted.answerOne();
    prompted.answerOne();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toBe(false);
    expect(keychainTurns()).toEqual({ running: 0, waiting: 0 });
  });
});
