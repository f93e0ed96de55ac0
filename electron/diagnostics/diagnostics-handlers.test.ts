import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import type { Profile } from '../../shared/profiles';
import { loadAppConfig } from '../app-config';
import { createTransport } from '../chutes-api/transport';
import { MemorySeedVault } from '../keychain/memory-seed-vault.test-helper';
import { diagnosticsHandlers } from './diagnostics-handlers';

const servers: http.Server[] = [];
const ctx = { transport: 'http' as const };
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

/** A /ping that answers, counting who asked. */
async function pong(hits: string[], name: string): Promise<string> {
  const server = http.createServer((req, res) => {
    hits.push(`${name} ${req.url ?? ''}`);
    res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
    res.end('{"message":"pong"}');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const profile = (baseUrl: string): Profile => ({
  id: 'p1',
  displayName: 'Alice',
  baseUrl,
  username: 'alice',
  userId: 'u1',
  hotkeyName: 'hk',
  hotkeySs58: '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV',
  paymentAddress: null,
  source: { kind: 'manual' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

function handlers(apiUrl: string, active: Profile | null) {
  return diagnosticsHandlers({
    config: loadAppConfig([], { CHUTES_API_URL: apiUrl }, '/home/x', 'linux'),
    host: 'web',
    version: '1',
    chutes: {
      server: (baseUrl) => ({ transport: createTransport({ baseUrl, vault: new MemorySeedVault() }) }),
    },
    profiles: {
      snapshot: () => Promise.resolve({ profiles: active ? [active] : [], activeId: active?.id ?? null }),
    },
  });
}

describe('checkConnection without an address', () => {
  it("checks the active profile's server, where account calls go, not CHUTES_API_URL", async () => {
    const hits: string[] = [];
    const envUrl = await pong(hits, 'env');
    const profileUrl = await pong(hits, 'profile');
    const report = await handlers(envUrl, profile(profileUrl)).checkConnection({}, ctx);
    expect(report).toMatchObject({ reachable: true, url: `${profileUrl}/ping` });
    expect(hits).toEqual(['profile /ping']);
  });

  it('checks CHUTES_API_URL when no profile is active', async () => {
    const hits: string[] = [];
    const envUrl = await pong(hits, 'env');
    expect(await handlers(envUrl, null).checkConnection({}, ctx)).toMatchObject({
      reachable: true,
      url: `${envUrl}/ping`,
    });
    expect(hits).toEqual(['env /ping']);
  });

  it('says why a CHUTES_API_URL ending in ? cannot be checked, and sends nothing', async () => {
    const hits: string[] = [];
    const envUrl = await pong(hits, 'env');
    const error: unknown = await handlers(`${envUrl}?`, null)
      .checkConnection({}, ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).appError).toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/^CHUTES_API_URL, ".*\?", cannot be checked: Remove the \? or #/) as unknown,
    });
    expect(hits).toEqual([]);
  });
});
