// The shell's start-up (main.ts) against a mocked `electron`: the real binary cannot be
// downloaded on these machines. What is checked is what a user sees: a second launch brings the
// window forward, and a start that fails says why and quits instead of lingering without a window.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const m = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  class BrowserWindow {
    static made: BrowserWindow[] = [];
    minimized = true;
    calls: string[] = [];
    webContents = { on: () => undefined, setWindowOpenHandler: () => undefined };
    constructor() {
      BrowserWindow.made.push(this);
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
    loadURL() {
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
      this.calls.push('restore');
    }
    show() {
      this.calls.push('show');
    }
    focus() {
      this.calls.push('focus');
    }
  }
  const listeners = new Map<string, Listener>();
  let ready = false;
  let settleReady: { resolve: () => void; reject: (e: Error) => void } = {
    resolve: () => undefined,
    reject: () => undefined,
  };
  const app = {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    quit: vi.fn(),
    exit: vi.fn(),
    isReady: () => ready,
    on: (event: string, fn: Listener) => listeners.set(event, fn),
    whenReady: () =>
      new Promise<void>((resolve, reject) => {
        settleReady = {
          resolve: () => {
            ready = true;
            resolve();
          },
          reject,
        };
      }),
  };
  return { BrowserWindow, listeners, app, settle: () => settleReady, showErrorBox: vi.fn() };
});

vi.mock('electron', () => ({
  app: m.app,
  BrowserWindow: m.BrowserWindow,
  dialog: { showErrorBox: m.showErrorBox, showMessageBoxSync: () => 0 },
  session: { defaultSession: {} },
  shell: { openExternal: () => Promise.resolve() },
  ipcMain: { handle: () => undefined },
  protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
}));

beforeEach(() => {
  vi.resetModules();
  m.listeners.clear();
  m.BrowserWindow.made.length = 0;
  m.showErrorBox.mockClear();
  m.app.exit.mockClear();
});

describe('main process start-up', () => {
  it('a start that fails says why in a dialog and quits, rather than linger without a window', async () => {
    await import('./main');
    // Listened for from the start; a second launch while starting needs nothing: no window is made for it.
    const secondInstance = m.listeners.get('second-instance');
    expect(secondInstance).toBeDefined();
    secondInstance?.();
    expect(m.BrowserWindow.made).toHaveLength(0);
    m.settle().reject(new Error('the data folder cannot be made'));
    await vi.waitFor(() => expect(m.app.exit).toHaveBeenCalledWith(1));
    expect(m.showErrorBox).toHaveBeenCalledWith('Chutes Desktop could not start', 'the data folder cannot be made');
  });
});

describe('main process quit', () => {
  it('ends at once only while a keychain call still waits past its deadline (a normal exit would wait for it)', async () => {
    await import('./main');
    const { createKeychainCall } = await import('./keychain/keychain-call');
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
    try {
      const willQuit = m.listeners.get('will-quit');
      willQuit?.();
      expect(kill).not.toHaveBeenCalled();
      // A probe that never answers: the call fails at its deadline and stays behind.
      const call = createKeychainCall(10, 'svc-probe', { probe: () => new Promise(() => undefined) });
      await expect(call('read', () => Promise.resolve(1))).rejects.toMatchObject({ reason: 'keychain-not-answering' });
      willQuit?.();
      expect(kill).toHaveBeenCalledWith(process.pid, 'SIGKILL');
    } finally {
      kill.mockRestore();
    }
  });
});

describe('raiseWindow', () => {
  it('restores a minimised window before showing and focusing it', async () => {
    const { raiseWindow } = await import('./window');
    const window = new m.BrowserWindow();
    raiseWindow(window as unknown as Parameters<typeof raiseWindow>[0]);
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
    raiseWindow(window as unknown as Parameters<typeof raiseWindow>[0]);
    expect(window.calls.slice(3)).toEqual(['show', 'focus']);
  });
});
