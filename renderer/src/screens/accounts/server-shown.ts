const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * A profile's server as its card shows it: the host, with `http://` in front when the server is
 * plain text and not this machine, so a connection anyone on the way could read is visible.
 */
export function serverShown(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return baseUrl;
  }
  return url.protocol === 'http:' && !LOOPBACK.test(url.hostname) ? `http://${url.host}` : url.host;
}
