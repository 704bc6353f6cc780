/**
 * @module test/browser
 * Debian's Chromium driven by playwright-core: headless, no sandbox (containers), nothing that
 * phones home (no component updates, sync or background networking). `launch` gives Chromium a
 * fresh temporary profile (--user-data-dir) and deletes it on close; each context is a clean slate.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.TONGILNET_CHROMIUM ?? '/usr/bin/chromium';

/** Where screenshots go: test-output/web at the repository root (gitignored). */
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', '..', 'test-output', 'web');

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** `extraArgs`: more Chromium switches (e.g. a fake camera fed from a file). */
export async function launchChromium(extraArgs: string[] = []): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: install Debian's Chromium (apt-get install -y chromium) or set TONGILNET_CHROMIUM`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}
