// bench/engine.ts's load driver: CONCURRENCY simulated customers talking to the Retail demo flow over the public API
// until told to stop. Each is one of the demo's customers, named by the integration (`customer`, so verified) and
// asking about orders that are theirs.
import { postJson } from "@/bench/support/post-json";
import { sleep } from "@/bench/support/sleep";
import { type BenchCustomer } from "./bench-setup";
import { CONCURRENCY, FLOW_SLUG } from "./config";
import { replyKind, type ReplyKind } from "./reply-kinds";
import { type Target } from "./server";

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

function script(orders: string[]): string[] {
  const order = () => pick(orders);
  const first = pick([
    (o: string) => `Where is my order ${o}?`,
    (o: string) => `Can you track order ${o} for me`,
    (o: string) => `Has my order ${o} shipped yet?`,
    (o: string) => `When will my order ${o} arrive?`,
    (o: string) => `check on order ${o}`,
    (o: string) => `Is order ${o} delivered?`,
  ])(order());
  const followUp = pick([
    (o: string) => `Can I get an update on ${o}`,
    (o: string) => `And where is order ${o}?`,
    (o: string) => `What about my other order ${o}, has it shipped?`,
    (o: string) => `track my shipment ${o}`,
  ])(order());
  const third = pick([
    (o: string) => `how long until my order ${o} gets here`,
    (o: string) => `delivery update for my order ${o}`,
    (o: string) => `Still waiting for my delivery of ${o}`,
  ])(order());
  const thanks = pick(["thanks", "Thanks, that's all", "great, thank you"]);
  return Math.random() < 0.5 ? [first, followUp, thanks] : [first, followUp, third, thanks];
}

/** One message: 200 with its reply kind; 202 (the turn outlasted the API's wait) and errors (status 0 or ≥ 400). */
export type Turn = { end: number; latency: number; status: number; kind: ReplyKind | null };
export type Load = {
  turns: Turn[];
  creations: { end: number; latency: number; status: number }[];
  errors: Map<string, number>;
  /** A few texts per reply kind, so an unexpected kind can be read. */
  samples: Map<ReplyKind, string[]>;
};

export async function runLoad(target: Target, customers: BenchCustomer[], stopAt: () => boolean): Promise<Load> {
  const load: Load = { turns: [], creations: [], errors: new Map(), samples: new Map() };
  const headers = { Authorization: `Bearer ${target.apiKey}` };
  const error = (what: string) => load.errors.set(what, (load.errors.get(what) ?? 0) + 1);
  const sample = (kind: ReplyKind, texts: string[], asked: string) => {
    const list = load.samples.get(kind) ?? [];
    if (list.length < 3) list.push(`"${asked}" → ${JSON.stringify(texts.join(" | ").slice(0, 200))}`);
    load.samples.set(kind, list);
  };
  const customer = async (_: unknown, index: number) => {
    const url = target.webs[index % target.webs.length].url;
    while (!stopAt()) {
      const who = pick(customers);
      let id: string;
      const started = performance.now();
      try {
        const response = await postJson<{ id?: string; error?: { message?: string } }>(
          `${url}/api/v1/conversations`,
          headers,
          { flow: FLOW_SLUG, channel: "api", customer: who.ref },
        );
        const body = response.body;
        load.creations.push({ end: performance.now(), latency: performance.now() - started, status: response.status });
        if (response.status !== 201 || !body.id) {
          error(`create ${response.status}: ${JSON.stringify(body).slice(0, 160)}`);
          await sleep(100);
          continue;
        }
        id = body.id;
      } catch (e) {
        error(`create: ${(e as Error).message}`);
        await sleep(100);
        continue;
      }
      for (const text of script(who.orders)) {
        if (stopAt()) break;
        const started = performance.now();
        try {
          const response = await postJson<{ replies?: { text: string }[]; error?: unknown }>(
            `${url}/api/v1/conversations/${id}/messages`,
            headers,
            { text },
          );
          const body = response.body;
          const end = performance.now();
          const texts = (body.replies ?? []).map((r) => r.text);
          const kind = response.status === 200 ? replyKind(texts) : null;
          load.turns.push({ end, latency: end - started, status: response.status, kind });
          if (kind) sample(kind, texts, text);
          if (response.status !== 200 && response.status !== 202) {
            error(`message ${response.status}: ${JSON.stringify(body).slice(0, 160)}`);
            break; // e.g. the conversation ended: start a new one
          }
        } catch (e) {
          load.turns.push({ end: performance.now(), latency: performance.now() - started, status: 0, kind: null });
          error(`message: ${(e as Error).message}`);
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, customer));
  return load;
}
