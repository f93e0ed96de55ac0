import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { KEYCHAIN_TEXT, keychainTimeoutMessage } from './keychain-errors';
import { probeCommand, runProbe, shellQuote } from './fixtures/run-probe';
import { startSilentBus } from './fixtures/silent-bus';

// Each case runs the real vault in a child Node whose D-Bus world is broken in one measured way.
const service = `chutes-desktop-test-${randomUUID()}`;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'chutes-kc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // A private runtime dir for every child: `gnome-keyring-daemon --unlock` finds a daemon through
  // $XDG_RUNTIME_DIR/keyring, and must never reach the test run's (or a developer's real) keyring.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CHUTES_KEYCHAIN_TIMEOUT_MS: '5000',
    XDG_RUNTIME_DIR: freshDir('runtime'),
    ...extra,
  };
  // No display: a locked keyring must fail at once instead of showing a prompt nobody answers.
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
}

const freshDir = (name: string): string => mkdtempSync(path.join(tmp, `${name}-`));

/** Run the probe inside a private bus; `prelude` runs first inside that session. */
function inSession(op: string, env: NodeJS.ProcessEnv, prelude = '', busConfig?: string) {
  const inner = `${prelude}exec ${shellQuote(probeCommand(op, service))}`;
  const argv = ['dbus-run-session', ...(busConfig ? [`--config-file=${busConfig}`] : []), '--', 'sh', '-c', inner];
  return runProbe(argv, env);
}

const unlock = (password: string) =>
  `printf %s ${password} | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; `;

describe('keychain unavailable (real child processes)', () => {
  it('reports a missing session bus clearly and fast', async () => {
    const env = baseEnv({ XDG_RUNTIME_DIR: freshDir('runtime') });
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const out = await runProbe(probeCommand('put', service), env);
    expect(out).toMatchObject({ ok: false, code: 'keychain-unavailable', message: KEYCHAIN_TEXT.noSessionBus.message });
    expect(out.detail?.hint).toBe(KEYCHAIN_TEXT.noSessionBus.hint);
    expect(out.ms).toBeLessThan(3000);
  });

  it('reports a bus without any Secret Service provider', async () => {
    const conf = path.join(tmp, 'no-services.conf');
    // A session bus with no service directories: nothing can be activated.
    writeFileSync(
      conf,
      '<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">' +
        '<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen><auth>EXTERNAL</auth>' +
        '<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>',
    );
    const out = await inSession('list', baseEnv({ XDG_DATA_HOME: freshDir('data') }), '', conf);
    expect(out).toMatchObject({ ok: false, code: 'keychain-unavailable', message: KEYCHAIN_TEXT.noService.message });
    expect(out.ms).toBeLessThan(3000);
  });

  it('reports a keyring that was never created or unlocked', async () => {
    // gnome-keyring is auto-activated by the bus but nobody unlocks it: no default collection.
    const out = await inSession('put', baseEnv({ XDG_DATA_HOME: freshDir('data') }));
    expect(out).toMatchObject({ ok: false, code: 'keychain-unavailable', message: KEYCHAIN_TEXT.noCollection.message });
    expect(out.ms).toBeLessThan(3000);
  });

  it('reports a locked keyring (wrong unlock password, no display) for writes and listing', async () => {
    const env = baseEnv({ XDG_DATA_HOME: freshDir('data') });
    const created = await inSession('put', env, unlock('right-password'));
    expect(created).toMatchObject({ ok: true });

    const put = await inSession('put', env, unlock('wrong-password'));
    expect(put).toMatchObject({ ok: false, code: 'keychain-unavailable', message: KEYCHAIN_TEXT.locked.message });
    expect(put.ms).toBeLessThan(3000);

    const list = await inSession('list', env, unlock('wrong-password'));
    expect(list).toMatchObject({ ok: false, code: 'keychain-unavailable', message: KEYCHAIN_TEXT.locked.message });
  });

  it('gives up on a bus that never answers within the configured time', async () => {
    const bus = await startSilentBus(path.join(tmp, 'silent.sock'));
    try {
      const env = baseEnv({ DBUS_SESSION_BUS_ADDRESS: bus.address, CHUTES_KEYCHAIN_TIMEOUT_MS: '1000' });
      const out = await runProbe(probeCommand('get', service), env);
      expect(out).toMatchObject({ ok: false, code: 'keychain-unavailable', message: keychainTimeoutMessage(1000) });
      expect(out.message).toBe('The keychain did not answer within 1 s — a hidden unlock prompt may be waiting.');
      expect(out.ms).toBeGreaterThanOrEqual(950);
      expect(out.ms).toBeLessThan(2500);
    } finally {
      await bus.close();
    }
  });

  it('keeps reading files after calls on a bus that never answers: later calls fail at once, not stuck', async () => {
    const bus = await startSilentBus(path.join(tmp, 'silent-repeat.sock'));
    try {
      const env = baseEnv({ DBUS_SESSION_BUS_ADDRESS: bus.address, CHUTES_KEYCHAIN_TIMEOUT_MS: '500' });
      const out = await runProbe(probeCommand('list-6-then-read', service), env);
      // Before: each call left a thread waiting on the bus, and from the fourth on no file could be read.
      expect(out).toMatchObject({ ok: true });
      const earlier = 'The keychain has not answered an earlier request yet — a hidden unlock prompt may be waiting.';
      expect(out.message?.split(' | ')).toEqual([keychainTimeoutMessage(500), ...Array<string>(5).fill(earlier)]);
      expect(bus.held).toHaveLength(1);
    } finally {
      await bus.close();
    }
  });
});
