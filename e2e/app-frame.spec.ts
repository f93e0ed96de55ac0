import http from 'node:http';
import type net from 'node:net';
import { expect, test } from '@playwright/test';
import { forwardedPort } from './fixtures/forwarded-port';
import { laidOutLines } from './fixtures/line-breaks';
import { screenshot } from './fixtures/screenshots';
import { startWebHost, type RunningWebHost } from './fixtures/web-host';

let host: RunningWebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host.stop();
});

const SCREENS = [
  ['Profiles & hotkeys', 'accounts'],
  ['Register', 'register'],
  ['API keys', 'api-keys'],
  ['Secrets', 'secrets'],
  ['Link hotkey', 'link-hotkey'],
  ['Account', 'account'],
  ['Settings', 'settings'],
] as const;

test('the token moves from the address bar into session storage', async ({ page }) => {
  await page.goto(host.launchUrl);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(page.url()).not.toContain('token=');
  expect(await page.evaluate(() => sessionStorage.getItem('chutes.webToken'))).toBe(host.token);
  await page.reload();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByText('web host (browser)')).toBeVisible();
});

test('every screen is reachable from the navigation and says what it is for', async ({ page }) => {
  await page.goto(host.launchUrl);
  for (const [label, id] of SCREENS) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`#/${id}(/[^/]+)*$`));
    await expect(page.getByRole('heading', { level: 1, name: label, exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: label, exact: true })).toHaveAttribute('aria-current', 'page');
    await screenshot(page, `screen-${id}`);
  }
});

/** WCAG contrast ratio of two computed colours ("rgb(r, g, b)"). */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r = 0, g = 0, b = 0] = (css.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

test('focus rings and field borders stand out (3:1), the current screen differs from a hovered one, h3 is below h2', async ({
  page,
}) => {
  await page.goto(host.launchUrl);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Settings' }).click();
  const field = page.getByLabel('Address to test');
  await field.focus();
  const look = await field.evaluate((el) => {
    const style = getComputedStyle(el);
    const card = el.closest('.card');
    return {
      focused: el.matches(':focus-visible'),
      ring: style.outlineColor,
      border: style.borderTopColor,
      card: card ? getComputedStyle(card).backgroundColor : '',
      // The page's background is set on the root; the body's is transparent.
      page: getComputedStyle(document.documentElement).backgroundColor,
    };
  });
  expect(look.focused).toBe(true);
  for (const bg of [look.card, look.page]) expect(contrast(look.ring, bg)).toBeGreaterThanOrEqual(3);
  expect(contrast(look.border, look.card)).toBeGreaterThanOrEqual(3);

  // The current screen has a marker a hovered link never shows, and another background.
  const current = nav.getByRole('link', { name: 'Settings' });
  const other = nav.getByRole('link', { name: 'Secrets' });
  await other.hover();
  const shade = (link: typeof current) =>
    link.evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, marker: getComputedStyle(el).boxShadow }));
  const [hovered, here] = [await shade(other), await shade(current)];
  expect(hovered.marker).toBe('none');
  expect(here.marker).not.toBe('none');
  expect(here.bg).not.toBe(hovered.bg);
  // In the sidebar the ring is light: 3:1 against the dark bar too (reached by Tab, as a keyboard user would).
  await nav.getByRole('link', { name: 'Account', exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(current).toBeFocused();
  const sideRing = await current.evaluate((el) =>
    el.matches(':focus-visible') ? getComputedStyle(el).outlineColor : '',
  );
  const side = await page.getByRole('complementary').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(contrast(sideRing, side)).toBeGreaterThanOrEqual(3);

  // A third-level heading is smaller than the second-level one above it.
  const sizes = await page.evaluate(() => {
    const card = document.querySelector('.card');
    const h2 = document.createElement('h2');
    const h3 = document.createElement('h3');
    card?.append(h2, h3);
    const size = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
    const out = { h2: size(h2), h3: size(h3) };
    h2.remove();
    h3.remove();
    return out;
  });
  expect(sizes.h3).toBeLessThan(sizes.h2);
});

test('an SSH-style tunnel on another local port reaches the app', async ({ page }) => {
  // What `ssh -L <other port>:127.0.0.1:<port>` does: bytes passed through, the browser names the other port.
  const tunnel = await forwardedPort(host);
  try {
    const { port } = tunnel;
    await page.goto(`http://localhost:${port}/#token=${host.token}`);
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByText('web host (browser)')).toBeVisible();
  } finally {
    tunnel.close();
  }
});

test('a tab without the token is refused and told what to do', async ({ page }) => {
  await page.goto(`${host.url}/#/settings`);
  const gate = page.getByRole('alert');
  await expect(gate.getByRole('heading', { name: 'This tab cannot reach Chutes Desktop' })).toBeVisible();
  await expect(gate).toContainText(
    'Missing or wrong access token. Open the full address the web host printed when it started (the one ending in #token=…).',
  );
  // And how to get that address back.
  await expect(gate).toContainText('If that output is gone, stop the web host (Ctrl+C) and start it again');
  // The heading wraps in even lines, not with one word alone on the second.
  const heading = await laidOutLines(gate.getByRole('heading'));
  expect(heading.at(-1)?.trim()).toContain(' ');
  await screenshot(page, 'web-host-no-token');
});

test('the page cannot reach the network: CSP blocks other origins', async ({ page }) => {
  // A live server on another local port: without the policy, a no-cors fetch would reach it.
  let hits = 0;
  const stub = http.createServer((_req, res) => {
    hits++;
    res.end('ok');
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  const port = (stub.address() as net.AddressInfo).port;
  try {
    expect((await fetch(`http://127.0.0.1:${port}/`)).ok).toBe(true);
    expect(hits).toBe(1);
    await page.goto(host.launchUrl);
    const outcome = await page.evaluate(async (url) => {
      const violation = new Promise<string>((resolve) =>
        document.addEventListener(
          'securitypolicyviolation',
          (e) => resolve(`${e.effectiveDirective} ${e.blockedURI}`),
          {
            once: true,
          },
        ),
      );
      const fetched = await fetch(url, { mode: 'no-cors' }).then(
        () => 'fetched',
        () => 'blocked',
      );
      return { fetched, violation: await violation };
    }, `http://127.0.0.1:${port}/`);
    expect(outcome).toEqual({ fetched: 'blocked', violation: `connect-src http://127.0.0.1:${port}/` });
    expect(hits).toBe(1);
  } finally {
    await new Promise((resolve) => stub.close(resolve));
  }
});

test('the web host refuses foreign origins and wrong tokens', async ({ request }) => {
  const wrongToken = await request.post(`${host.url}/rpc/getAppInfo`, {
    headers: { authorization: 'Bearer nope' },
    data: {},
  });
  expect(wrongToken.status()).toBe(401);
  const foreign = await request.post(`${host.url}/rpc/getAppInfo`, {
    headers: { authorization: `Bearer ${host.token}`, origin: 'http://evil.example' },
    data: {},
  });
  expect(foreign.status()).toBe(403);
  const good = await request.post(`${host.url}/rpc/getAppInfo`, {
    headers: { authorization: `Bearer ${host.token}` },
    data: {},
  });
  expect(await good.json()).toMatchObject({ ok: true, value: { host: 'web' } });
});
