// One in-process sandbox per spec file, reset between tests.

import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox } from './server';
import type { SandboxHandle, SandboxOptions } from './server';
import { ChutesTestClient } from './test-client';

export interface SandboxFixture {
  readonly sb: SandboxHandle;
  readonly client: ChutesTestClient;
}

export function useSandbox(options: SandboxOptions = {}): SandboxFixture {
  let sb: SandboxHandle | undefined;
  let client: ChutesTestClient | undefined;
  beforeAll(async () => {
    sb = await startSandbox(options);
    client = new ChutesTestClient(sb.url, options.now);
  });
  afterAll(async () => {
    await sb?.close();
  });
  beforeEach(() => {
    sb?.reset();
  });
  return {
    get sb(): SandboxHandle {
      if (!sb) throw new Error('sandbox not started');
      return sb;
    },
    get client(): ChutesTestClient {
      if (!client) throw new Error('sandbox not started');
      return client;
    },
  };
}
