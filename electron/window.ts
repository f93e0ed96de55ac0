import { BrowserWindow, dialog, shell, type Session, type WebContents } from 'electron';
import {
  APP_ORIGIN,
  isAllowedExternalUrl,
  isAllowedPermission,
  originOf,
  WINDOW_WEB_PREFERENCES,
} from './security/policy';

// lockDownContents is applied to every WebContents from main.ts ('web-contents-created').

export interface WindowOptions {
  preloadPath: string;
  /** `app://chutes/index.html`, or the dev server's URL under `electron-vite dev`. */
  startUrl: string;
}

/**
 * Deny every permission (camera, notifications, …) except writing to the clipboard from our own
 * page: Copy buttons for addresses, and later for a key shown once, need it.
 */
export function lockDownSession(session: Session, appOrigin: string = APP_ORIGIN): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(
      isAllowedPermission(permission, details.requestingUrl ?? contents?.getURL(), details.isMainFrame, appOrigin),
    );
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isAllowedPermission(permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame, appOrigin),
  );
}

/** No navigation away from the app, no new windows, no webviews; allow-listed https links open in the browser. */
export function lockDownContents(contents: WebContents, appOrigin: string = APP_ORIGIN): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (originOf(url) !== appOrigin) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (originOf(url) !== appOrigin) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1180,
    height: 780,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'Chutes Desktop',
    backgroundColor: '#0f1420',
    webPreferences: { ...WINDOW_WEB_PREFERENCES, preload: options.preloadPath },
  });
  window.once('ready-to-show', () => window.show());
  // The page asks before unloading only while something shown once is not stored yet (a new
  // account's fingerprint, a new API key's secret). Electron shows no question of its own for
  // that: without this, closing or reloading the window would silently do nothing.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning',
      buttons: ['Stay', 'Close anyway'],
      defaultId: 0,
      cancelId: 0,
      title: 'Not stored yet',
      message: 'Something shown only once has not been stored yet.',
      detail:
        "A new account's fingerprint or a new API key's secret is waiting in this window, or on its way to it, and Chutes cannot show either again. The app offers the fingerprint again only while it keeps running (on Windows and Linux, closing its last window quits it); the secret is lost with this page.",
    });
    if (choice === 1) event.preventDefault();
  });
  void window.loadURL(options.startUrl);
  return window;
}

/**
 * A second launch brings this window forward: a minimised one is restored first (focus alone
 * leaves it in the taskbar), and a hidden one shown.
 */
export function raiseWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
