// `npm run sandbox -- --port P [--state FILE] [--demo]`: prints one line with the URL when ready.

import { parseArgs } from 'node:util';
import { startSandbox } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      state: { type: 'string' },
      demo: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got ${values.port}`);
  const sandbox = await startSandbox({ port, stateFile: values.state, demo: values.demo });
  process.stdout.write(`Chutes API sandbox listening on ${sandbox.url}${values.demo ? ' (demo seed on)' : ''}\n`);
  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Chutes API sandbox failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
