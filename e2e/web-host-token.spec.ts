import net from 'node:net';
import { expect, test } from '@playwright/test';
import { startWebHost, type RunningWebHost } from './fixtures/web-host';

let first: RunningWebHost;
let second: RunningWebHost;
test.beforeAll(async () => {
  [first, second] = await Promise.all([startWebHost(), startWebHost()]);
});
test.afterAll(async () => {
  await Promise.all([first.stop(), second.stop()]);
});

/**
 * A fixed local port whose web host can be swapped, as `npm run serve` stopped and started again
 * on the same port looks to an open tab: the same origin, a new token.
 */
async function swappablePort(): Promise<{ port: number; serve(host: RunningWebHost): void; close(): void }> {
  let upstreamPort = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', () => {
      sockets.delete(client);
      sockets.delete(upstream);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    serve: (host) => {
      upstreamPort = Number(new URL(host.url).port);
      // The old host's connections end with it.
      for (const socket of sockets) socket.destroy();
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

test('the new address of a restarted web host, pasted into the open tab, lets it in again on the same screen', async ({
  page,
}) => {
  const port = await swappablePort();
  try {
    port.serve(first);
    const base = `http://127.0.0.1:${port.port}`;
    await page.goto(`${base}/#token=${first.token}`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByText('web host (browser)')).toBeVisible();

    // Restarted: the tab's token is now refused, and the page says to open the new address.
    port.serve(second);
    await page.reload();
    const gate = page.getByRole('alert');
    await expect(gate.getByRole('heading', { name: 'This tab cannot reach Chutes Desktop' })).toBeVisible();
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    // Opened in this same tab, the new address changes only the fragment: the page is not loaded again.
    await page.goto(`${base}/#token=${second.token}`);
    await expect(page.getByText('web host (browser)')).toBeVisible();
    await expect(gate).toBeHidden();
    expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);
    expect(page.url()).toBe(`${base}/#/settings`);
    expect(await page.evaluate(() => sessionStorage.getItem('chutes.webToken'))).toBe(second.token);
  } finally {
    port.close();
  }
});
