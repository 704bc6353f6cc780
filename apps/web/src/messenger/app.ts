/**
 * @module messenger/app
 * The messenger's screens over the client SDK: create or restore an identity, invite (QR and
 * link) and accept, chats with each message's state, family groups, settings, the quick wipe.
 *
 * Syncing: one exchange at a time ({@link Syncer}), started by the user ("sync now"), after each
 * send, when the browser says a link appeared (`online`), when the page comes back to the screen,
 * when the server pushes that something arrived (live mode, WebSocket), and when the outbox's
 * backoff says to retry. Everything else waits on the phone.
 *
 * Names: a contact is shown by the name the user typed, or "contact-N" — nothing from the network
 * ever becomes a name.
 */
import {
  Client,
  TransportError,
  type ClientOptions,
  type Contact,
  type Message,
  type MessageState,
  type PhraseLanguage,
  type WebSocketLike,
} from '@tongilnet/client';
import { storeLang, type Lang } from '../shared/i18n.ts';
import { h, replace, type Child } from '../shared/dom.ts';
import { lang, setLang, t, type MessageKey } from './i18n.ts';
import {
  appTitle,
  applyDisguise,
  connection,
  disguise,
  setConnection,
  type Connection,
  type Disguise,
} from './settings.ts';
import { IndexedDbStore, deleteDatabase } from './store-idb.ts';

/** A neutral name: a phone's browser storage may be looked at, and a disguise must hold there too. */
const DB_NAME = 'app';

type View =
  | { kind: 'welcome' }
  | { kind: 'phrase'; phrase: string }
  | { kind: 'home' }
  | { kind: 'invite' }
  | { kind: 'accept'; link?: string }
  | { kind: 'chat'; chat: string }
  | { kind: 'group' }
  | { kind: 'settings' };

interface Status {
  syncing: boolean;
  online: boolean | undefined;
  lastSyncMs?: number;
  queued?: number;
}

let root: HTMLElement;
let store: IndexedDbStore | undefined;
let client: Client | undefined;
let view: View = { kind: 'welcome' };
let pendingInvitation: string | undefined;
/** Refreshes the parts of the current view that change with a sync (lists, states). */
let refresh: (() => void) | undefined;
const status: Status = { syncing: false, online: undefined };
let statusEl: HTMLElement | undefined;
let alertEl: HTMLElement | undefined;

export async function start(element: HTMLElement, invitation?: string): Promise<void> {
  root = element;
  pendingInvitation = invitation;
  // After a wipe nothing may be left, not even an empty database: open it only if it exists.
  if (await databaseExists()) {
    store = await IndexedDbStore.open(DB_NAME);
  }
  if (store && (await store.get('account'))) {
    client = await Client.open(clientOptions(store));
    view = nextAfterAccount();
    syncer.run();
  }
  addEventListener('online', () => syncer.run(true));
  addEventListener('offline', () => {
    // Drop the open connection: the next burst, when a link appears, opens a fresh one.
    client?.close();
    status.online = false;
    renderStatus();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && client) syncer.run();
  });
  render();
}

async function databaseExists(): Promise<boolean> {
  // indexedDB.databases() is missing from some old browsers: then assume it exists.
  if (typeof indexedDB.databases !== 'function') return true;
  return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
}

async function openStore(): Promise<IndexedDbStore> {
  store ??= await IndexedDbStore.open(DB_NAME);
  return store;
}

function clientOptions(s: IndexedDbStore): ClientOptions {
  const live = connection() === 'live';
  return {
    store: s,
    // Live: a WebSocket the server pushes arrivals on (falls back to HTTP). Quiet: one HTTP
    // request per sync and nothing in between.
    transport: live ? 'auto' : 'http',
    webSocket: live ? (url) => new WebSocket(url) as unknown as WebSocketLike : undefined,
    onNotify: () => syncer.run(),
    timeoutMs: 30_000,
  };
}

function nextAfterAccount(): View {
  if (pendingInvitation) {
    const link = pendingInvitation;
    pendingInvitation = undefined;
    return { kind: 'accept', link };
  }
  return { kind: 'home' };
}

// ------------------------------------------------------------------------------------ syncing

/**
 * Live mode's fallback look for arrivals while the page is open. Arrivals are pushed on the
 * WebSocket (onNotify); this only catches a socket that died quietly (a NAT forgetting it).
 */
const LIVE_POLL_MS = 60_000;

class Syncer {
  private running = false;
  private again = false;
  private forceNext = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * One burst: runs a sync now, or once more right after the one in progress. `force` sends the
   * whole outbox whatever its backoff says (the user asked, a link appeared, a message was just
   * written); otherwise only what is due leaves.
   */
  run(force = false): void {
    if (!client) return;
    this.forceNext ||= force;
    // The device knows it has no network: keep everything on the phone and wait for `online`.
    if (!navigator.onLine) {
      status.online = false;
      renderStatus();
      return;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    void this.burst(client);
  }

  private async burst(c: Client): Promise<void> {
    this.running = true;
    clearTimeout(this.timer);
    status.syncing = true;
    renderStatus();
    try {
      do {
        this.again = false;
        const force = this.forceNext;
        this.forceNext = false;
        const report = await c.sync({ force });
        status.online = true;
        status.lastSyncMs = Date.now();
        status.queued = report.queued;
        if (report.problems.length > 0) showError(report.problems.join('; '));
      } while (this.again && client === c);
    } catch (error) {
      if (error instanceof TransportError) status.online = false;
      else showError((error as Error).message);
    } finally {
      this.running = false;
      status.syncing = false;
    }
    if (client !== c) return;
    this.schedule(c);
    renderStatus();
    refresh?.();
  }

  /**
   * Retries what is still in the outbox when its backoff says so; in live mode, while the page is
   * on screen, also looks for arrivals every {@link LIVE_POLL_MS} in case no push comes.
   */
  private schedule(c: Client): void {
    const retry = c.nextRetryMs();
    let delay = retry === undefined ? Infinity : Math.max(1000, retry - Date.now());
    if (connection() === 'live' && document.visibilityState === 'visible') {
      delay = Math.min(delay, LIVE_POLL_MS);
    }
    if (delay !== Infinity) this.timer = setTimeout(() => this.run(), delay);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

const syncer = new Syncer();

// ------------------------------------------------------------------------------------ frame

function go(next: View): void {
  view = next;
  render();
}

function render(): void {
  refresh = undefined;
  document.title = appTitle();
  statusEl = h('p', { class: 'status', role: 'status', id: 'status' });
  alertEl = h('p', { class: 'alert', role: 'alert', id: 'alert', hidden: true });
  const header = h(
    'header',
    { class: 'bar' },
    h('h1', {}, appTitle()),
    client &&
      h(
        'button',
        { type: 'button', id: 'sync-now', onclick: () => syncer.run(true) },
        t('syncNow'),
      ),
  );
  const main = h('main', { id: 'view' });
  replace(root, header, statusEl, alertEl, main);
  renderStatus();
  const body = screens[view.kind]();
  replace(main, ...body);
  const focus = main.querySelector<HTMLElement>('[autofocus]') ?? main.querySelector('h2');
  focus?.focus();
}

function renderStatus(): void {
  if (!statusEl) return;
  if (!client) {
    statusEl.textContent = '';
    return;
  }
  const parts: string[] = [];
  if (status.syncing) parts.push(t('syncing'));
  else if (status.online === false || !navigator.onLine) parts.push(t('offline'));
  else if (status.lastSyncMs !== undefined)
    parts.push(t('syncedAt', { time: clock(status.lastSyncMs) }));
  else if (status.online) parts.push(t('online'));
  if (status.queued) parts.push(t('queuedCount', { n: status.queued }));
  statusEl.textContent = parts.join(' · ');
  statusEl.dataset.state = status.syncing
    ? 'syncing'
    : status.online === false
      ? 'offline'
      : 'online';
}

function showError(message: string): void {
  if (!alertEl) return;
  alertEl.textContent = t('error', { message });
  alertEl.hidden = false;
}

function clearError(): void {
  if (alertEl) alertEl.hidden = true;
}

/** Runs an action from a button: errors are shown, the button is disabled meanwhile. */
function action(work: () => Promise<void>): (event: Event) => void {
  return (event) => {
    event.preventDefault();
    const target = event.currentTarget as HTMLElement | null;
    const button =
      target instanceof HTMLFormElement
        ? target.querySelector<HTMLButtonElement>('button[type=submit]')
        : (target as HTMLButtonElement | null);
    if (button) button.disabled = true;
    clearError();
    work()
      .catch((error: unknown) => showError((error as Error).message))
      .finally(() => {
        if (button?.isConnected) button.disabled = false;
      });
  };
}

function clock(ms: number): string {
  return new Intl.DateTimeFormat(lang(), { hour: '2-digit', minute: '2-digit' }).format(ms);
}

function backButton(to: View = { kind: 'home' }): HTMLButtonElement {
  return h('button', { type: 'button', class: 'back', onclick: () => go(to) }, `← ${t('back')}`);
}

function field(
  id: string,
  label: MessageKey,
  control: HTMLInputElement | HTMLTextAreaElement,
): HTMLElement {
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, t(label)), control);
}

// ------------------------------------------------------------------------------------ screens

const screens: Record<View['kind'], () => Child[]> = {
  welcome: welcomeScreen,
  phrase: phraseScreen,
  home: homeScreen,
  invite: inviteScreen,
  accept: acceptScreen,
  chat: chatScreen,
  group: groupScreen,
  settings: settingsScreen,
};

function languageSwitch(): HTMLElement {
  const other: Lang = lang() === 'ko' ? 'en' : 'ko';
  return h(
    'button',
    {
      type: 'button',
      class: 'lang',
      lang: other,
      id: 'lang-switch',
      onclick: () => changeLanguage(other),
    },
    other === 'en' ? 'English' : '한국어',
  );
}

function changeLanguage(next: Lang): void {
  setLang(next);
  storeLang(next);
  applyDisguise();
  render();
}

function welcomeScreen(): Child[] {
  const phrase = h('textarea', { rows: 3, autocomplete: 'off', spellcheck: 'false' });
  const phraseLanguage = (): PhraseLanguage => (lang() === 'ko' ? 'korean' : 'english');
  return [
    h('h2', { tabindex: -1 }, t('welcomeTitle')),
    h('p', {}, t('welcomeBody')),
    h(
      'button',
      {
        type: 'button',
        class: 'primary',
        id: 'create',
        onclick: action(async () => {
          const made = await Client.create({
            ...clientOptions(await openStore()),
            server: location.origin,
            language: phraseLanguage(),
          });
          client = made.client;
          go({ kind: 'phrase', phrase: made.phrase });
        }),
      },
      t('create'),
    ),
    h(
      'details',
      {},
      h('summary', {}, t('restore')),
      h(
        'form',
        {
          onsubmit: action(async () => {
            client = await Client.restore({
              ...clientOptions(await openStore()),
              server: location.origin,
              phrase: phrase.value.trim().replace(/\s+/g, ' '),
            });
            syncer.run();
            go(nextAfterAccount());
          }),
        },
        field('restore-phrase', 'restoreLabel', phrase),
        h('button', { type: 'submit' }, t('restoreGo')),
      ),
    ),
    languageSwitch(),
  ];
}

function phraseScreen(): Child[] {
  const { phrase } = view as { phrase: string };
  return [
    h('h2', { tabindex: -1 }, t('phraseTitle')),
    h('p', {}, t('phraseBody')),
    h('ol', { class: 'phrase', id: 'phrase' }, ...phrase.split(' ').map((w) => h('li', {}, w))),
    h(
      'button',
      {
        type: 'button',
        class: 'primary',
        id: 'phrase-done',
        onclick: () => {
          syncer.run();
          go(nextAfterAccount());
        },
      },
      t('phraseDone'),
    ),
  ];
}

function homeScreen(): Child[] {
  const list = h('ul', { class: 'chats', id: 'chats', 'aria-label': t('chats') });
  const fill = () => {
    const contacts = client!.contacts();
    if (contacts.length === 0) {
      replace(list, h('li', { class: 'empty' }, t('noChats')));
      return;
    }
    replace(list, ...contacts.map(chatItem));
  };
  fill();
  refresh = fill;
  return [
    h('h2', { tabindex: -1 }, t('chats')),
    list,
    h(
      'nav',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', id: 'go-invite', onclick: () => go({ kind: 'invite' }) },
        t('invite'),
      ),
      h(
        'button',
        { type: 'button', id: 'go-accept', onclick: () => go({ kind: 'accept' }) },
        t('accept'),
      ),
      h(
        'button',
        { type: 'button', id: 'go-group', onclick: () => go({ kind: 'group' }) },
        t('newGroup'),
      ),
      h(
        'button',
        { type: 'button', id: 'go-settings', onclick: () => go({ kind: 'settings' }) },
        t('settings'),
      ),
    ),
  ];
}

function chatItem(c: Contact): HTMLElement {
  const detail =
    c.kind === 'family'
      ? `${t('family')} · ${t('members', { n: c.members ?? 0 })}`
      : c.state === 'invited'
        ? t('invited')
        : '';
  return h(
    'li',
    {},
    h(
      'button',
      {
        type: 'button',
        class: 'chat-item',
        'data-chat': c.name,
        onclick: () => go({ kind: 'chat', chat: c.name }),
      },
      h('span', { class: 'name' }, c.name),
      detail && h('span', { class: 'detail' }, detail),
      c.unread > 0 && h('span', { class: 'badge' }, t('unread', { n: c.unread })),
    ),
  );
}

function inviteScreen(): Child[] {
  const name = h('input', { type: 'text', autocomplete: 'off', maxlength: 40, autofocus: true });
  const out = h('section', { id: 'invite-out', 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      onsubmit: action(async () => {
        const typed = name.value.trim();
        const made = await client!.invite({ name: typed || undefined, web: true });
        // The receive queue the link points at must exist on the server before anyone writes.
        syncer.run();
        await showInvitation(out, made.link);
        form.hidden = true;
      }),
    },
    field('invite-name', 'inviteNameLabel', name),
    h('button', { type: 'submit', class: 'primary', id: 'invite-make' }, t('inviteMake')),
  );
  return [backButton(), h('h2', { tabindex: -1 }, t('invite')), form, out];
}

async function showInvitation(out: HTMLElement, link: string): Promise<void> {
  const text = h('textarea', { readonly: true, rows: 4, class: 'link' });
  text.value = link;
  const copied = h('span', { class: 'note', 'aria-live': 'polite' });
  const { qrSvg } = await import('./qr.ts');
  replace(
    out,
    h('p', {}, t('inviteShow')),
    qrSvg(link, t('inviteQr')),
    field('invite-link', 'inviteLink', text),
    h(
      'div',
      { class: 'row' },
      h(
        'button',
        {
          type: 'button',
          onclick: action(async () => {
            await navigator.clipboard.writeText(link);
            copied.textContent = t('copied');
          }),
        },
        t('copy'),
      ),
      'share' in navigator &&
        h(
          'button',
          { type: 'button', onclick: action(() => navigator.share({ url: link })) },
          t('share'),
        ),
      copied,
    ),
  );
}

function acceptScreen(): Child[] {
  const { link } = view as { link?: string };
  const linkInput = h('textarea', { rows: 4, autocomplete: 'off', spellcheck: 'false' });
  linkInput.value = link ?? '';
  const name = h('input', { type: 'text', autocomplete: 'off', maxlength: 40, autofocus: true });
  const video = h('video', {
    class: 'camera',
    playsinline: true,
    muted: true,
    hidden: true,
    'aria-label': t('scanCamera'),
  });
  const scanNote = h('p', { class: 'note', 'aria-live': 'polite' });
  let scanning: AbortController | undefined;
  const scanButton = h(
    'button',
    {
      type: 'button',
      id: 'scan',
      onclick: action(async () => {
        if (scanning) {
          scanning.abort();
          return;
        }
        const { canScan, scanQr } = await import('./scan.ts');
        if (!canScan()) {
          scanNote.textContent = t('scanUnsupported');
          return;
        }
        scanning = new AbortController();
        scanButton.textContent = t('scanStop');
        video.hidden = false;
        try {
          const text = await scanQr(video, scanning.signal);
          if (text) linkInput.value = text;
        } finally {
          scanning = undefined;
          video.hidden = true;
          scanButton.textContent = t('scan');
        }
      }),
    },
    t('scan'),
  );
  return [
    backButton(),
    h('h2', { tabindex: -1 }, t('accept')),
    h(
      'form',
      {
        onsubmit: action(async () => {
          scanning?.abort();
          const typed = name.value.trim();
          if (!linkInput.value.trim()) throw new Error(t('acceptNeedLink'));
          if (!typed) throw new Error(t('acceptNeedName'));
          const contact = await client!.accept(linkInput.value, typed);
          syncer.run();
          go({ kind: 'chat', chat: contact.name });
        }),
      },
      field('accept-link', 'acceptLinkLabel', linkInput),
      h('div', { class: 'row' }, scanButton, scanNote),
      video,
      field('accept-name', 'acceptNameLabel', name),
      h('button', { type: 'submit', class: 'primary', id: 'accept-go' }, t('acceptGo')),
    ),
  ];
}

const stateText: Record<MessageState, MessageKey> = {
  queued: 'stateQueued',
  server: 'stateServer',
  delivered: 'stateDelivered',
  failed: 'stateFailed',
};
const stateMark: Record<MessageState, string> = {
  queued: '◷',
  server: '✓',
  delivered: '✓✓',
  failed: '!',
};

function messageItem(m: Message): HTMLElement {
  const mine = m.from === 'me';
  const state = m.state;
  return h(
    'li',
    { class: mine ? 'msg mine' : 'msg', 'data-id': m.id, 'data-state': state },
    !mine && h('span', { class: 'from' }, m.from),
    h('p', { class: 'text' }, m.text),
    h(
      'span',
      { class: 'meta' },
      h('time', { datetime: new Date(m.sentMs).toISOString() }, clock(m.sentMs)),
      mine &&
        state &&
        h(
          'span',
          { class: 'state', title: t(stateText[state]) },
          h('span', { 'aria-hidden': 'true' }, stateMark[state]),
          ' ',
          h('span', { class: 'state-text' }, t(stateText[state])),
        ),
    ),
  );
}

function chatScreen(): Child[] {
  const { chat } = view as { chat: string };
  const c = client!;
  const contact = c.contacts().find((x) => x.name === chat);
  const list = h('ol', { class: 'messages', id: 'messages', 'aria-label': chat });
  const fill = () => {
    const messages = c.messages(chat);
    if (messages.length === 0) replace(list, h('li', { class: 'empty' }, t('noMessages')));
    else replace(list, ...messages.map(messageItem));
    list.scrollTop = list.scrollHeight;
    const unshown = c
      .unshown()
      .filter((m) => m.chat === chat)
      .map((m) => m.id);
    if (unshown.length > 0) void c.markShown(unshown);
  };
  fill();
  refresh = fill;
  const input = h('input', { type: 'text', autocomplete: 'off', autofocus: true, maxlength: 2000 });
  const compose = h(
    'form',
    {
      class: 'compose',
      onsubmit: action(async () => {
        const text = input.value.trim();
        if (!text) return;
        await c.send(chat, text);
        input.value = '';
        fill();
        syncer.run(true);
      }),
    },
    h('label', { for: 'compose-text', class: 'visually-hidden' }, t('messageLabel')),
    input,
    h('button', { type: 'submit', id: 'send' }, t('send')),
  );
  input.id = 'compose-text';
  return [
    backButton(),
    h('h2', { tabindex: -1, id: 'chat-title' }, chat),
    contact?.fingerprint &&
      h(
        'details',
        { class: 'safety' },
        h('summary', {}, t('safetyNumber')),
        h('p', { class: 'digits' }, contact.fingerprint),
        h('p', { class: 'note' }, t('safetyHelp')),
      ),
    contact?.state === 'invited' && h('p', { class: 'note' }, t('waitingNote')),
    list,
    compose,
  ];
}

function groupScreen(): Child[] {
  const c = client!;
  const connected = c.contacts().filter((x) => x.kind === 'contact' && x.state === 'connected');
  const name = h('input', { type: 'text', autocomplete: 'off', maxlength: 40, autofocus: true });
  const boxes = connected.map((x, i) =>
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', value: x.name, id: `member-${i}` }),
      ` ${x.name}`,
    ),
  );
  if (connected.length === 0) {
    return [
      backButton(),
      h('h2', { tabindex: -1 }, t('newGroup')),
      h('p', {}, t('groupNoContacts')),
    ];
  }
  return [
    backButton(),
    h('h2', { tabindex: -1 }, t('newGroup')),
    h(
      'form',
      {
        onsubmit: action(async () => {
          const members = boxes
            .map((b) => b.querySelector('input')!)
            .filter((i) => i.checked)
            .map((i) => i.value);
          if (members.length === 0) throw new Error(t('groupNeedMembers'));
          const group = await c.createGroup(name.value.trim(), members);
          syncer.run();
          go({ kind: 'chat', chat: group.name });
        }),
      },
      field('group-name', 'groupName', name),
      h('fieldset', {}, h('legend', {}, t('groupMembers')), ...boxes),
      h('button', { type: 'submit', class: 'primary', id: 'group-make' }, t('groupMake')),
    ),
  ];
}

function radios<T extends string>(
  name: string,
  legend: MessageKey,
  options: Array<[T, MessageKey | string]>,
  current: T,
  onChange: (value: T) => void,
): HTMLElement {
  return h(
    'fieldset',
    {},
    h('legend', {}, t(legend)),
    ...options.map(([value, label], i) =>
      h(
        'label',
        { class: 'check' },
        h('input', {
          type: 'radio',
          name,
          value,
          id: `${name}-${i}`,
          checked: value === current,
          onchange: () => onChange(value),
        }),
        ` ${label.startsWith('@') ? label.slice(1) : t(label as MessageKey)}`,
      ),
    ),
  );
}

function settingsScreen(): Child[] {
  const c = client!;
  const padding: HTMLInputElement = h('input', {
    type: 'checkbox',
    id: 'padding',
    checked: c.settings.padding !== 'none',
  });
  padding.addEventListener(
    'change',
    action(() => c.configure({ padding: padding.checked ? 'buckets' : 'none' })),
  );
  const confirmWipe = h(
    'button',
    { type: 'button', class: 'danger', id: 'wipe-confirm', hidden: true, onclick: action(wipe) },
    t('wipeConfirm'),
  );
  return [
    backButton(),
    h('h2', { tabindex: -1 }, t('settings')),
    radios<Lang>(
      'language',
      'language',
      [
        ['ko', '@한국어'],
        ['en', '@English'],
      ],
      lang(),
      changeLanguage,
    ),
    radios<Disguise>(
      'disguise',
      'disguise',
      [
        ['none', 'disguiseNone'],
        ['calculator', 'disguiseCalculator'],
        ['notes', 'disguiseNotes'],
      ],
      disguise(),
      (value) => {
        applyDisguise(value);
        render();
      },
    ),
    radios<Connection>(
      'connection',
      'connection',
      [
        ['live', 'connectionLive'],
        ['quiet', 'connectionQuiet'],
      ],
      connection(),
      (value) => {
        setConnection(value);
        // The transport is chosen when the client opens: reopen it on the same store.
        void reopen();
      },
    ),
    h('label', { class: 'check' }, padding, ` ${t('padding')}`),
    h(
      'section',
      { class: 'me' },
      h('h3', {}, t('safetyNumber')),
      h('p', { class: 'digits', id: 'my-fingerprint' }, c.me.fingerprint),
    ),
    h(
      'section',
      { class: 'wipe' },
      h('h3', {}, t('wipe')),
      h('p', {}, t('wipeHelp')),
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          id: 'wipe',
          onclick: () => {
            confirmWipe.hidden = false;
            confirmWipe.focus();
          },
        },
        t('wipe'),
      ),
      confirmWipe,
    ),
  ];
}

async function reopen(): Promise<void> {
  if (!client) return;
  client.close();
  client = await Client.open(clientOptions(await openStore()));
  syncer.run();
}

/**
 * The quick wipe: keys, contacts, history and outbox (the SDK's store, then the whole database),
 * the cached app shell and the service worker. Language and disguise stay (see settings.ts).
 */
async function wipe(): Promise<void> {
  syncer.stop();
  const c = client;
  client = undefined;
  try {
    if (c) await c.wipe();
    else await store?.wipe();
  } finally {
    await store?.close();
    store = undefined;
    await deleteDatabase(DB_NAME).catch(() => undefined);
    if ('caches' in globalThis) {
      for (const key of await caches.keys()) await caches.delete(key);
    }
    const registrations = (await navigator.serviceWorker?.getRegistrations()) ?? [];
    for (const r of registrations) await r.unregister();
    sessionStorage.clear();
    location.replace('/');
  }
}
