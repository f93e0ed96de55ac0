import path from 'node:path';
import { loadAppConfig } from '../app-config';
import { createHandlers } from '../handlers';
import { createRouter } from '../ipc-router';
import { createServices } from '../services';
import { keychainCallsLingering } from '../keychain/keychain-call';
import { log } from '../log';
import { logToFile } from '../log-file';
import { APP_VERSION } from '../version';
import { parseServeArgs } from './serve-args';
import { startWebHost } from './server';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // Checked before anything starts: a flag mistyped or not taken is said, not ignored.
  const { port } = parseServeArgs(argv);
  const config = loadAppConfig(argv);
  logToFile(config.dataDir);
  const services = createServices(config, 'web', APP_VERSION);
  const router = createRouter(createHandlers(services));
  const host = await startWebHost({ router, port, rendererDir: path.join(__dirname, '../renderer') });
  process.stdout.write(`Chutes Desktop is serving on ${host.launchUrl}\n`);
  process.stdout.write(`Open that address in a browser on this machine (API: ${config.apiUrl}). Ctrl+C stops it.\n`);
  // The first screen lists the wallets: read them while the browser opens the page.
  services.walletScans.scanAtLaunch();
  // A keychain call left waiting on an unanswered unlock prompt (or a silent bus) holds a thread
  // that a normal exit joins, so process.exit would never return (measured: the silent-bus probe
  // in keychain-unavailable.test.ts). Then end as the signal's default would, skipping the exit
  // hooks (lock files and temp files are recovered at the next start); otherwise exit normally.
  const stop = (signal: NodeJS.Signals) => {
    void host.close().then(() => {
      if (!keychainCallsLingering()) process.exit(0);
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === 'EADDRINUSE')
    log.error(`That port is already in use. Pick another with --port N, or --port 0 for any free port.`);
  else log.error(error instanceof Error ? error.message : 'The web host could not start.');
  process.exit(1);
});
