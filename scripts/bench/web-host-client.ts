import fs from 'node:fs';
import path from 'node:path';
import type { Result } from '../../shared/errors';
import { startWebHost, type RunningWebHost, type WebHostOptions } from '../../e2e/fixtures/web-host';

export type { RunningWebHost };

const SERVE = path.resolve(__dirname, '../../out/main/serve.js');

/** The bench drives the built web host (`npm run bench` builds first), as the e2e specs do. */
export function startBenchHost(options: WebHostOptions = {}): Promise<RunningWebHost> {
  if (!fs.existsSync(SERVE))
    throw new Error(`${SERVE} is missing: run \`npx electron-vite build\` (npm run bench does it first).`);
  return startWebHost(options);
}

/** One call through the web host's HTTP router, exactly as the renderer's client makes it. */
export async function rpc<T>(host: RunningWebHost, channel: string, input: unknown): Promise<T> {
  const res = await fetch(`${host.url}/rpc/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = (await res.json()) as Result<T>;
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}
