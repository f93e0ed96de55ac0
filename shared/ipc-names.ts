/**
 * Channel names on the wire, without the schemas: the sandboxed preload imports only this, so it
 * does not bundle zod. The preload gets the list of names at build time (see electron.vite.config.ts).
 */
export const IPC_PREFIX = 'chutes:';

/** IPC channel string for a contract channel; prefixed so nothing else on ipcMain can collide. */
export function ipcChannel(channel: string): string {
  return `${IPC_PREFIX}${channel}`;
}
