import { TestKey } from './test-client';
import type { SandboxFixture } from './vitest-sandbox';

/** A new account on the sandbox under `username`, with an admin API key for it. */
export async function registeredAccount(f: SandboxFixture, username = 'alice') {
  const key = TestKey.random();
  const reg = await f.client.register(key, username);
  const admin = await f.client.adminKey(key);
  return { key, admin, ...reg };
}
