// A guardrail node. Input stage: checks the customer's message before the flow acts on it. Output stage: checks
// every reply this event has produced so far — replies are held until the run is over, so nothing reaches the
// customer before the output guardrails on its path have passed it. Each policy's decision becomes a guardrail span
// (and an audit entry, written by the run loop).
import "server-only";
import type { NodeOf } from "@/lib/model/flow/schema";
import { worstOutcome } from "@/lib/model/guardrails/guardrail-decision";
import { runGuardrails, type GuardrailRun } from "@/lib/model/guardrails/run-guardrails";
import type { ChildSpan, ExecutionResult } from "@/lib/runtime/engine/turn/execution-result";
import type { TurnContext } from "@/lib/runtime/engine/turn/turn-context";

export const BLOCKED_INPUT_REPLY = "Sorry, I can't help with that message. Could you rephrase what you need?";
export const BLOCKED_OUTPUT_REPLY =
  "Sorry, I can't share that here. Let me know what else I can help with, or ask for a person.";

export async function runGuardrailNode(node: NodeOf<"guardrail">, ctx: TurnContext): Promise<ExecutionResult> {
  const { stage, policies, onViolation } = node.config;
  const runs: { target: string; run: GuardrailRun }[] = [];
  if (stage === "input") {
    runs.push({ target: "customer message", run: runGuardrails("input", ctx.text, policies, { onViolation }) });
  } else {
    for (const [index, message] of ctx.outbox.entries()) {
      const run = runGuardrails("output", message.text, policies, { onViolation });
      runs.push({ target: `reply ${index + 1}`, run });
    }
  }
  const spans: ChildSpan[] = runs.flatMap(({ target, run }) =>
    run.decisions.map((decision) => ({
      kind: "guardrail" as const,
      name: decision.policy,
      status: decision.outcome === "pass" ? ("ok" as const) : ("error" as const),
      error: decision.outcome === "pass" ? undefined : decision.reason,
      input: { stage, target },
      output: { outcome: decision.outcome, reason: decision.reason, findings: decision.findings },
      attributes: { stage, onViolation },
    })),
  );
  const worst = worstOutcome(runs.map((r) => r.run.outcome));
  const output = {
    stage,
    outcome: worst,
    checked: runs.length,
    decisions: runs.flatMap((r) =>
      r.run.decisions.map((d) => ({ policy: d.policy, outcome: d.outcome, reason: d.reason })),
    ),
  };

  if (worst === "pass") return { output, next: "pass", spans };
  if (worst === "redact") {
    // Redaction is not a violation of the path: the (redacted) conversation carries on.
    if (stage === "output") runs.forEach(({ run }, index) => (ctx.outbox[index].text = run.text));
    else ctx.state.redactedInput = runs[0].run.text;
    return { output, next: "pass", spans };
  }
  if (worst === "escalate") {
    if (stage === "output") ctx.outbox.splice(0, ctx.outbox.length);
    return {
      output,
      spans,
      stop: "escalated",
      escalation: {
        queue: "general",
        skills: [],
        priority: 1,
        slaMinutes: 15,
        reason: `Guardrail: ${firstReason(runs)}`,
        message: "I'm passing this to a colleague to make sure you get the right answer. They'll reply here shortly.",
        trigger: "guardrail",
      },
    };
  }
  // Blocked: an input is not acted on; blocked replies are withheld. The violation output, when connected, decides
  // what happens next; otherwise the customer gets a neutral line.
  const connected = ctx.graph.edges.some(
    (e) => e.kind === "control" && e.source === node.id && e.sourceHandle === "violation",
  );
  if (stage === "output") {
    const keep = ctx.outbox.filter(
      (_, index) => runs[index].run.outcome === "pass" || runs[index].run.outcome === "redact",
    );
    ctx.outbox.splice(0, ctx.outbox.length, ...keep);
  }
  if (connected) return { output, next: "violation", spans };
  return { output, spans, replies: [stage === "input" ? BLOCKED_INPUT_REPLY : BLOCKED_OUTPUT_REPLY] };
}

function firstReason(runs: { run: GuardrailRun }[]): string {
  return runs.flatMap((r) => r.run.decisions).find((d) => d.outcome !== "pass")?.reason ?? "policy violation";
}
