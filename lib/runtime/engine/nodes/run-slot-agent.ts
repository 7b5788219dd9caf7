// A deterministic agent: fills its slots from what the customer says (several at once, up front, corrected later),
// asks for what is missing, calls its tool and replies. It never asks forever: after `reaskLimit` answers that did not
// contain what it asked for, a person takes over.
import "server-only";
import { DEFAULT_RETURN_PROMPT, type NodeOf } from "@/lib/model/flow/schema";
import { renderTemplate } from "@/lib/model/flow/template";
import { extractSlot, partialAddress } from "@/lib/runtime/tools/extract-slot";
import type { ExecutionResult } from "@/lib/runtime/engine/turn/execution-result";
import { scope, type TurnContext } from "@/lib/runtime/engine/turn/turn-context";
import { CORRECTION, type Asking } from "./plain-answer";

type Slot = NodeOf<"agent">["config"]["slots"][number];

/** Slots whose value is also kept at the top of the state, where tools and templates read it. */
const SLOT_MIRRORS: Partial<Record<string, string>> = { order_number: "orderNumber", amount: "amount" };

export type SlotFill = { done: true; known: string[]; extracted: string[] } | { done: false; result: ExecutionResult };

/**
 * Fills the agent's slots from this message and the state (what an earlier agent learned is kept: the handoff).
 * Returns the question to ask, or an escalation once the customer has been asked too often, when one is missing.
 */
export function fillSlots(node: NodeOf<"agent">, ctx: TurnContext): SlotFill {
  const slots = (ctx.state.slots ??= {}) as Record<string, unknown>;
  // Back after small talk or another request: the message was not an answer to this agent's question.
  const returning = ctx.resume?.reprompt === true || ctx.resume?.returning === true;
  const heard = returning ? "" : ctx.text;
  const partials = (ctx.state.partialSlots ??= {}) as Record<string, string>;
  const said = new Map(node.config.slots.map((slot) => [slot.name, valueSaid(slot, heard, partials[slot.name])]));
  const isNew = (name: string) => said.get(name) != null && said.get(name) !== slots[name];
  // A new value for one slot starts a new request (this agent's other slots from the old one are forgotten), unless
  // the customer says they are correcting what they gave.
  const replacing = node.config.slots.some((slot) => isNew(slot.name) && slots[slot.name] != null);
  if (replacing && !CORRECTION.test(heard)) {
    for (const slot of node.config.slots) {
      if (said.get(slot.name) != null) continue;
      forget(ctx, slot);
    }
  }
  const known: string[] = [];
  const extracted: string[] = [];
  for (const slot of node.config.slots) {
    if (slots[slot.name] != null && !isNew(slot.name)) {
      known.push(slot.name);
      continue;
    }
    const value = said.get(slot.name);
    if (value != null) {
      slots[slot.name] = value;
      delete partials[slot.name];
      extracted.push(slot.name);
      if (SLOT_MIRRORS[slot.kind]) ctx.state[SLOT_MIRRORS[slot.kind]!] = value;
      continue;
    }
    if (!slot.required) continue;
    if (slot.kind === "address" && heard) {
      const partial = partialAddress(partials[slot.name] ? `${partials[slot.name]}, ${heard}` : heard);
      if (partial) partials[slot.name] = partial;
    }
    return { done: false, result: ask(node, ctx, slot, { known, extracted, returning }) };
  }
  if ((ctx.state.asking as Asking | undefined)?.nodeId === node.id) delete ctx.state.asking;
  // The task a correction right after it ("no, I meant A1005") runs again (see plain-answer.ts).
  ctx.state.lastTask = node.id;
  return { done: true, known, extracted };
}

function valueSaid(slot: Slot, heard: string, partial: string | undefined): string | number | null {
  // Free-text slots only ever fill when empty: any later message would otherwise overwrite them.
  if (slot.kind === "text" || !heard) return null;
  const value = extractSlot(slot.kind, heard);
  if (value != null || slot.kind !== "address" || !partial) return value;
  // "5 Main St, Springfield", then "62701": the answer completes the address given before.
  return extractSlot("address", `${partial}, ${heard}`);
}

function forget(ctx: TurnContext, slot: Slot) {
  delete (ctx.state.slots as Record<string, unknown>)[slot.name];
  delete (ctx.state.partialSlots as Record<string, string>)[slot.name];
  if (SLOT_MIRRORS[slot.kind]) delete ctx.state[SLOT_MIRRORS[slot.kind]!];
}

function ask(
  node: NodeOf<"agent">,
  ctx: TurnContext,
  slot: Slot,
  handoff: { known: string[]; extracted: string[]; returning: boolean },
): ExecutionResult {
  const partial = (ctx.state.partialSlots as Record<string, string>)[slot.name];
  const question = partial
    ? completeAddress(partial)
    : slot.prompt || `Could you tell me the ${slot.name.replace(/_/g, " ")}?`;
  const back = ctx.resume?.returning === true ? "Back to your earlier request. " : "";
  const asked = askOrHandOver(ctx, {
    nodeId: node.id,
    what: slot.name,
    question: back + question,
    limit: node.config.reaskLimit,
    missed: !handoff.returning,
  });
  return {
    ...asked,
    output: { handoff: { known: handoff.known, extracted: handoff.extracted, askedFor: slot.name }, ...asked.output },
  };
}

/**
 * Asks the customer for something (a slot, or what a tool still needs), counting answers in a row that did not
 * contain it; past the limit a person takes over. `missed` is false when asking again only because small talk or
 * another request came between, which is not a missed answer.
 */
export function askOrHandOver(
  ctx: TurnContext,
  request: { nodeId: string; what: string; question: string; limit: number; missed: boolean },
): ExecutionResult {
  const previous = ctx.state.asking as Asking | undefined;
  const same = previous?.nodeId === request.nodeId && previous.slot === request.what;
  const times = same ? previous.times + (request.missed ? 1 : 0) : 1;
  if (times <= request.limit + 1) {
    ctx.state.asking = { nodeId: request.nodeId, slot: request.what, times } satisfies Asking;
    return { output: { asked: times }, replies: [request.question], stop: "await_customer" };
  }
  delete ctx.state.asking;
  const what = request.what.replace(/_/g, " ");
  const tries = times - 1;
  return {
    output: { asked: times, gaveUp: true },
    stop: "escalated",
    escalation: {
      queue: "general",
      skills: [],
      priority: 2,
      slaMinutes: 15,
      reason: `Could not get the ${what} after ${tries} ${tries === 1 ? "try" : "tries"}`,
      message: `Sorry, I'm not getting the ${what} right. I'm passing you to a member of our team, who will reply here.`,
      trigger: "reask_limit",
    },
  };
}

function completeAddress(partial: string): string {
  return partial.includes(",")
    ? `Thanks. What is the postcode for ${partial}?`
    : `Thanks. Which city and postcode is ${partial} in?`;
}

/**
 * Back at a task the customer left for another request, with everything it needs known: it does not act again on its
 * own, it asks the flow's return question and waits; the customer's answer reaches it as usual.
 */
export function returnQuestion(ctx: TurnContext): ExecutionResult {
  const start = ctx.graph.nodes.find((n) => n.kind === "start");
  const template = start?.kind === "start" ? start.config.interruptions.returnPrompt : "";
  const rendered = renderTemplate(template, scope(ctx));
  // A question that names something the conversation does not know is never sent half-filled.
  const text = rendered.missing.length ? DEFAULT_RETURN_PROMPT : rendered.text;
  return { output: { returned: true, missing: rendered.missing }, replies: text ? [text] : [], stop: "await_customer" };
}
