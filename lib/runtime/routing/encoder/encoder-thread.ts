// One worker thread of the encoder pool and the requests it has in hand. A thread that dies, hangs or cannot load
// the encoder rejects everything it holds with an AppError and tells the pool, which starts another in its place.
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/model/errors";

type Pending = {
  count: number;
  resolve: (vectors: Float32Array[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
};
type Reply = { id: number; vectors?: Float32Array; error?: string; fatal?: boolean };

export function encoderUnavailable(why: string, cause?: unknown): AppError {
  return new AppError("INTERNAL", {
    message: `Sentence encoder: ${why}`,
    userMessage: "The semantic router is unavailable right now. Try again shortly.",
    cause,
  });
}

export class EncoderThread {
  readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: AppError | null = null;

  constructor(
    file: string,
    private readonly timeoutMs: number,
    private readonly onEnd: (thread: EncoderThread) => void,
  ) {
    // Plain JavaScript: none of the parent's loaders (tsx) or flags (`-e` scripts, export conditions) apply to it.
    this.worker = new Worker(file, { execArgv: [] });
    // Idle threads never keep a process alive (tests, scripts); one with work in hand does, until it answers.
    this.worker.unref();
    this.worker.on("message", (reply: Reply) => this.settle(reply));
    this.worker.on("error", (error) => this.end(encoderUnavailable(`thread crashed: ${error.message}`, error)));
    this.worker.on("exit", (code) => this.end(encoderUnavailable(`thread exited with code ${code}`)));
  }

  get alive(): boolean {
    return this.failure === null;
  }

  /** Requests in hand: the pool sends new work to the thread with the fewest. */
  get load(): number {
    return this.pending.size;
  }

  embed(texts: string[]): Promise<Float32Array[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.end(encoderUnavailable(`no answer within ${this.timeoutMs} ms`));
        void this.worker.terminate();
      }, this.timeoutMs);
      timer.unref();
      this.pending.set(id, { count: texts.length, resolve, reject, timer });
      this.worker.ref();
      this.worker.postMessage({ id, texts });
    });
  }

  async terminate(): Promise<void> {
    this.end(encoderUnavailable("the pool was closed"));
    await this.worker.terminate();
  }

  private settle(reply: Reply): void {
    const request = this.pending.get(reply.id);
    if (!request) return;
    this.pending.delete(reply.id);
    clearTimeout(request.timer);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.error !== undefined) {
      request.reject(encoderUnavailable(reply.error));
      if (reply.fatal) void this.terminate();
      return;
    }
    const vectors = reply.vectors!;
    const dim = request.count > 0 ? vectors.length / request.count : 0;
    request.resolve(Array.from({ length: request.count }, (_, n) => vectors.subarray(n * dim, (n + 1) * dim)));
  }

  /** Once only: everything in hand is rejected and the pool forgets this thread. */
  private end(failure: AppError): void {
    if (this.failure) return;
    this.failure = failure;
    for (const request of this.pending.values()) {
      clearTimeout(request.timer);
      request.reject(failure);
    }
    this.pending.clear();
    this.worker.unref();
    this.onEnd(this);
  }
}
