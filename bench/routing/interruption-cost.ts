// bench:routing's interruption section. Every customer message enters the start node, which classifies it against
// the flow's interruption routes and, when a node waits for an answer, asks the main router whether the customer
// changed their request (lib/runtime/engine/nodes/check-interruptions.ts). This trains both models as publishing does
// for the Retail demo flow and times, per message, the decision code the engine runs.
import os from "node:os";
import { quantile } from "@/bench/support/in-process-engine";
import { fmt } from "@/bench/support/format";
import { mainRouter, CONTINUE_INTENT } from "@/lib/model/flow/interruptions";
import { flowGraphSchema, type FlowGraph, type FlowNode, type NodeOf } from "@/lib/model/flow/schema";
import { classifyInterruption, decideChangeOfRequest } from "@/lib/runtime/engine/nodes/interruption-decision";
import type { IntentModel } from "@/lib/runtime/routing/intent-model";
import { deserializeIntentModel, serializeIntentModel } from "@/lib/runtime/routing/serialize-intent-model";
import {
  nodeTrainingSet,
  trainNodeClassifier,
  type NodeTrainingSet,
} from "@/lib/runtime/routing/train-node-classifier";
import { retailFlowGraph } from "@/prisma/demo/retail-flow";
import { messageMix } from "./message-mix";

const WARMUP_PASSES = 3;
const MEASURED_PASSES = 10;

const TRAINING_REPEATS = 5;

type Trained = { model: IntentModel; row: string; loadMs: number };

/** Publish's training of the node (the classifier and its bytes, as stored): wall and CPU milliseconds. */
async function timeTraining(set: NodeTrainingSet): Promise<{ bytes: Uint8Array; wallMs: number; cpuMs: number }> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const bytes = serializeIntentModel(await trainNodeClassifier(set));
  const cpu = process.cpuUsage(cpuBefore);
  return { bytes, wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * Trains the node as publishing does, then reads the bytes back the way the engine's model cache does. The first
 * training in a process pays for compiling the trainer, so it is shown apart from the repeats.
 */
async function train(graph: FlowGraph, node: FlowNode): Promise<Trained> {
  const set = nodeTrainingSet(graph, node);
  if (!set) throw new Error(`${node.label} has no trained classifier in the Retail demo flow`);
  const first = await timeTraining(set);
  const repeats: number[] = [];
  for (let n = 0; n < TRAINING_REPEATS; n++) repeats.push((await timeTraining(set)).wallMs);
  const loading = performance.now();
  const model = deserializeIntentModel(first.bytes);
  const loadMs = performance.now() - loading;
  const row =
    `${set.examples.length} examples, ${set.intents.length} classes; training ${fmt(first.wallMs, 0)} ms wall, ` +
    `${fmt(first.cpuMs, 0)} ms CPU the first time, median ${fmt(quantile(repeats, 0.5), 0)} ms of ` +
    `${TRAINING_REPEATS} more; ${fmt(first.bytes.length / 1024)} KB serialized`;
  return { model, row, loadMs };
}

/** Microseconds per call of `check` on each message, after warm-up passes (JIT, caches) that are not counted. */
async function time(messages: string[], check: (text: string) => Promise<unknown>): Promise<number[]> {
  let sink = 0; // keeps the results alive, so nothing is optimised away
  for (let pass = 0; pass < WARMUP_PASSES; pass++) for (const text of messages) sink += (await check(text)) ? 1 : 0;
  const micros: number[] = [];
  for (let pass = 0; pass < MEASURED_PASSES; pass++)
    for (const text of messages) {
      const started = performance.now();
      sink += (await check(text)) ? 1 : 0;
      micros.push((performance.now() - started) * 1000);
    }
  if (sink < 0) console.log(sink);
  return micros;
}

const spread = (micros: number[]) =>
  `p50 ${fmt(quantile(micros, 0.5))} / p99 ${fmt(quantile(micros, 0.99))} / max ${fmt(Math.max(...micros))} µs per message`;

/** The node a customer typically answers mid-task: the agent behind the router's first route that asks for a slot. */
function waitingNode(graph: FlowGraph, router: NodeOf<"router">): { intent: string; node: NodeOf<"agent"> } {
  for (const route of router.config.routes) {
    const edge = graph.edges.find((e) => e.source === router.id && e.sourceHandle === route.id && e.kind === "control");
    const node = graph.nodes.find((n) => n.id === edge?.target);
    if (node?.kind === "agent" && node.config.slots.some((slot) => slot.required)) return { intent: route.id, node };
  }
  throw new Error("No route of the Retail demo flow's router leads to an agent that asks for a slot");
}

export async function printInterruptionCost(): Promise<void> {
  // Parsed as the seed stores it, so schema defaults (strategy, thresholds, switchIntents) are the published ones.
  const graph = flowGraphSchema.parse(retailFlowGraph());
  const start = graph.nodes.find((n): n is NodeOf<"start"> => n.kind === "start");
  const router = mainRouter(graph);
  if (!start || !router) throw new Error("The Retail demo flow needs a start node and a classifier router");
  const config = start.config.interruptions;
  if (config.strategy !== "classifier") throw new Error(`The demo's interruptions use ${config.strategy}, not a model`);
  const interruptions = await train(graph, start);
  const routing = await train(graph, router);
  const waiting = waitingNode(graph, router);
  const { messages, description } = messageMix();

  const fromTop = (text: string) => classifyInterruption(interruptions.model, text, config.threshold);
  const changeOfRequest = (text: string) =>
    decideChangeOfRequest(routing.model, router, graph, {
      text,
      current: waiting.intent,
      waitingNodeId: waiting.node.id,
      threshold: config.switchThreshold,
      never: config.neverSwitchTo,
    });
  // The engine's order mid-task (check-interruptions.ts): an interruption ends the check, otherwise the main router,
  // found on the graph for each message, hears it too.
  const midTask = async (text: string) => {
    const decision = await fromTop(text);
    if (decision.chosen || !config.switchIntents) return decision;
    const main = mainRouter(graph);
    return main && main.id !== waiting.node.id ? changeOfRequest(text) : decision;
  };

  const chosen = new Map<string, number>();
  for (const text of messages) {
    const id = (await fromTop(text)).chosen ?? CONTINUE_INTENT;
    chosen.set(id, (chosen.get(id) ?? 0) + 1);
  }
  const passedOn = chosen.get(CONTINUE_INTENT) ?? 0;
  const stoppedBy = [...chosen].filter(([id]) => id !== CONTINUE_INTENT).map(([id, n]) => `${id} ${n}`);
  let switched = 0;
  for (const text of messages) if (!(await fromTop(text)).chosen && (await changeOfRequest(text)).to) switched++;
  const routerRan = config.switchIntents
    ? `the router ran on the ${passedOn} of ${messages.length} messages no interruption took ` +
      `(${stoppedBy.join(", ")}); ${switched} of them switched request while ${waiting.node.label} waited ` +
      `(conversation on ${waiting.intent})`
    : "switchIntents is off: the router never runs";

  // On a shared machine the tails measure the neighbours too, so the report says how busy it was.
  const load = `${os.cpus().length} cores, load average ${fmt(os.loadavg()[0], 2)} before timing`;
  const fromTopMicros = await time(messages, fromTop);
  const switchMicros = await time(messages, changeOfRequest);
  const midTaskMicros = await time(messages, midTask);

  const report: [string, string][] = [
    ["flow", `Retail demo (prisma/demo/retail-flow.ts), start node "${start.label}": ${config.routes.length} routes`],
    ["interruption model", interruptions.row],
    [`main router model ("${router.label}")`, routing.row],
    [
      "model load, once per process",
      `${fmt(interruptions.loadMs, 2)} + ${fmt(routing.loadMs, 2)} ms deserializing, plus one DB read each; ` +
        "intent-model-cache.ts then keeps them (versions are immutable, up to 64 models)",
    ],
    ["message mix", `${description}; ${MEASURED_PASSES} timed passes after ${WARMUP_PASSES} warm-up passes`],
    ["machine", load],
    [`interruption check (threshold ${config.threshold})`, spread(fromTopMicros)],
    [`change-of-request check (≥ ${config.switchThreshold})`, spread(switchMicros)],
    [`mid-task: both, in the engine's order`, spread(midTaskMicros)],
    ["  of which", routerRan],
    [
      "what the times include",
      "wall-clock time of pure CPU work in this process, models loaded: classifyIntent on the deserialized model and the decision " +
        "(lib/runtime/engine/nodes/interruption-decision.ts, the engine's own code); not the model's DB read and " +
        "deserializing (above, once per process), nor the route spans and audit rows the step writes",
    ],
  ];
  console.log("\nInterruption check, per customer message (the start node runs it on every one)");
  const width = Math.max(...report.map(([k]) => k.length));
  for (const [k, v] of report) console.log(`${k.padEnd(width)}  ${v}`);
}
