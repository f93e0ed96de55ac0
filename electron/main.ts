import path from 'node:path';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { loadAppConfig } from './app-config';
import { createHandlers } from './handlers';
import { keychainCallsLingering } from './keychain/keychain-call';
import { bindIpc } from './ipc-binding';
import { createRouter } from './ipc-router';
import { logToFile } from './log-file';
import { createServices } from './services';
import { APP_ORIGIN, devServerUrl, originOf } from './security/policy';
import { APP_VERSION } from './version';
import { createMainWindow, lockDownContents, lockDownSession, raiseWindow } from './window';

// electron-vite sets this under `electron-vite dev`; packaged and preview builds use app://.
const devServer = devServerUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged);

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const origin = (devServer && originOf(devServer)) || APP_ORIGIN;
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, origin));

  const open = () =>
    createMainWindow({
      preloadPath: path.join(__dirname, '../preload/index.js'),
      startUrl: devServer ?? `${APP_ORIGIN}/index.html`,
    });
  let window: BrowserWindow | null = null;
  // Listened for from the start, so no second launch goes unheard; one during start-up needs
  // nothing, as the window is about to open.
  app.on('second-instance', () => {
    if (!app.isReady()) return;
    if (!window || window.isDestroyed()) window = open();
    else raiseWindow(window);
  });
  app.on('activate', () => {
    if (app.isReady() && (!window || window.isDestroyed())) window = open();
  });

  app
    .whenReady()
    .then(() => {
      const config = loadAppConfig(process.argv);
      logToFile(config.dataDir);
      lockDownSession(session.defaultSession, origin);
      serveRenderer(path.join(__dirname, '../renderer'));
      const services = createServices(config, 'electron', APP_VERSION);
      bindIpc(createRouter(createHandlers(services)), [origin]);
      window = open();
      // The first screen lists the wallets: read them while the window loads.
      services.walletScans.scanAtLaunch();
    })
    .catch((error: unknown) => {
      // Without a window, 'window-all-closed' never comes: a failed start would otherwise linger
      // windowless, holding the single-instance lock so that every later launch quits silently.
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('Chutes Desktop could not start', message);
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // A keychain call left waiting on an unanswered unlock prompt holds a thread that a normal exit
  // joins: measured under Node (the web host, serve.ts), where the process never ended. Here it
  // would stay windowless, holding the single-instance lock so that every later launch quits
  // silently. Only then, end at once; what the exit hooks clean up is recovered at the next start.
  app.on('will-quit', () => {
    if (keychainCallsLingering()) process.kill(process.pid, 'SIGKILL');
  });
}
