// The thin shell (window, IPC binding, preload, protocol) against a mocked `electron`: the real
// binary cannot be downloaded on these machines, so this checks what the shell asks Electron for.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, ipcChannel } from '../shared/ipc-contract';

const m = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  class FakeContents {
    listeners = new Map<string, Listener>();
    openHandler: ((d: { url: string }) => { action: string }) | null = null;
    mainFrame = { url: 'app://chutes/index.html' };
    on(event: string, fn: Listener) {
      this.listeners.set(event, fn);
      return this;
    }
    setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
      this.openHandler = fn;
    }
  }
  const windows: Array<{ options: Record<string, unknown>; loaded: string[] }> = [];
  class BrowserWindow {
    webContents = new FakeContents();
    loaded: string[] = [];
    constructor(public options: Record<string, unknown>) {
      windows.push(this);
    }
    once() {
      return this;
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  return {
    FakeContents,
    BrowserWindow,
    windows,
    handlers: new Map<string, (event: unknown, payload: unknown) => unknown>(),
    exposed: new Map<string, unknown>(),
    invoke: vi.fn((..._args: unknown[]) => Promise.resolve({ ok: true, value: 1 })),
    openExternal: vi.fn((_url: string) => Promise.resolve()),
    protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
    privileged: [] as unknown[],
    showMessageBoxSync: vi.fn((_window: unknown, _options: { buttons: string[]; detail?: string }) => 0),
  };
});

vi.mock('electron', () => ({
  BrowserWindow: m.BrowserWindow,
  shell: { openExternal: m.openExternal },
  dialog: { showMessageBoxSync: m.showMessageBoxSync },
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, payload: unknown) => unknown) => m.handlers.set(channel, fn),
  },
  ipcRenderer: { invoke: m.invoke },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => m.exposed.set(key, api) },
  protocol: {
    registerSchemesAsPrivileged: (s: unknown[]) => m.privileged.push(...s),
    handle: (scheme: string, fn: (req: Request) => Promise<Response>) => m.protocolHandlers.set(scheme, fn),
  },
}));

beforeEach(() => {
  m.windows.length = 0;
  m.handlers.clear();
  m.openExternal.mockClear();
});

describe('main window', () => {
  it('is created isolated, sandboxed, without Node, with our preload', async () => {
    const { createMainWindow } = await import('./window');
    createMainWindow({ preloadPath: '/app/preload.js', startUrl: 'app://chutes/index.html' });
    const prefs = m.windows[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/preload.js',
    });
    expect(m.windows[0]?.loaded).toEqual(['app://chutes/index.html']);
  });

  it('asks before a page that holds something shown once is closed, and closes only on "Close anyway"', async () => {
    const { createMainWindow } = await import('./window');
    createMainWindow({ preloadPath: '/app/preload.js', startUrl: 'app://chutes/index.html' });
    const contents = (m.windows[0] as unknown as { webContents: InstanceType<typeof m.FakeContents> }).webContents;
    const onPrevented = contents.listeners.get('will-prevent-unload');
    const allowUnload = vi.fn();
    m.showMessageBoxSync.mockReturnValueOnce(0);
    onPrevented?.({ preventDefault: allowUnload });
    expect(allowUnload).not.toHaveBeenCalled();
    m.showMessageBoxSync.mockReturnValueOnce(1);
    onPrevented?.({ preventDefault: allowUnload });
    expect(allowUnload).toHaveBeenCalledTimes(1);
    const options = m.showMessageBoxSync.mock.calls[0]?.[1];
    expect(options?.buttons).toEqual(['Stay', 'Close anyway']);
    // Main holds a new account's fingerprint for a page started again, until the app quits.
    expect(options?.detail).toContain('The app offers the fingerprint again only while it keeps running');
  });

  it('blocks navigation, new windows and webviews; opens only allow-listed links', async () => {
    const { lockDownContents } = await import('./window');
    const contents = new m.FakeContents();
    lockDownContents(contents as never, 'app://chutes');
    const prevent = vi.fn();
    contents.listeners.get('will-navigate')?.({ preventDefault: prevent }, 'https://evil.example/');
    contents.listeners.get('will-navigate')?.({ preventDefault: prevent }, 'app://chutes/index.html#/settings');
    expect(prevent).toHaveBeenCalledTimes(1);
    contents.listeners.get('will-attach-webview')?.({ preventDefault: prevent });
    expect(prevent).toHaveBeenCalledTimes(2);
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://rtok.chutes.ai/users/registration_token' })).toEqual({
      action: 'deny',
    });
    expect(m.openExternal.mock.calls).toEqual([['https://rtok.chutes.ai/users/registration_token']]);
  });

  it('denies every permission but clipboard writes from the app page', async () => {
    const { lockDownSession } = await import('./window');
    type Request = (
      c: unknown,
      p: string,
      cb: (ok: boolean) => void,
      d: { requestingUrl?: string; isMainFrame?: boolean },
    ) => void;
    type Check = (
      c: unknown,
      p: string,
      origin: string,
      d: { requestingUrl?: string; isMainFrame?: boolean },
    ) => boolean;
    let request: Request | undefined;
    let check: Check | undefined;
    lockDownSession(
      {
        setPermissionRequestHandler: (fn: Request) => (request = fn),
        setPermissionCheckHandler: (fn: Check) => (check = fn),
      } as never,
      'app://chutes',
    );
    const answers: boolean[] = [];
    const ask = (permission: string, url: string, isMainFrame = true) =>
      request?.(null, permission, (ok) => answers.push(ok), { requestingUrl: url, isMainFrame });
    ask('media', 'app://chutes/index.html');
    ask('notifications', 'app://chutes/index.html');
    ask('clipboard-read', 'app://chutes/index.html');
    ask('clipboard-sanitized-write', 'https://evil.example/');
    ask('clipboard-sanitized-write', 'app://chutes/index.html', false);
    ask('clipboard-sanitized-write', 'app://chutes/index.html');
    expect(answers).toEqual([false, false, false, false, false, true]);
    expect(
      check?.(null, 'media', 'app://chutes', { requestingUrl: 'app://chutes/index.html', isMainFrame: true }),
    ).toBe(false);
    expect(
      check?.(null, 'clipboard-sanitized-write', 'app://chutes', {
        requestingUrl: 'app://chutes/index.html',
        isMainFrame: true,
      }),
    ).toBe(true);
  });
});

describe('IPC binding', () => {
  it('binds every contract channel and answers only the app main frame', async () => {
    const { bindIpc } = await import('./ipc-binding');
    const dispatch = vi.fn(() => Promise.resolve({ ok: true as const, value: 'done' }));
    bindIpc({ dispatch }, ['app://chutes']);
    expect([...m.handlers.keys()].sort()).toEqual(CHANNELS.map(ipcChannel).sort());
    const handler = m.handlers.get(ipcChannel('getAppInfo'));
    const mainFrame = { url: 'app://chutes/index.html' };
    expect(await handler?.({ senderFrame: mainFrame, sender: { mainFrame } }, {})).toEqual({ ok: true, value: 'done' });
    const subFrame = { url: 'app://chutes/index.html' };
    const refused = await handler?.({ senderFrame: subFrame, sender: { mainFrame } }, {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const foreign = { url: 'https://evil.example/' };
    expect(await handler?.({ senderFrame: foreign, sender: { mainFrame: foreign } }, {})).toMatchObject({ ok: false });
    expect(dispatch).toHaveBeenCalledTimes(1);
  });
});

describe('preload', () => {
  it('exposes exactly one function per channel as window.chutes, over prefixed IPC channels', async () => {
    // The build injects the contract's channel names (electron.vite.config.ts); so does this test.
    Object.assign(globalThis, { __CHUTES_CHANNELS__: CHANNELS });
    await import('./preload');
    const api = m.exposed.get('chutes') as Record<string, (input: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...CHANNELS].sort());
    expect(Object.isFrozen(api)).toBe(true);
    await api.checkConnection?.({ apiUrl: 'https://api.chutes.ai' });
    expect(m.invoke).toHaveBeenCalledWith('chutes:checkConnection', { apiUrl: 'https://api.chutes.ai' });
  });
});

describe('app protocol', () => {
  it('registers a secure standard scheme and serves the renderer with the window CSP', async () => {
    const fs = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'r-'));
    await fs.writeFile(path.join(dir, 'index.html'), '<p>hi</p>');
    const { registerAppScheme, serveRenderer } = await import('./app-protocol');
    registerAppScheme();
    expect(m.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    serveRenderer(dir);
    const handle = m.protocolHandlers.get('app');
    const ok = await handle?.(new Request('app://chutes/index.html'));
    expect(ok?.status).toBe(200);
    expect(ok?.headers.get('content-security-policy')).toContain("connect-src 'none'");
    expect((await handle?.(new Request('app://chutes/../../etc/passwd')))?.status).toBe(404);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
