/**
 * @module messenger/settings
 * Choices that shape the page before any key is opened: the disguise and the connection mode.
 * They live in localStorage (not in the SDK's store) so the disguise applies from the first
 * moment, and they survive a wipe on purpose: a wiped phone that still looks like a calculator
 * reveals less than one that turns back into a messenger. Key names (like the database's and the
 * cache's) are neutral, so the browser's storage does not name the app either.
 */
import { lang, t, type MessageKey } from './i18n.ts';

export type Disguise = 'none' | 'calculator' | 'notes';
export type Connection = 'live' | 'quiet';

const DISGUISE_KEY = 'app.look';
const CONNECTION_KEY = 'app.link';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage unavailable: the choice lasts for this page.
  }
}

export function disguise(): Disguise {
  const value = read(DISGUISE_KEY);
  return value === 'calculator' || value === 'notes' ? value : 'none';
}

export function connection(): Connection {
  return read(CONNECTION_KEY) === 'quiet' ? 'quiet' : 'live';
}

export function setConnection(value: Connection): void {
  write(CONNECTION_KEY, value);
}

const names: Record<Disguise, MessageKey> = {
  none: 'appName',
  calculator: 'disguiseCalculator',
  notes: 'disguiseNotes',
};

/** The name the page shows for itself under the current disguise and language. */
export function appTitle(): string {
  return t(names[disguise()]);
}

/**
 * Applies a disguise: the page title, the icon and the web app manifest (its name and icon are
 * what an installed app shows on the home screen). Each disguise has its own manifest file.
 */
export function applyDisguise(value: Disguise = disguise()): void {
  write(DISGUISE_KEY, value);
  document.title = appTitle();
  const name = value === 'none' ? 'tongilnet' : value;
  const icon = `/icons/${name}.svg`;
  // One manifest per disguise and language, written by the build (vite.config.ts).
  setLink('manifest', `/manifest-${value}-${lang()}.webmanifest`);
  setLink('icon', icon);
  // iOS takes no SVG home-screen icon: the PNG the build renders (icons.ts).
  setLink('apple-touch-icon', `/icons/${name}-192.png`);
}

function setLink(rel: string, href: string): void {
  let link = document.head.querySelector<HTMLLinkElement>(`link[rel="${rel}"]`);
  if (!link) {
    link = document.createElement('link');
    link.rel = rel;
    document.head.appendChild(link);
  }
  link.href = href;
}
