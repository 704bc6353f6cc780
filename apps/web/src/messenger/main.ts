/**
 * @module messenger/main
 * The messenger's first script: small on purpose. It applies the language and the disguise before
 * anything else is drawn, registers the service worker, and then loads the rest of the app (the
 * client SDK with its cryptography) as a separate chunk.
 */
import './style.css';
import { storeLang } from '../shared/i18n.ts';
import { lang, t } from './i18n.ts';
import { applyDisguise } from './settings.ts';

storeLang(lang());
applyDisguise();

const root = document.getElementById('app')!;
const loading = document.createElement('p');
loading.className = 'loading';
loading.textContent = t('loading');
root.replaceChildren(loading);

// An invitation opened from a link arrives as /i#<invitation>. Take it out of the address bar and
// the history at once: a phone may be inspected, and the link works only once anyway.
let invitation: string | undefined;
if (location.pathname === '/i' && location.hash.length > 1) {
  invitation = location.href;
  history.replaceState(null, '', '/');
}

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
    // Without a service worker the app still works; it just cannot open offline.
  });
}

if (!isSecureContext) {
  // WebCrypto (AES-GCM, HMAC under MLS) exists only on secure pages: HTTPS, or localhost.
  loading.textContent = t('insecure');
  loading.setAttribute('role', 'alert');
} else {
  import('./app.ts')
    .then(({ start }) => start(root, invitation))
    .catch((error: unknown) => {
      loading.textContent = t('error', { message: (error as Error).message });
    });
}
