import "server-only";
import pg from "pg";
import { LIVE_CHANNEL, type LiveNotice } from "@/lib/runtime/engine/events";
import { config } from "@/lib/platform/config";

type Listener = (notice: LiveNotice) => void;
type RawListener = (payload: string) => void;

/**
 * One LISTEN connection per process, shared by everything that waits for engine events (API calls awaiting a turn,
 * SSE streams). Reconnects with backoff; subscribers also poll on their own, so a notice missed during a reconnect
 * only delays them.
 */
class LiveListener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly byConversation = new Map<string, Set<Listener>>();
  private readonly all = new Set<Listener>();
  /** Further channels on the same connection (e.g. reply deltas, lib/runtime/engine/live/stream-deltas.ts): raw payloads. */
  private readonly channels = new Map<string, Set<RawListener>>();
  /** Channels LISTENed on the current connection. */
  private readonly listening = new Map<string, Promise<void>>();
  /** Channels whose LISTEN has answered on the current connection. */
  private readonly confirmed = new Set<string>();
  /** Counts connections made: a notice may have been missed between two. */
  private generation = 0;
  private retryMs = 250;
  private closed = false;

  subscribe(conversationId: string | "*", listener: Listener): () => void {
    void this.ensureConnected();
    if (conversationId === "*") {
      this.all.add(listener);
      return () => this.all.delete(listener);
    }
    let set = this.byConversation.get(conversationId);
    if (!set) this.byConversation.set(conversationId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byConversation.delete(conversationId);
    };
  }

  /**
   * Raw payloads of another NOTIFY channel, on this same connection. LISTENs on the first subscriber, UNLISTENs when
   * the last one leaves (so a process with nobody watching is not sent that channel's traffic).
   */
  subscribeChannel(channel: string, listener: RawListener): () => void {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel) || channel === LIVE_CHANNEL)
      throw new Error(`Not a channel name: ${channel}`);
    let set = this.channels.get(channel);
    if (!set) this.channels.set(channel, (set = new Set()));
    set.add(listener);
    void this.ensureConnected().then(() => this.listenChannels());
    return () => {
      set.delete(listener);
      if (set.size > 0 || this.channels.get(channel) !== set) return;
      this.channels.delete(channel);
      this.confirmed.delete(channel);
      if (this.listening.delete(channel)) this.client?.query(`UNLISTEN ${channel}`).catch(() => {});
    };
  }

  /**
   * Which connection has been LISTENing on `channel` without a break (equal answers at two moments mean no notice
   * on it can have been missed in between), or null when it is not LISTENing now.
   */
  listeningSince(channel: string): number | null {
    return this.client && this.confirmed.has(channel) ? this.generation : null;
  }

  /** Resolves once LISTEN is active (on every subscribed channel), so a caller can subscribe before enqueueing and never miss its notice. */
  ready(): Promise<void> {
    return this.ensureConnected().then(() => this.listenChannels());
  }

  private async listenChannels(): Promise<void> {
    const client = this.client;
    if (!client) return;
    for (const channel of this.channels.keys()) {
      if (this.listening.has(channel)) continue;
      const listened: Promise<void> = client.query(`LISTEN ${channel}`).then(
        () => {
          if (this.client === client && this.listening.get(channel) === listened) this.confirmed.add(channel);
        },
        () => {
          // Lost with the connection: the reconnect LISTENs again.
          if (this.listening.get(channel) === listened) this.listening.delete(channel);
        },
      );
      this.listening.set(channel, listened);
    }
    await Promise.all(this.listening.values());
  }

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const url = config().DATABASE_URL;
    if (!url || this.closed) return;
    const client = new pg.Client({ connectionString: url });
    client.on("notification", (message) => {
      if (!message.payload) return;
      if (message.channel !== LIVE_CHANNEL) {
        for (const listener of this.channels.get(message.channel) ?? []) listener(message.payload);
        return;
      }
      let notice: LiveNotice;
      try {
        notice = JSON.parse(message.payload) as LiveNotice;
      } catch {
        return;
      }
      for (const listener of this.byConversation.get(notice.c) ?? []) listener(notice);
      for (const listener of this.all) listener(notice);
    });
    const reconnect = () => {
      if (this.client !== client) return;
      this.client = null;
      this.listening.clear();
      this.confirmed.clear();
      client.end().catch(() => {});
      if (this.closed) return;
      const delay = this.retryMs;
      this.retryMs = Math.min(this.retryMs * 2, 5000);
      setTimeout(() => void this.ensureConnected(), delay).unref();
    };
    client.on("error", reconnect);
    client.on("end", reconnect);
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
      this.client = client;
      this.generation++;
      this.listening.clear();
      this.confirmed.clear();
      await this.listenChannels();
      this.retryMs = 250;
      // The connection must not keep a process (a CLI, a test) alive on its own.
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
    } catch {
      client.end().catch(() => {});
      const delay = this.retryMs;
      this.retryMs = Math.min(this.retryMs * 2, 5000);
      setTimeout(() => void this.ensureConnected(), delay).unref();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    this.listening.clear();
    this.confirmed.clear();
    await client?.end().catch(() => {});
  }
}

const globalForLive = globalThis as unknown as { switchboardLive?: LiveListener };

export function liveListener(): LiveListener {
  globalForLive.switchboardLive ??= new LiveListener();
  return globalForLive.switchboardLive;
}

export async function closeLiveListener(): Promise<void> {
  await globalForLive.switchboardLive?.close();
  globalForLive.switchboardLive = undefined;
}
