import fs from 'node:fs';
import path from 'node:path';

/**
 * An unpacked "Electron distribution" that electron-builder accepts as `electronDist`: an
 * executable named `electron`, the `version` file and the licence. It cannot run an app; it lets
 * packaging run to the end without the release zip, which only GitHub serves.
 */
export function createStandInElectron(dir: string, version: string, licenseFile: string): string {
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const script =
    '#!/bin/sh\necho "stand-in Electron from the packaging smoke test: it cannot run the app" >&2\nexit 1\n';
  fs.writeFileSync(path.join(dir, 'electron'), script, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'version'), version);
  fs.copyFileSync(licenseFile, path.join(dir, 'LICENSE'));
  return dir;
}
