// The settings of the nodes that call out: tools (built-in, HTTP, MCP) and remote A2A agents.
import { z } from "zod";
import { BUILTIN_TOOL_NAMES } from "@/lib/model/tools/catalog";

const httpHeader = z.object({
  name: z.string().min(1).max(100),
  value: z.string().max(2000).default(""),
  secret: z.string().max(100).default(""),
});

export const toolConfig = z.object({
  source: z.enum(["builtin", "http", "mcp"]).default("builtin"),
  builtin: z.enum(BUILTIN_TOOL_NAMES).optional(),
  http: z
    .object({
      method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).default("GET"),
      url: z.string().max(2000).default(""),
      headers: z.array(httpHeader).max(20).default([]),
      timeoutMs: z.number().int().min(100).max(60_000).default(5000),
      responseMap: z.string().max(2000).default(""),
    })
    .optional(),
  mcp: z
    .object({
      server: z.string().max(500).default(""),
      tool: z.string().max(200).default(""),
      /**
       * The argument that carries the verified customer's reference (e.g. `customer_ref`): filled by the engine, never
       * by the model, and the call needs a verified customer on an "own records" link.
       */
      customerArgument: z
        .string()
        .max(64)
        .regex(/^([A-Za-z_][A-Za-z0-9_]*)?$/, "Use a plain argument name like customer_ref.")
        .default(""),
    })
    .optional(),
  sideEffect: z.boolean().default(false),
});

/** An external A2A agent, called like a tool: agents reach it through a permission link, or it runs on the flow's path. */
export const remoteAgentConfig = z.object({
  /** The agent card's URL (a base URL means its /.well-known/agent-card.json). */
  cardUrl: z.string().trim().max(2000).default(""),
  /** The card's skill to ask for (sent as message metadata); empty = let the agent decide. */
  skill: z.string().trim().max(200).default(""),
  /**
   * What is sent: {{message}} is the customer's text (or what an LLM agent asks), plus {{text}}, {{intent}}, {{state.…}}.
   * An answer to the remote agent's own question (its task waits for input) is sent as said, without the template.
   */
  message: z.string().max(4000).default("{{message}}"),
  /** Sent with the card request and every call; secrets are resolved on the server from Settings → Secrets. */
  headers: z.array(httpHeader).max(20).default([]),
  /** Keep it under the node's own timeout policy (default 10 s), or that one ends the call first. */
  timeoutMs: z.number().int().min(500).max(120_000).default(8_000),
  sideEffect: z.boolean().default(false),
  /** On the flow's path: say the remote answer to the customer. */
  replyToCustomer: z.boolean().default(true),
  /** State key the answer is stored under (e.g. `remote.answer`); empty = remoteAgents.<node id>.answer only. */
  outputKey: z
    .string()
    .max(100)
    .regex(/^([A-Za-z_][A-Za-z0-9_.]*)?$/, "Use a dotted name like remote.answer.")
    .default(""),
});
