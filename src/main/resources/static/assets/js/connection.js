// The WebSocket to /ws (docs/protocol.md): hello first, pings while idle, a fresh token before the
// old one expires, and reconnection with exponential backoff when the socket drops.

const PING_EVERY_MS = 45_000;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 15_000;

export class Connection {
  /**
   * @param tokens async () => access token or null
   * @param onFrame (frame) => void, every server frame
   * @param onStatus (status, detail) => void: 'connecting', 'online', 'waiting' (reconnect in
   *     detail.seconds), 'replaced', 'signedOut', 'closed' (detail.code)
   */
  constructor({ tokens, onFrame, onStatus }) {
    this.tokens = tokens;
    this.onFrame = onFrame;
    this.onStatus = onStatus;
    this.socket = null;
    this.attempt = 0;
    this.ids = 0;
    this.stopped = true;
    this.authenticated = false;
    this.clockOffset = 0;
    this.pingSentAt = new Map();
    this.retryTimer = null;
    this.pingTimer = null;
    window.addEventListener('online', () => {
      if (!this.stopped && !this.socket) this.connectNow();
    });
  }

  start() {
    this.stopped = false;
    this.connectNow();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const socket = this.socket;
    this.socket = null;
    this.authenticated = false;
    if (socket) socket.close(1000);
  }

  /** Connects at once (the backoff is kept for the next failure). */
  connectNow() {
    clearTimeout(this.retryTimer);
    if (this.socket) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/ws`);
    this.socket = socket;
    this.authenticated = false;
    this.onStatus('connecting');
    socket.addEventListener('open', async () => {
      let token;
      try {
        token = await this.tokens();
      } catch {
        socket.close();
        return;
      }
      if (socket !== this.socket) return;
      if (!token) {
        this.onStatus('signedOut');
        this.stop();
        return;
      }
      this.raw({ type: 'hello', id: this.nextId(), token });
    });
    socket.addEventListener('message', (event) => this.received(socket, event.data));
    socket.addEventListener('close', (event) => this.closed(socket, event.code));
  }

  received(socket, data) {
    if (socket !== this.socket) return;
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (frame.type === 'welcome') {
      this.attempt = 0;
      if (!this.authenticated) {
        this.authenticated = true;
        clearInterval(this.pingTimer);
        this.pingTimer = setInterval(() => this.ping(), PING_EVERY_MS);
        this.ping();
        this.onStatus('online');
      }
    } else if (frame.type === 'pong') {
      const sentAt = this.pingSentAt.get(frame.replyTo);
      this.pingSentAt.delete(frame.replyTo);
      if (sentAt && frame.time) {
        const now = Date.now();
        this.clockOffset = frame.time - (sentAt + now) / 2;
      }
    }
    this.onFrame(frame);
  }

  closed(socket, code) {
    if (socket !== this.socket) return;
    this.socket = null;
    this.authenticated = false;
    clearInterval(this.pingTimer);
    if (this.stopped) return;
    if (code === 4000) {
      // A newer socket of the same player (another tab) is in charge now.
      this.stopped = true;
      this.onStatus('replaced');
      return;
    }
    this.onStatus('closed', { code });
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** this.attempt);
    this.attempt++;
    const wait = Math.round(delay * (0.75 + Math.random() * 0.5));
    this.onStatus('waiting', { seconds: Math.ceil(wait / 1000) });
    this.retryTimer = setTimeout(() => this.connectNow(), wait);
  }

  ping() {
    const id = this.send({ type: 'ping' });
    if (id) this.pingSentAt.set(id, Date.now());
  }

  /** Sends hello again with a fresh token on the open socket (same player). */
  async reauthenticate() {
    const token = await this.tokens();
    if (token && this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.raw({ type: 'hello', id: this.nextId(), token });
    }
  }

  nextId() {
    this.ids++;
    return `c${this.ids}`;
  }

  /** Sends a frame with a fresh id; returns the id, or null when not connected. */
  send(frame) {
    if (!this.isOnline()) return null;
    const id = this.nextId();
    this.raw({ ...frame, id });
    return id;
  }

  raw(frame) {
    this.socket.send(JSON.stringify(frame));
  }

  isOnline() {
    return this.authenticated && this.socket && this.socket.readyState === WebSocket.OPEN;
  }

  /** The server's clock now, as far as the pings tell. */
  serverNow() {
    return Date.now() + this.clockOffset;
  }
}
