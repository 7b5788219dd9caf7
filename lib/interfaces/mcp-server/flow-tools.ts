// How a workspace's published flows look to an MCP client: one tool per flow, named after its slug, described by
// what the flow handles. Pure, so the names and texts are unit-tested and shared with the settings page.
import type { PublishedFlow } from "@/lib/interfaces/published-flows/published-flows";

export type FlowToolSpec = { name: string; flowSlug: string; title: string; description: string };

/** Clients (Claude, OpenAI-style function calling) accept [A-Za-z0-9_-]{1,64}; snake_case reads best to a model. */
const MAX_TOOL_NAME = 64;
/** The banking demo has 77 intents: list enough routes to tell the model what the flow is for, not all of them. */
const MAX_ROUTES_DESCRIBED = 12;
const EXAMPLES_PER_ROUTE = 2;
const MAX_EXAMPLE_LENGTH = 80;

export function flowToolName(slug: string): string {
  const name = slug
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "")
    .slice(0, MAX_TOOL_NAME);
  return name || "flow";
}

function quote(example: string): string {
  const text = example.replace(/\s+/g, " ").trim();
  return `"${text.length > MAX_EXAMPLE_LENGTH ? `${text.slice(0, MAX_EXAMPLE_LENGTH - 1).trimEnd()}…` : text}"`;
}

/** The shortest examples say what a route is about with the fewest tokens. */
function shortestExamples(examples: string[]): string[] {
  return examples
    .map((text, i) => ({ text, i }))
    .sort((a, b) => a.text.length - b.text.length || a.i - b.i)
    .slice(0, EXAMPLES_PER_ROUTE)
    .map((e) => quote(e.text));
}

export function flowToolDescription(flow: Pick<PublishedFlow, "name" | "description" | "routes">): string {
  const lines = [
    `Sends a customer's message to the "${flow.name}" customer-service flow and returns its replies.`,
    flow.description.trim(),
  ].filter(Boolean);
  if (flow.routes.length > 0) {
    // "Routes", not "handles": a flow's last route is often the polite refusal (out of scope).
    lines.push("", "Topics it routes:");
    for (const route of flow.routes.slice(0, MAX_ROUTES_DESCRIBED)) {
      const examples = shortestExamples(route.examples);
      lines.push(`- ${route.label}${examples.length ? ` (e.g. ${examples.join(", ")})` : ""}`);
    }
    const more = flow.routes.length - MAX_ROUTES_DESCRIBED;
    if (more > 0) lines.push(`- and ${more} more topics`);
  }
  lines.push(
    "",
    "Omit conversationId to open a new conversation; pass the conversationId from an earlier result to continue it.",
  );
  return lines.join("\n");
}

/** One tool per flow, with names unique even if two slugs map to the same name. */
export function flowToolSpecs(
  flows: Pick<PublishedFlow, "slug" | "name" | "description" | "routes">[],
): FlowToolSpec[] {
  const taken = new Set<string>();
  return flows.map((flow) => {
    const base = flowToolName(flow.slug);
    let name = base;
    for (let n = 2; taken.has(name); n++) {
      const suffix = `_${n}`;
      name = `${base.slice(0, MAX_TOOL_NAME - suffix.length)}${suffix}`;
    }
    taken.add(name);
    return { name, flowSlug: flow.slug, title: flow.name, description: flowToolDescription(flow) };
  });
}

export function mcpServerInstructions(workspaceName: string): string {
  return [
    `Each tool is a customer-service flow published by the Switchboard workspace "${workspaceName}".`,
    "Call a tool with the customer's message to start a conversation: the result holds the flow's replies, a conversationId,",
    "the conversation's status (active, escalated, resolved …) and what it waits for next (customer, human, approval).",
    "To continue the same conversation, call the same tool again with that conversationId and the customer's next message.",
    "Pass customer (a customer reference known to the workspace, e.g. C-1001) on the first call to link the conversation to them.",
    "When waitingFor is human, the conversation was escalated to a person; their replies do not come back through these tools",
    "(read them with the REST API, GET /api/v1/conversations/<conversationId>).",
  ].join(" ");
}
