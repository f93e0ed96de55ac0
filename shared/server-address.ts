const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Whether requests to `baseUrl` travel unencrypted beyond this machine: `http://` to a host that
 * is not loopback. Signatures, session tokens, a registration's fingerprint and a new API key's
 * secret then cross the network readable by anyone on the way.
 */
export function plainTextRemote(baseUrl: string): boolean {
  try {
    const url = new URL(baseUrl);
    return url.protocol === 'http:' && !LOOPBACK.test(url.hostname);
  } catch {
    return false;
  }
}

/**
 * A server as cards show it: the host, with `http://` in front when the server is plain text and
 * not this machine, so a connection anyone on the way could read is visible.
 */
export function serverShown(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return baseUrl;
  }
  return plainTextRemote(baseUrl) ? `http://${url.host}` : url.host;
}

/** Said where a profile on such a server is made (a CLI import): what crosses the network readable. */
export function plainTextNote(baseUrl: string): string | null {
  return plainTextRemote(baseUrl)
    ? `Its server, ${serverShown(baseUrl)}, is not encrypted: the app’s signed requests, its session tokens and new API keys’ secrets cross the network readable by anyone on the way. Use an https:// address unless this network is yours alone.`
    : null;
}
