#!/usr/bin/env node
// A private D-Bus session with a throwaway, unlocked gnome-keyring, shared by `npm test` and
// `npm run bench`: both need a real Secret Service, and neither may touch (or be blocked by an
// unlock prompt of) your own keyring. Used as a module, or as a command:
//   node scripts/private-keyring.mjs <command> [args…]   runs the command inside one.
// When CHUTES_TEST_KEYRING=1 a private keyring was already prepared (as .ci/run and
// /work/brief/keyring-run.sh do) and the command runs as is.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const UNLOCK =
  'printf %s "$CHUTES_TEST_KEYRING_PW" | gnome-keyring-daemon --unlock --components=secrets >/dev/null';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** A DISPLAY lets a locked keyring pop an unlock prompt that would hang the run. */
export function withoutDisplay(env) {
  const { DISPLAY: _display, WAYLAND_DISPLAY: _wayland, ...rest } = env;
  return rest;
}

export const insidePrivateKeyring = () => process.env.CHUTES_TEST_KEYRING === '1';

/** What is missing to start a private keyring (empty when it can be started). */
export function missingKeyringTools() {
  return ['dbus-run-session', 'gnome-keyring-daemon'].filter((cmd) => !has(cmd));
}

/** The gnome-keyring-daemon processes whose XDG_DATA_HOME is `xdgDataHome` (our own throwaway keyring's). */
export function keyringDaemonPids(xdgDataHome) {
  if (process.platform !== 'linux' || !xdgDataHome) return [];
  const pids = [];
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('gnome-keyring-daemon')) continue;
      const env = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (env.includes(`XDG_DATA_HOME=${xdgDataHome}`)) pids.push(Number(pid));
    } catch {
      // gone already, or not ours to read
    }
  }
  return pids;
}

/** gnome-keyring-daemon outlives the D-Bus session it was started in: stop this run's own. */
function stopDaemonsOf(xdgDataHome) {
  for (const pid of keyringDaemonPids(xdgDataHome)) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // gone already
    }
  }
}

/**
 * Run `command args…` (through sh, quoted) inside a fresh private keyring and return its exit
 * status. The keyring's data and runtime folders are removed afterwards.
 */
export function runInPrivateKeyring(command, args, { cwd = process.cwd(), env = process.env } = {}) {
  const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'chutes-test-keyring-'));
  // A private runtime dir too: gnome-keyring finds "its" daemon through $XDG_RUNTIME_DIR/keyring,
  // and on a desktop that is your real keyring's.
  const runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'chutes-test-runtime-'));
  const quote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
  const script = `${UNLOCK} && exec ${[command, ...args].map(quote).join(' ')}`;
  try {
    const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', script], {
      cwd,
      stdio: 'inherit',
      env: {
        ...withoutDisplay(env),
        XDG_DATA_HOME: xdg,
        XDG_RUNTIME_DIR: runtime,
        CHUTES_TEST_KEYRING: '1',
        CHUTES_TEST_KEYRING_PW: 'chutes-test',
      },
    });
    return run.status ?? 1;
  } finally {
    stopDaemonsOf(xdg);
    fs.rmSync(xdg, { recursive: true, force: true });
    fs.rmSync(runtime, { recursive: true, force: true });
  }
}

/**
 * Make sure the session's keyring daemon is running and unlocked. If the first daemon went away,
 * D-Bus starts a new one on demand, which comes up locked; `--unlock` reaches whichever daemon owns
 * the session (through the private runtime dir) and unlocks it.
 */
export function unlockKeyring(env = process.env, cwd = process.cwd()) {
  if (!env.CHUTES_TEST_KEYRING_PW) return;
  spawnSync('sh', ['-c', UNLOCK], { cwd, stdio: 'inherit', env });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error('Usage: node scripts/private-keyring.mjs <command> [args…]');
    process.exit(2);
  }
  if (insidePrivateKeyring()) {
    process.exit(spawnSync(command, args, { stdio: 'inherit' }).status ?? 1);
  }
  const missing = missingKeyringTools();
  if (missing.length > 0) {
    console.error(`${command} needs a private Secret Service, but ${missing.join(' and ')} is missing.`);
    console.error('On Debian/Ubuntu: sudo apt-get install gnome-keyring dbus dbus-x11.');
    process.exit(1);
  }
  process.exit(runInPrivateKeyring(command, args));
}
