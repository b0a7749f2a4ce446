// The browser client of the Hokm server: sign-in, lobby, table, leaderboard, profile and replays.
// It speaks only the documented protocol (docs/protocol.md) and REST API (README).

import { h, name, replace } from './dom.js';
import { applyLanguage, errorMessage, language, setLanguage, t, tParts, num } from './i18n.js';
import * as auth from './auth.js';
import { Connection } from './connection.js';
import * as game from './game.js';
import { renderTable, seatName, tick } from './views/table.js';
import { ReplayViewer } from './views/replay.js';

const CEREMONY_STEP_MS = 300;
const TOAST_MS = 6000;

const state = {
  table: null,
  note: null,
  watching: null,
  syncing: null,
  status: 'connecting',
  statusDetail: null,
  replay: null,
  view: null,
};

const main = document.getElementById('main');
const top = document.getElementById('top');
const net = document.getElementById('net');
const toasts = document.getElementById('toasts');

const connection = new Connection({
  tokens: () => auth.accessToken(),
  onFrame: (frame) => received(frame),
  onStatus: (status, detail) => {
    state.status = status;
    state.statusDetail = detail;
    if (status === 'signedOut') signedOut();
    renderNet();
  },
});

// ---------------------------------------------------------------------------------------------
// Settings: language and four-colour deck

function applyDeck() {
  document.documentElement.classList.toggle(
    'four-colour',
    localStorage.getItem('hokm.fourColour') === 'true',
  );
}

function toggleLanguage() {
  setLanguage(language() === 'fa' ? 'en' : 'fa');
  renderAll();
}

// ---------------------------------------------------------------------------------------------
// Messages

function toast(text, kind = 'error') {
  const el = h(
    'div',
    { class: `toast toast-${kind}` },
    h('span', { class: 'toast-text' }, text),
    h(
      'button',
      {
        type: 'button',
        class: 'toast-close',
        'aria-label': t('common.dismiss'),
        onclick: () => el.remove(),
      },
      '×',
    ),
  );
  toasts.append(el);
  setTimeout(() => el.remove(), TOAST_MS);
}

function apiErrorText(error) {
  if (error && error.code) {
    return errorMessage(error.code, { seconds: error.retryAfter ?? 60 });
  }
  return t('common.error');
}

// ---------------------------------------------------------------------------------------------
// Frames from the server

function received(frame) {
  switch (frame.type) {
    case 'welcome':
      onWelcome(frame);
      return;
    case 'pong':
      return;
    case 'error':
      onError(frame);
      return;
    case 'left':
      state.table = null;
      state.watching = null;
      state.note = null;
      if (location.hash.startsWith('#/watch/')) history.replaceState(null, '', '#/');
      renderAll();
      return;
    case 'table_state':
      onTableState(frame);
      return;
    default:
      if (frame.tableId && frame.seq != null) onTableEvent(frame);
  }
}

let welcomedOnce = false;

function onWelcome(frame) {
  if (frame.player && auth.currentSession()) {
    auth.currentSession().player = frame.player;
  }
  const reconnect = welcomedOnce;
  welcomedOnce = true;
  if (reconnect && state.table && state.table.mySeat != null) {
    // Normally a table_state follows the welcome by itself; ask in case the seat is gone.
    state.syncing = connection.send({ type: 'sync' });
  }
  if (state.watching) {
    connection.send({ type: 'spectate', ...state.watching });
  }
  followRoute();
}

function onError(frame) {
  if (state.table) state.table.pending = false;
  if (frame.replyTo && frame.replyTo === state.syncing) {
    state.syncing = null;
    if (frame.code === 'NOT_AT_TABLE') {
      state.table = null;
      renderAll();
      return;
    }
  }
  if (frame.code === 'UNAUTHENTICATED') {
    auth.refresh().then((session) => {
      if (session) connection.reauthenticate();
      else signedOut();
    });
    return;
  }
  toast(errorMessage(frame.code));
  if (state.table) renderMain();
}

function onTableState(frame) {
  const previous = state.table;
  const model = game.fromState(frame);
  if (previous && previous.tableId === model.tableId) {
    model.rematchVotes = previous.rematchVotes;
    model.lastTrick = model.table.length === 0 ? previous.lastTrick : null;
    model.handResult = previous.handResult;
  }
  if (!previous || previous.tableId !== model.tableId) state.note = null;
  state.table = model;
  state.syncing = null;
  if (model.mySeat == null) {
    state.watching = { tableId: model.tableId };
  } else {
    state.watching = null;
  }
  if (!location.hash.startsWith('#/watch/') && model.mySeat == null) {
    history.replaceState(null, '', `#/watch/${model.tableId}`);
  } else if (model.mySeat != null && location.hash !== '#/' && location.hash !== '') {
    history.replaceState(null, '', '#/');
  }
  renderAll();
}

function onTableEvent(frame) {
  const model = state.table;
  if (!model || frame.tableId !== model.tableId) return;
  if (state.syncing) return;
  if (frame.seq <= model.seq) return;
  if (frame.seq > model.seq + 1) {
    // A frame went missing: the table's state is fetched whole instead of guessed.
    state.syncing = connection.send({ type: 'sync' });
    return;
  }
  const note = game.apply(model, frame);
  if (note && !note.result) state.note = note;
  if (frame.type === 'hakem_chosen') runCeremony(model);
  if (frame.type === 'hand_started') state.note = null;
  renderMain();
}

function noteParts(model, note) {
  const who = note.seat != null ? seatName(model, note.seat) : null;
  switch (note.key) {
    case 'event.trumpChosen':
      if (note.seat === model.mySeat) return [t('event.youChoseTrump', { suit: t(`suit.${note.suit}`) })];
      return tParts(note.key, { name: who, suit: t(`suit.${note.suit}`) });
    case 'event.left':
      return tParts(note.key, { name: note.name ? name(note.name) : who });
    case 'event.kot':
    case 'event.hakemKot':
    case 'event.handWon':
      return null;
    default:
      return tParts(note.key, { name: who });
  }
}

let ceremonyTimer = null;

function runCeremony(model) {
  clearInterval(ceremonyTimer);
  ceremonyTimer = setInterval(() => {
    const c = model.ceremony;
    if (!c || state.table !== model || c.shown >= c.dealt.length) {
      clearInterval(ceremonyTimer);
      return;
    }
    c.shown++;
    renderMain();
  }, CEREMONY_STEP_MS);
}

// ---------------------------------------------------------------------------------------------
// What the player does at the table

const tableActions = {
  playCard(card) {
    if (!connection.isOnline()) return toast(t('net.offline'));
    state.table.pending = true;
    connection.send({ type: 'play_card', card: { suit: card.suit, rank: card.rank } });
    renderMain();
  },
  chooseTrump(suit) {
    if (!connection.isOnline()) return toast(t('net.offline'));
    state.table.pending = true;
    connection.send({ type: 'choose_trump', suit });
    renderMain();
  },
  rematch() {
    if (!connection.isOnline()) return toast(t('net.offline'));
    connection.send({ type: 'rematch' });
  },
  leave() {
    if (!connection.isOnline()) return toast(t('net.offline'));
    connection.send({ type: 'leave_table' });
  },
  backToLobby() {
    state.table = null;
    state.watching = null;
    history.replaceState(null, '', '#/');
    renderAll();
  },
  async copyInvite(link) {
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      const input = document.getElementById('invite-link');
      input.select();
      document.execCommand('copy');
    }
    toast(t('table.copied'), 'info');
  },
};

// ---------------------------------------------------------------------------------------------
// Routes: #/ (lobby or table), #/join/CODE, #/watch/TABLE, #/leaderboard, #/profile, #/replay/ID

function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const parts = hash.split('/').filter(Boolean);
  return { name: parts[0] || 'lobby', arg: parts[1] ? decodeURIComponent(parts[1]) : null };
}

/** Acts on a link that asks for something on the socket (an invitation, a table to watch). */
function followRoute() {
  if (!connection.isOnline()) return;
  const r = route();
  if (r.name === 'join' && r.arg) {
    history.replaceState(null, '', '#/');
    connection.send({ type: 'join_table', code: r.arg });
  } else if (r.name === 'watch' && r.arg) {
    if (!state.table || state.table.tableId !== r.arg) {
      state.watching = { tableId: r.arg };
      connection.send({ type: 'spectate', tableId: r.arg });
    }
  }
}

window.addEventListener('hashchange', () => {
  followRoute();
  renderAll();
});

// ---------------------------------------------------------------------------------------------
// Rendering

function renderAll() {
  applyLanguage();
  renderTop();
  renderNet();
  renderMain(true);
}

function renderTop() {
  const session = auth.currentSession();
  const r = route();
  const link = (href, label, current) =>
    h('a', { href, class: 'nav-link', 'aria-current': current ? 'page' : null }, label);
  replace(
    top,
    h(
      'div',
      { class: 'brand' },
      h('a', { href: '#/', class: 'brand-link' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '♠'), t('app.title')),
    ),
    session
      ? h(
          'nav',
          { class: 'nav', 'aria-label': t('nav.main') },
          link('#/', state.table ? t('nav.table') : t('nav.lobby'), r.name === 'lobby' || r.name === 'watch'),
          link('#/leaderboard', t('nav.leaderboard'), r.name === 'leaderboard'),
          link('#/profile', t('nav.profile'), r.name === 'profile'),
        )
      : null,
    h(
      'div',
      { class: 'settings' },
      h(
        'label',
        { class: 'toggle' },
        h('input', {
          type: 'checkbox',
          id: 'four-colour',
          checked: localStorage.getItem('hokm.fourColour') === 'true',
          onchange: (event) => {
            localStorage.setItem('hokm.fourColour', String(event.target.checked));
            applyDeck();
          },
        }),
        ' ',
        t('settings.fourColour'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'lang-switch',
          id: 'lang-switch',
          lang: language() === 'fa' ? 'en' : 'fa',
          translate: 'no',
          'aria-label': t('lang.switch.label'),
          onclick: toggleLanguage,
        },
        t('lang.switch'),
      ),
      session
        ? h(
            'span',
            { class: 'me' },
            h('span', { class: 'visually-hidden' }, t('auth.signedInAs'), ' '),
            name(session.player.username),
          )
        : null,
      session
        ? h('button', { type: 'button', class: 'secondary', id: 'logout', onclick: logOut }, t('nav.logout'))
        : null,
    ),
  );
}

function renderNet() {
  const session = auth.currentSession();
  if (!session) {
    replace(net);
    net.className = '';
    return;
  }
  let content = null;
  if (state.status === 'waiting') {
    content = t('net.reconnecting', { seconds: state.statusDetail?.seconds ?? 1 });
  } else if (state.status === 'connecting' || state.status === 'closed') {
    content = t('net.connecting');
  } else if (state.status === 'replaced') {
    content = [
      t('net.replaced'),
      ' ',
      h('button', { type: 'button', class: 'secondary', onclick: () => connection.start() }, t('net.useHere')),
    ];
  }
  net.className = content ? `net net-${state.status}` : 'net';
  net.dataset.status = state.status;
  replace(net, content);
}

let lastView = null;

function renderMain(full = false) {
  const session = auth.currentSession();
  const r = route();
  let view;
  if (!session) view = 'landing';
  else if (r.name === 'leaderboard' || r.name === 'profile' || r.name === 'replay') view = r.name;
  else if (state.table) view = 'table';
  else view = 'lobby';
  const changed = view !== lastView || (view === 'replay' && state.replay?.id !== r.arg);
  lastView = view;
  document.body.dataset.view = view;
  if (view === 'table') {
    const note = state.note ? noteParts(state.table, state.note) : null;
    replace(main, renderTable(state.table, tableActions, connection.serverNow(), note));
    return;
  }
  if (!changed && !full) return;
  switch (view) {
    case 'landing':
      replace(main, landing());
      break;
    case 'lobby':
      replace(main, lobby());
      loadLiveTables();
      break;
    case 'leaderboard':
      replace(main, h('section', { class: 'page', id: 'leaderboard' }, h('p', null, t('common.loading'))));
      loadLeaderboard();
      break;
    case 'profile':
      replace(main, h('section', { class: 'page', id: 'profile' }, h('p', null, t('common.loading'))));
      loadProfile();
      break;
    case 'replay':
      loadReplay(r.arg);
      break;
    default:
  }
}

// ---------------------------------------------------------------------------------------------
// Signing in and out

function field(id, label, attrs) {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, name: id, ...attrs }),
  );
}

function landing() {
  const r = route();
  const invited = r.name === 'join';
  const guest = h(
    'button',
    {
      type: 'button',
      class: 'primary big',
      id: 'guest',
      onclick: async (event) => {
        event.currentTarget.disabled = true;
        try {
          await auth.signInAsGuest();
          signedIn();
        } catch (error) {
          event.currentTarget.disabled = false;
          toast(apiErrorText(error));
        }
      },
    },
    t('auth.guest'),
  );
  const form = (kind) =>
    h(
      'form',
      {
        class: 'panel auth-form',
        id: `${kind}-form`,
        'aria-labelledby': `${kind}-title`,
        novalidate: true,
        onsubmit: async (event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const username = String(data.get(`${kind}-username`) || '').trim();
          const password = String(data.get(`${kind}-password`) || '');
          try {
            if (kind === 'login') await auth.logIn(username, password);
            else await auth.register(username, password, String(data.get('register-email') || '').trim());
            signedIn();
          } catch (error) {
            toast(apiErrorText(error));
          }
        },
      },
      h('h2', { id: `${kind}-title` }, kind === 'login' ? t('auth.login') : t('auth.register')),
      field(`${kind}-username`, t('auth.username'), {
        type: 'text',
        autocomplete: 'username',
        required: true,
        minlength: '3',
        maxlength: '32',
        dir: 'ltr',
      }),
      field(`${kind}-password`, t('auth.password'), {
        type: 'password',
        autocomplete: kind === 'login' ? 'current-password' : 'new-password',
        required: true,
        minlength: '8',
        maxlength: '72',
        dir: 'ltr',
      }),
      kind === 'register'
        ? field('register-email', t('auth.email'), { type: 'email', autocomplete: 'email', dir: 'ltr' })
        : null,
      h('button', { type: 'submit', class: 'primary' }, kind === 'login' ? t('auth.login') : t('auth.register')),
    );
  return h(
    'div',
    { class: 'landing' },
    h(
      'section',
      { class: 'hero' },
      h('h1', null, t('app.title')),
      h('p', null, t('app.tagline')),
      invited ? h('p', { class: 'invited' }, t('auth.joinFirst')) : null,
      guest,
      h('p', { class: 'hint' }, t('auth.guest.hint')),
    ),
    h('p', { class: 'or' }, t('auth.or')),
    h('div', { class: 'auth-forms' }, form('login'), form('register')),
  );
}

let refreshTimer = null;

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  const delay = auth.refreshDelay();
  if (delay == null) return;
  refreshTimer = setTimeout(async () => {
    try {
      const session = await auth.refresh();
      if (session) connection.reauthenticate();
    } catch {
      // The network is down: the socket reconnects (and refreshes) when it is back.
    }
    scheduleRefresh();
  }, delay);
}

function signedIn() {
  welcomedOnce = false;
  scheduleRefresh();
  connection.start();
  renderAll();
}

function signedOut() {
  clearTimeout(refreshTimer);
  connection.stop();
  state.table = null;
  state.watching = null;
  renderAll();
}

async function logOut() {
  if (state.table && state.table.mySeat != null && connection.isOnline()) {
    connection.send({ type: 'leave_table' });
  }
  connection.stop();
  await auth.logOut();
  signedOut();
}

auth.onSessionChange((session) => {
  if (!session && connection.socket) signedOut();
});

// ---------------------------------------------------------------------------------------------
// Lobby

function numberField(id, label, min, max, value) {
  return field(id, label, { type: 'number', min: String(min), max: String(max), value: String(value), required: true, inputmode: 'numeric' });
}

function checkbox(id, label, checked) {
  return h('div', { class: 'field check' }, h('input', { type: 'checkbox', id, name: id, checked }), h('label', { for: id }, label));
}

/** How well the table's bots play; the server's default is normal. */
function botLevelField(id) {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, t('lobby.botLevel')),
    h(
      'select',
      { id, name: id },
      ['easy', 'normal', 'hard'].map((level) =>
        h('option', { value: level, selected: level === 'normal' }, t(`botLevel.${level}`)),
      ),
    ),
  );
}

function send(frame) {
  if (!connection.isOnline()) {
    toast(t('net.offline'));
    return;
  }
  connection.send(frame);
}

function lobby() {
  const quick = h(
    'form',
    {
      class: 'panel',
      id: 'quick-form',
      'aria-labelledby': 'quick-title',
      onsubmit: (event) => {
        event.preventDefault();
        send({
          type: 'quick_match',
          fillWithBots: document.getElementById('quick-bots').checked,
          botLevel: document.getElementById('quick-level').value,
        });
      },
    },
    h('h2', { id: 'quick-title' }, t('lobby.quick')),
    h('p', { class: 'hint' }, t('lobby.quick.hint')),
    checkbox('quick-bots', t('lobby.withBots'), true),
    botLevelField('quick-level'),
    h('button', { type: 'submit', class: 'primary big', id: 'quick-match' }, t('lobby.play')),
  );
  const create = h(
    'form',
    {
      class: 'panel',
      id: 'create-form',
      'aria-labelledby': 'create-title',
      onsubmit: (event) => {
        event.preventDefault();
        const value = (id) => Number(document.getElementById(id).value);
        const target = value('create-target');
        const seconds = value('create-seconds');
        if (!(target >= 1 && target <= 13) || !(seconds >= 5 && seconds <= 300)) {
          toast(errorMessage('BAD_MESSAGE'));
          return;
        }
        send({
          type: 'create_table',
          private: true,
          targetPoints: Math.round(target),
          kot: document.getElementById('create-kot').checked,
          turnSeconds: Math.round(seconds),
          fillWithBots: document.getElementById('create-bots').checked,
          botLevel: document.getElementById('create-level').value,
        });
      },
    },
    h('h2', { id: 'create-title' }, t('lobby.private')),
    h('p', { class: 'hint' }, t('lobby.private.hint')),
    numberField('create-target', t('lobby.targetPoints'), 1, 13, 7),
    checkbox('create-kot', t('lobby.kot'), true),
    numberField('create-seconds', t('lobby.turnSeconds'), 5, 300, 30),
    checkbox('create-bots', t('lobby.fillBots'), false),
    botLevelField('create-level'),
    h('button', { type: 'submit', class: 'primary', id: 'create-table' }, t('lobby.create')),
  );
  const join = h(
    'form',
    {
      class: 'panel',
      id: 'join-form',
      'aria-labelledby': 'join-title',
      onsubmit: (event) => {
        event.preventDefault();
        const code = document.getElementById('join-code').value.trim();
        if (!/^[A-Za-z0-9]{1,32}$/.test(code)) {
          toast(errorMessage('TABLE_NOT_FOUND'));
          return;
        }
        send({ type: 'join_table', code });
      },
    },
    h('h2', { id: 'join-title' }, t('lobby.join')),
    field('join-code', t('lobby.code'), { type: 'text', autocomplete: 'off', maxlength: '32', dir: 'ltr', required: true }),
    h('button', { type: 'submit', class: 'secondary', id: 'join-button' }, t('lobby.joinButton')),
  );
  const live = h(
    'section',
    { class: 'panel live', 'aria-labelledby': 'live-title' },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'live-title' }, t('lobby.live')),
      h('button', { type: 'button', class: 'secondary small', id: 'live-refresh', onclick: loadLiveTables }, t('lobby.live.refresh')),
    ),
    h('div', { id: 'live-tables' }, h('p', null, t('common.loading'))),
  );
  return h('div', { class: 'lobby' }, quick, create, join, live);
}

async function loadLiveTables() {
  let answer;
  try {
    answer = await auth.apiGet('/api/tables/live');
  } catch (error) {
    const box = document.getElementById('live-tables');
    if (box) replace(box, h('p', { class: 'muted' }, apiErrorText(error)));
    return;
  }
  const box = document.getElementById('live-tables');
  if (!box) return;
  if (!answer.tables.length) {
    replace(box, h('p', { class: 'muted' }, t('lobby.live.none')));
    return;
  }
  replace(
    box,
    h(
      'ul',
      { class: 'live-list' },
      answer.tables.map((table) => {
        const names = table.seats.map((s) => (s.bot ? t('seat.bot') : s.username || t('seat.empty')));
        return h(
          'li',
          { class: 'live-table' },
          h(
            'span',
            { class: 'live-names' },
            table.seats.map((s, i) => [i ? ' · ' : '', s.bot ? t('seat.bot') : name(s.username || '')]),
          ),
          h('span', { class: 'live-hand' }, t('lobby.live.hand', { hand: table.handNumber })),
          h('span', { class: 'live-score' }, t('lobby.live.score', { team1: table.scores.team1, team2: table.scores.team2 })),
          h(
            'a',
            {
              class: 'button secondary small',
              href: `#/watch/${table.tableId}`,
              'aria-label': `${t('lobby.watch')}: ${t('lobby.live.label', {
                names: names.join(', '),
                hand: table.handNumber,
                team1: table.scores.team1,
                team2: table.scores.team2,
              })}`,
            },
            t('lobby.watch'),
          ),
        );
      }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Leaderboard and profile

function percent(fraction) {
  return new Intl.NumberFormat(language() === 'fa' ? 'fa-IR' : 'en-US', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(fraction);
}

async function loadLeaderboard() {
  const page = document.getElementById('leaderboard');
  let answer;
  try {
    answer = await auth.apiGet('/api/leaderboard?limit=20');
  } catch (error) {
    if (page) replace(page, h('p', null, apiErrorText(error)));
    return;
  }
  if (!document.getElementById('leaderboard')) return;
  replace(
    page,
    h('h1', null, t('board.title')),
    answer.players.length === 0
      ? h('p', null, t('board.empty'))
      : h(
          'table',
          { class: 'data' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['board.rank', 'board.player', 'board.rating', 'board.games', 'board.wins', 'board.winRate'].map((k) =>
                h('th', { scope: 'col' }, t(k)),
              ),
            ),
          ),
          h(
            'tbody',
            null,
            answer.players.map((p) =>
              h(
                'tr',
                null,
                h('td', null, num(p.rank)),
                h('td', null, name(p.username)),
                h('td', null, num(p.rating)),
                h('td', null, num(p.totalGames)),
                h('td', null, num(p.wins)),
                h('td', null, p.winRate == null ? '–' : percent(Number(p.winRate))),
              ),
            ),
          ),
        ),
  );
}

async function loadProfile() {
  const page = document.getElementById('profile');
  let me;
  let games;
  try {
    [me, games] = await Promise.all([auth.apiGet('/api/players/me'), auth.apiGet('/api/players/me/games')]);
  } catch (error) {
    if (page) replace(page, h('p', null, apiErrorText(error)));
    return;
  }
  if (!document.getElementById('profile')) return;
  const stat = (label, value) => h('div', { class: 'stat' }, h('dt', null, label), h('dd', null, num(value)));
  const date = new Intl.DateTimeFormat(language() === 'fa' ? 'fa-IR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  replace(
    page,
    h('h1', null, t('profile.title')),
    h('p', { class: 'profile-name' }, name(me.username), me.guest ? h('span', { class: 'badge' }, t('auth.guestBadge')) : null),
    h(
      'dl',
      { class: 'stats' },
      stat(t('profile.rating'), me.rating),
      stat(t('profile.games'), me.totalGames),
      stat(t('profile.wins'), me.wins),
      stat(t('profile.losses'), me.losses),
    ),
    h('h2', null, t('profile.history')),
    games.games.length === 0
      ? h('p', null, t('profile.none'))
      : h(
          'table',
          { class: 'data games' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['profile.when', 'profile.result', 'profile.score', 'profile.players', 'profile.replay'].map((k) =>
                h('th', { scope: 'col' }, t(k)),
              ),
            ),
          ),
          h(
            'tbody',
            null,
            games.games.map((g) => {
              const mine = g.team;
              const result = !g.winnerTeam ? t('profile.noResult') : g.winnerTeam === mine ? t('profile.won') : t('profile.lost');
              return h(
                'tr',
                null,
                h('td', null, g.endedAt ? date.format(new Date(g.endedAt)) : '–'),
                h('td', null, result, g.privateTable ? h('span', { class: 'badge' }, t('profile.private')) : null),
                h('td', null, `${num(g.scores[`team${mine}`] ?? 0)} – ${num(g.scores[`team${3 - mine}`] ?? 0)}`),
                h(
                  'td',
                  null,
                  g.seats.map((s, i) => [i ? ' · ' : '', s.bot ? t('seat.bot') : name(s.username || '')]),
                ),
                h('td', null, h('a', { class: 'button secondary small', href: `#/replay/${g.gameId}` }, t('profile.replay'))),
              );
            }),
          ),
        ),
  );
}

// ---------------------------------------------------------------------------------------------
// Replays

async function loadReplay(id) {
  if (state.replay && state.replay.id === id) {
    renderReplay();
    return;
  }
  replace(main, h('section', { class: 'page' }, h('p', null, t('common.loading'))));
  let replay;
  try {
    replay = await auth.apiGet(`/api/games/${encodeURIComponent(id)}/replay`);
  } catch (error) {
    replace(main, h('section', { class: 'page' }, h('p', { role: 'alert' }, apiErrorText(error))));
    return;
  }
  const me = auth.currentSession()?.player?.username;
  const mine = replay.seats.find((s) => !s.bot && s.username === me);
  state.replay = { id, viewer: new ReplayViewer(replay, mine ? mine.seat : 0) };
  renderReplay();
}

function renderReplay() {
  const viewer = state.replay.viewer;
  const rerender = () => renderReplay();
  replace(main, viewer.render(rerender));
}

// ---------------------------------------------------------------------------------------------
// Start

setInterval(() => {
  if (lastView === 'table') tick(main, connection.serverNow());
}, 250);

applyDeck();
renderAll();
// The page can be used from here on (docs/benchmarks.md reads this mark).
performance.mark('hokm-interactive');
if (auth.currentSession()) {
  signedIn();
}
