import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { appError } from '../shared/errors';
import { CHANNELS, ipcChannel } from '../shared/ipc-contract';
import type { Router } from './ipc-router';
import { isTrustedSenderUrl } from './security/policy';

/** Answer each contract channel over IPC, only for the main frame of our own page. */
export function bindIpc(router: Router, allowedOrigins: readonly string[]): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannel(channel), (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame;
      const isMainFrame = frame !== null && frame === event.sender.mainFrame;
      if (!isTrustedSenderUrl(frame?.url, isMainFrame, allowedOrigins)) {
        return { ok: false, error: appError('forbidden', 'Refused: this call did not come from the app window.') };
      }
      return router.dispatch(channel, payload, { transport: 'ipc' });
    });
  }
}
