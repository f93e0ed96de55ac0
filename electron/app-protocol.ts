import { protocol } from 'electron';
import { APP_SCHEME, contentSecurityPolicy } from './security/policy';
import { readRendererFile } from './security/static-files';

/** Must run before `app.whenReady()`: the scheme behaves like https (secure, standard origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Serve the built renderer from app://chutes/ with the window's CSP on every response. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = await readRendererFile(rendererDir, new URL(request.url).pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: {
        'content-type': file.contentType,
        'content-security-policy': contentSecurityPolicy("'none'"),
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
