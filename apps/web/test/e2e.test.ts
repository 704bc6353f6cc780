/**
 * The web app as people use it, in Debian's Chromium against a real server on loopback:
 * - the IndexedDB store passes the client SDK's store conformance suite in the browser;
 * - two people (two browser contexts) create identities, connect by an invitation link and talk,
 *   one message sent while that phone is offline, each message's state shown;
 * - the planner opens the DMZ example, refuses a site moved into the North, runs a coverage and
 *   shows the people reached, gives a link budget for a clicked point; nothing is loaded from
 *   another origin.
 * Screenshots go to test-output/web/.
 */
import { join } from 'node:path';
import { storeConformance, MemoryStore } from '@tongilnet/client';
import { findDataDir, repoRoot } from '@tongilnet/geodata';
import { plannerPlugin } from '@tongilnet/server';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, launchChromium, type LaunchedBrowser } from './browser.ts';
import { writeQrVideo } from './fake-camera.ts';
import { startServer, type RunningServer } from './serve.ts';

let chrome: LaunchedBrowser;
let server: RunningServer;

beforeAll(async () => {
  const data = findDataDir();
  if (!data.dir) throw new Error(`no shared data directory (tried ${data.tried.join(', ')})`);
  [server, chrome] = await Promise.all([
    startServer(async (app) => {
      await app.register(plannerPlugin, {
        dataDir: data.dir!,
        examplesDir: join(repoRoot, 'examples'),
      });
    }),
    launchChromium(),
  ]);
}, 120_000);

afterAll(async () => {
  await chrome?.close();
  await server?.close();
});

/**
 * Waits for `selector` the way a person would: pressing "sync now" once a second (one short
 * burst each) until it shows. Live mode's own polling may get there first.
 */
async function untilShown(page: Page, selector: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if ((await page.locator(selector).count()) > 0) return;
    if (Date.now() > end) throw new Error(`${selector} did not appear within ${timeoutMs} ms`);
    await page.click('#sync-now');
    await page.waitForTimeout(1000);
  }
}

/**
 * Accessibility basics a test can check: every visible control has an accessible name (a label,
 * aria-label or text) and every image a text alternative. Returns what lacks one.
 */
function unnamed(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null;
    for (const el of document.querySelectorAll('input, select, textarea, button, a[href]')) {
      if (!visible(el) || (el as HTMLInputElement).type === 'hidden') continue;
      const labels = (el as HTMLInputElement).labels;
      const named =
        (labels && labels.length > 0) ||
        el.getAttribute('aria-label') ||
        el.getAttribute('aria-labelledby') ||
        el.getAttribute('title') ||
        (el.textContent ?? '').trim();
      if (!named) out.push(el.outerHTML.slice(0, 120));
    }
    for (const el of document.querySelectorAll('img, svg[role="img"], canvas')) {
      if (!visible(el)) continue;
      if (!el.getAttribute('alt') && !el.getAttribute('aria-label'))
        out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('IndexedDB store in Chromium', () => {
  let page: Page;
  beforeAll(async () => {
    const out = await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        write: false,
        minify: false,
        lib: {
          entry: join(import.meta.dirname, 'store-harness.ts'),
          formats: ['iife'],
          name: 'storeHarness',
        },
      },
    });
    const output = (Array.isArray(out) ? out[0] : out) as { output: Array<{ code?: string }> };
    const code = output.output[0]!.code!;
    page = await chrome.browser.newPage();
    // IndexedDB needs a real origin: serve a blank page at the server's.
    await page.route(`${server.url}/store-test`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>store</title>' }),
    );
    await page.goto(`${server.url}/store-test`);
    await page.addScriptTag({ content: code });
  }, 60_000);

  afterAll(async () => {
    await page?.close();
  });

  const names = storeConformance(
    () => Promise.resolve(new MemoryStore()),
    () => Promise.resolve(new MemoryStore()),
  ).map((c) => c.name);
  for (const name of names) {
    it(name, async () => {
      const error = await page.evaluate(
        (n) =>
          (
            globalThis as unknown as { runStoreCheck(n: string): Promise<string | null> }
          ).runStoreCheck(n),
        name,
      );
      expect(error).toBeNull();
    });
  }
});

describe('messenger', () => {
  it('two people connect by an invitation and talk, one message sent while offline', async () => {
    const alice = await chrome.browser.newContext({ viewport: { width: 390, height: 780 } });
    const bob = await chrome.browser.newContext({ viewport: { width: 390, height: 780 } });
    try {
      // Alice: Korean by default; a new identity shows its 12-word recovery phrase.
      const a = await alice.newPage();
      await a.goto(`${server.url}/`);
      await expect.poll(() => a.locator('html').getAttribute('lang')).toBe('ko');
      expect(await unnamed(a)).toEqual([]);
      await a.click('#create');
      await a.waitForSelector('#phrase li');
      expect(await a.locator('#phrase li').count()).toBe(12);
      await shot(a, 'messenger-1-phrase');
      await a.click('#phrase-done');

      // Alice invites; she types what she will call the person.
      await a.click('#go-invite');
      await a.fill('#invite-name', 'Bob');
      await a.click('#invite-make');
      await a.waitForSelector('svg.qr');
      expect(await unnamed(a)).toEqual([]);
      const link = await a.inputValue('#invite-link');
      expect(link).toMatch(new RegExp(`^${server.url}/i#[A-Za-z0-9_-]+$`));
      await shot(a, 'messenger-2-invitation');

      // Bob opens the link, switches to English, makes his identity and lands on "accept".
      const b = await bob.newPage();
      await b.goto(link);
      await b.waitForSelector('#create');
      expect(new URL(b.url()).hash).toBe(''); // the invitation is out of the address bar
      await b.click('#lang-switch');
      await expect.poll(() => b.locator('html').getAttribute('lang')).toBe('en');
      await b.click('#create');
      await b.waitForSelector('#phrase li');
      const bobPhrase = (await b.locator('#phrase li').allTextContents()).join(' ');
      expect(bobPhrase.split(' ')).toHaveLength(12);
      await b.click('#phrase-done');
      expect(await b.inputValue('#accept-link')).toBe(link);
      // Nothing names Alice until Bob types a name.
      await b.fill('#accept-name', 'Mom');
      await b.click('#accept-go');
      await b.waitForSelector('#chat-title');
      expect(await b.textContent('#chat-title')).toBe('Mom');
      expect(await unnamed(b)).toEqual([]);

      // Bob writes; Alice presses "sync now" until it is there, under the name she typed.
      await b.fill('#compose-text', 'hello from Bob');
      await b.click('#send');
      await a.click('.back');
      await untilShown(a, '[data-chat="Bob"] >> text=Bob');
      await a.click('[data-chat="Bob"]');
      await untilShown(a, '.msg:has-text("hello from Bob")');
      // Bob sees his message delivered once Alice's encrypted receipt is back.
      await untilShown(b, '.msg.mine[data-state="delivered"]');

      // Alice answers in Korean; Bob's open app gets it pushed, without pressing anything.
      await a.fill('#compose-text', '잘 지내니? 보고 싶다');
      await a.click('#send');
      await b.waitForSelector('.msg:has-text("잘 지내니? 보고 싶다")', { timeout: 15_000 });

      // Bob loses the link: his message waits on the phone, then leaves when the link is back.
      await bob.setOffline(true);
      await expect.poll(() => b.evaluate(() => navigator.onLine)).toBe(false);
      await b.fill('#compose-text', 'sent while offline');
      await b.click('#send');
      const offline = b.locator('.msg.mine', { hasText: 'sent while offline' });
      await expect.poll(() => offline.getAttribute('data-state')).toBe('queued');
      expect(await offline.locator('.state-text').textContent()).toBe('Waiting on this phone');
      await b.click('#sync-now'); // does nothing harmful without a link
      await shot(b, 'messenger-3-offline-queued');
      await a.click('#sync-now');
      await a.waitForTimeout(500);
      expect(await a.locator('.msg', { hasText: 'sent while offline' }).count()).toBe(0);
      expect(await offline.getAttribute('data-state')).toBe('queued');
      // The link comes back: the phone syncs by itself (the browser's "online" event).
      await bob.setOffline(false);
      await expect
        .poll(() => offline.getAttribute('data-state'), { timeout: 15_000 })
        .not.toBe('queued');
      await untilShown(a, '.msg:has-text("sent while offline")');
      await untilShown(b, '.msg.mine[data-state="delivered"]:has-text("sent while offline")');
      await shot(b, 'messenger-4-delivered');
      await shot(a, 'messenger-5-korean-chat');

      // A family group: Alice makes one with Bob; Bob sees her message under the name he gave her.
      await a.click('.back');
      await a.click('#go-group');
      await a.fill('#group-name', '우리 가족');
      await a.check('#member-0');
      await a.click('#group-make');
      await a.waitForSelector('#chat-title:has-text("우리 가족")');
      await a.fill('#compose-text', '모두 안녕');
      await a.click('#send');
      await b.click('.back');
      await untilShown(b, '[data-chat="우리 가족"]');
      await b.click('[data-chat="우리 가족"]');
      await untilShown(b, '.msg:has-text("모두 안녕")');
      expect(await b.locator('.msg', { hasText: '모두 안녕' }).locator('.from').textContent()).toBe(
        'Mom',
      );

      // With no link at all the app still opens: the service worker serves the cached shell.
      await expect
        .poll(() => b.evaluate(() => navigator.serviceWorker.controller !== null), {
          timeout: 15_000,
        })
        .toBe(true);
      await bob.setOffline(true);
      await b.reload();
      await b.waitForSelector('#chats');
      expect(await b.locator('[data-chat="Mom"]').count()).toBe(1);
      await bob.setOffline(false);

      // Safety: a calculator disguise (title and manifest), then the quick wipe.
      await b.click('#go-settings');
      const bobFingerprint = await b.textContent('#my-fingerprint');
      await b.check('input[name="disguise"][value="calculator"]');
      await expect.poll(() => b.title()).toBe('Calculator');
      expect(await b.getAttribute('link[rel="manifest"]', 'href')).toBe(
        '/manifest-calculator-en.webmanifest',
      );
      // The manifest the home screen reads names the disguise, and its icons are there.
      const manifest = await b.evaluate(async () => {
        const href = document.querySelector('link[rel="manifest"]')!.getAttribute('href')!;
        const m = (await (await fetch(href)).json()) as {
          name: string;
          icons: Array<{ src: string; type: string }>;
        };
        const icons = await Promise.all(
          m.icons.map(async (i) => {
            const r = await fetch(i.src);
            return `${r.status} ${r.headers.get('content-type')}`;
          }),
        );
        return { name: m.name, icons };
      });
      expect(manifest.name).toBe('Calculator');
      expect(manifest.icons).toEqual(['200 image/png', '200 image/png', '200 image/svg+xml']);
      await shot(b, 'messenger-6-settings-disguise');
      expect(await unnamed(b)).toEqual([]);
      await b.click('#wipe');
      await b.click('#wipe-confirm');
      await b.waitForSelector('#create');
      expect(await b.title()).toBe('Calculator');
      const left = await b.evaluate(async () => {
        const names = (await indexedDB.databases()).map((d) => d.name);
        return { names, caches: await caches.keys() };
      });
      expect(left.names).toEqual([]); // not even an empty database is left
      // The reloaded page cached its shell again (code, no data) under a neutral name.
      for (const name of left.caches) expect(name).toMatch(/^shell-[0-9a-f]+$/);

      // The recovery phrase brings the identity back (same safety number; contacts, by design, not).
      await b.click('details summary');
      await b.fill('#restore-phrase', bobPhrase);
      await b.click('form button[type="submit"]');
      await b.waitForSelector('#chats');
      expect(await b.locator('[data-chat]').count()).toBe(0);
      await b.click('#go-settings');
      expect(await b.textContent('#my-fingerprint')).toBe(bobFingerprint);
    } catch (error) {
      for (const [who, ctx] of [
        ['alice', alice],
        ['bob', bob],
      ] as const) {
        for (const page of ctx.pages()) await shot(page, `messenger-failure-${who}`);
      }
      throw error;
    } finally {
      await alice.close();
      await bob.close();
    }
  }, 120_000);
});

describe('messenger camera', () => {
  it('reads an invitation QR code with the camera, with jsQR where there is no BarcodeDetector', async () => {
    const video = join(SCREENSHOTS, '..', 'fake-camera-invitation.y4m');
    const link = `${server.url}/i#${'Tg7_'.repeat(22)}`;
    writeQrVideo(video, link);
    const camera = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    try {
      const context = await camera.browser.newContext({ viewport: { width: 390, height: 780 } });
      // Whatever this Chromium has, take the path Safari and Firefox take.
      await context.addInitScript(() => {
        delete (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector;
      });
      const page = await context.newPage();
      const decoder: string[] = [];
      page.on('request', (r) => {
        if (/\/assets\/jsQR-[\w-]+\.js$/.test(r.url())) decoder.push(r.url());
      });
      await page.goto(`${server.url}/`);
      await page.click('#create');
      await page.waitForSelector('#phrase li');
      await page.click('#phrase-done');
      await page.click('#go-accept');
      expect(decoder).toEqual([]); // not loaded until someone scans
      await page.click('#scan');
      await expect.poll(() => page.inputValue('#accept-link'), { timeout: 20_000 }).toBe(link);
      expect(decoder).toHaveLength(1);
      // The camera is released once the code is read.
      await expect.poll(() => page.locator('video.camera').isHidden()).toBe(true);
      await shot(page, 'messenger-7-scanned');
    } finally {
      await camera.close();
    }
  });
});

describe('planner', () => {
  it('opens the DMZ example, refuses a site in the North, runs a coverage and shows the people reached', async () => {
    const context = await chrome.browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      const foreign: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('request', (r) => {
        const url = r.url();
        if (!url.startsWith(server.url) && !/^(blob|data):/.test(url)) foreign.push(url);
      });
      await page.goto(`${server.url}/planner/`);
      // The DMZ example opens by default: its eleven sites stand on the map.
      await page.waitForSelector('.marker-site');
      await expect
        .poll(() => page.locator('.marker-site').count(), { timeout: 15_000 })
        .toBeGreaterThanOrEqual(9);
      const sites = await page.locator('.marker-site').count();
      expect(await page.locator('.marker-jammer').count()).toBeGreaterThan(0);

      // Moving a site into the North is refused with a clear message, and the site stays put.
      await page.click('details.emitter.site >> nth=0 >> summary');
      await page.fill('#site-0-lat', '38.5');
      await page.press('#site-0-lat', 'Tab');
      await expect
        .poll(() => page.textContent('#planner-alert'), { timeout: 15_000 })
        .toMatch(/North side/);
      expect(await page.inputValue('#site-0-lat')).not.toBe('38.5');

      // Run the coverage on the server; progress shows, then the people reached.
      await page.click('#run');
      await page.waitForSelector('#people-reached', { timeout: 90_000 });
      const reached = Number(await page.getAttribute('#people-reached', 'data-value'));
      expect(reached).toBeGreaterThan(10_000);
      const reachedText = await page.textContent('#people-reached');
      expect(await page.locator('#per-site tbody tr').count()).toBe(sites);
      await page.waitForTimeout(1000); // let the layer image draw
      await shot(page, 'planner-1-two-way');

      // Another layer, and the link budget to a clicked point with its profile.
      await page.check('#layer-served-under-jamming');
      await page.click('#map canvas', { position: { x: 500, y: 200 } });
      await page.waitForSelector('#link-verdict', { timeout: 30_000 });
      await page.waitForSelector('svg.profile');
      await shot(page, 'planner-2-jamming-link');
      expect(await unnamed(page)).toEqual([]);

      // A second run can be cancelled while it computes.
      await page.click('#run');
      await page.click('#cancel');
      await expect.poll(() => page.textContent('#job-status'), { timeout: 30_000 }).toBe('취소됨');
      expect(await page.textContent('#people-reached')).toBe(reachedText); // the last results stay

      expect(foreign).toEqual([]);
      expect(problems).toEqual([]);
    } catch (error) {
      for (const page of context.pages()) await shot(page, 'planner-failure');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
