/**
 * Security settings of the desktop window and the web host, as plain data and pure functions so
 * they are unit-tested without Electron. The shell (window.ts, app-protocol.ts, ipc-binding.ts)
 * only applies them.
 */

/** The renderer is served from this custom origin, never from file:// (Electron checklist #18). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://chutes`;

export const WINDOW_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

/**
 * The renderer makes no network requests: in the window `connect-src` is `'none'`; the web host's
 * page may only call its own origin. Styles come from the bundle; React sets style properties
 * through the CSSOM, which CSP does not restrict.
 */
export function contentSecurityPolicy(connectSrc: "'none'" | "'self'"): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Pages the app may open in the user's browser: https only, and only these sites. */
export const EXTERNAL_URL_ALLOW_LIST: readonly string[] = [
  'https://chutes.ai/',
  'https://api.chutes.ai/',
  'https://rtok.chutes.ai/',
  'https://docs.chutes.ai/',
  'https://github.com/chutesai/',
  'https://docs.learnbittensor.org/',
];

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  const normalised = url.href;
  return EXTERNAL_URL_ALLOW_LIST.some((prefix) => normalised.startsWith(prefix));
}

/**
 * `scheme://host[:port]` of a URL, or null if it does not parse. WHATWG `URL.origin` is the
 * string "null" for custom schemes such as app://, which would make every such URL compare equal.
 */
export function originOf(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (!url.host) return null;
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}

/** IPC is answered only for the main frame of our own page (Electron checklist #17). */
/**
 * The dev server electron-vite names in ELECTRON_RENDERER_URL, honoured only by an unpackaged app
 * and only on this machine's loopback. The page it names becomes the window's trusted origin, with
 * every channel (seed export included), so in a packaged app anyone able to set one environment
 * variable for it (malware: `launchctl setenv` on macOS) could otherwise hand it to their own page.
 */
export function devServerUrl(raw: string | undefined, isPackaged: boolean): string | null {
  if (isPackaged || !raw) return null;
  try {
    const url = new URL(raw);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'http:' && loopback && !url.username && !url.password ? raw : null;
  } catch {
    return null;
  }
}

export function isTrustedSenderUrl(
  senderUrl: string | undefined,
  isMainFrame: boolean,
  allowedOrigins: readonly string[],
): boolean {
  if (!isMainFrame || !senderUrl) return false;
  const origin = originOf(senderUrl);
  return origin !== null && allowedOrigins.includes(origin);
}

/** The only permission the page may have: writing (never reading) the clipboard, from the app's main frame. */
export function isAllowedPermission(
  permission: string,
  requestingUrl: string | undefined,
  isMainFrame: boolean | undefined,
  appOrigin: string,
): boolean {
  return (
    permission === 'clipboard-sanitized-write' &&
    isMainFrame !== false &&
    requestingUrl !== undefined &&
    originOf(requestingUrl) === appOrigin
  );
}
