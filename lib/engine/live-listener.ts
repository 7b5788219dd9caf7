import "server-only";
import pg from "pg";
import { LIVE_CHANNEL, type LiveNotice } from "./events";

type Listener = (notice: LiveNotice) => void;

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

  /** Resolves once LISTEN is active, so a caller can subscribe before enqueueing and never miss its notice. */
  ready(): Promise<void> {
    return this.ensureConnected();
  }

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const url = process.env.DATABASE_URL;
    if (!url || this.closed) return;
    const client = new pg.Client({ connectionString: url });
    client.on("notification", (message) => {
      if (message.channel !== LIVE_CHANNEL || !message.payload) return;
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
