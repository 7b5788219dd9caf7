// What a flow template is: a graph in Switchboard's own format, a few honest sentences for the picker, and the
// evaluation suite created with it so the new flow can be checked at once. Pure data: the create action turns it into
// rows (lib/features/flows/create-from-template.ts), and the expectations are parsed there with the evals' schema.
import type { FlowGraphInput } from "@/lib/model/flow/schema";

/** The same keys as an evaluation case's expectations (lib/features/evals/expectations.ts), which parses them. */
export type TemplateExpectations = {
  routes?: (string | null)[];
  toolsCalled?: string[];
  toolsNotCalled?: string[];
  escalated?: boolean;
  finalStatus?: "active" | "escalated" | "resolved" | "abandoned" | "failed";
  replyContains?: string[];
  replyNotContains?: string[];
  exactWordingTurns?: number[];
  guardrailsTriggered?: string[];
};

export type TemplateCase = {
  name: string;
  turns: string[];
  expectations: TemplateExpectations;
  /** Runs as this verified customer (a ref of the demo data, e.g. C-1001); omitted: an anonymous visitor. */
  customer?: string;
};

/** A flow the template also creates, and publishes, because the main flow calls it as a sub-flow. */
export type TemplateSubflow = {
  /** Appended to the new flow's slug: "-orders" makes "my-desk-orders". */
  slugSuffix: string;
  nameSuffix: string;
  description: string;
  graph: (names: { slug: string }) => FlowGraphInput;
};

export type FlowTemplate = {
  id: string;
  name: string;
  /** What it does, in one or two plain sentences, shown in the picker. */
  summary: string;
  /** What it needs or leaves to you (a placeholder URL, demo data the cases use), shown under the summary. */
  note?: string;
  /** The main flow; `slug` is the new flow's, for templates whose sub-flows are named after it. */
  graph: (names: { slug: string }) => FlowGraphInput;
  suite: { name: string; description: string; cases: TemplateCase[] };
  subflows?: TemplateSubflow[];
};
