// The tool registry: one description of any tool node (built-in, HTTP or MCP) for the engine (LLM tool specs,
// spans) and the designer (inspector, palette). Pure — no Node APIs — so client components can import it; the
// MCP lookup is injected (pass `listMcpTools` from lib/runtime/tools/mcp-tool on the server).
//
// Names: built-in tools are called by their built-in name; HTTP and MCP tools by their tool node's id (as the
// engine's toolName() does), or a slug of the label / MCP tool name when no node is given. Names always match
// ^[A-Za-z0-9_-]{1,64}$, what OpenAI-compatible tool specs accept.
import type { z } from "zod";
import { AppError } from "@/lib/model/errors";
import type { toolConfig } from "@/lib/model/flow/schema";
import { templateVariables } from "@/lib/model/flow/template";
import { BUILTIN_TOOLS } from "@/lib/model/tools/catalog";
import { BUILTIN_TOOL_DESCRIPTIONS, builtinInputJsonSchema } from "@/lib/runtime/tools/builtin-schemas";
import { urlTemplateVariables } from "@/lib/runtime/tools/url-template";

export type ToolConfig = z.output<typeof toolConfig>;
export type JsonSchemaObject = Record<string, unknown>;

export type ToolDescription = {
  name: string;
  label: string;
  source: ToolConfig["source"];
  description: string;
  sideEffect: boolean;
  /** JSON Schema of the arguments (always `type: "object"`), for LLM tool specs. */
  inputSchema: JsonSchemaObject;
  outputSchema?: JsonSchemaObject;
  /** False for built-ins the engine cannot run yet. */
  executable: boolean;
};

export type ToolNodeRef = { id?: string; label?: string };

/** A tool as an MCP server lists it (the shape lib/runtime/tools/mcp-tool's listMcpTools returns). */
export type McpListedTool = {
  name: string;
  description: string;
  inputSchema: JsonSchemaObject;
  outputSchema?: JsonSchemaObject;
};
export type ListMcpTools = (
  server: string,
  options: { allowHosts?: readonly string[]; timeoutMs?: number; signal?: AbortSignal },
) => Promise<McpListedTool[]>;

/** Scope names the engine fills itself; `{{state.x}}`-style dotted placeholders always come from the scope. */
export const DEFAULT_SCOPE_KEYS = ["state", "conversation", "customer", "workspace", "flow", "run", "secret"] as const;

/** A string usable as a tool-spec name: letters, digits, _ and -, at most 64 characters. */
export function toolSpecName(text: string, fallback = "tool"): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[^\w-]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 64);
  return slug || fallback;
}

const OPEN_OBJECT: JsonSchemaObject = { type: "object", properties: {}, additionalProperties: true };

/**
 * The arguments an HTTP tool takes: one required string per top-level `{{placeholder}}` in the URL and header
 * values (dotted ones such as `{{state.x}}` and names in `scopeKeys` come from the engine, not the model), plus
 * free-form extra properties for POST/PUT/PATCH, whose JSON body is the whole input.
 */
export function httpToolInputSchema(
  http: NonNullable<ToolConfig["http"]>,
  options: { scopeKeys?: readonly string[] } = {},
): JsonSchemaObject {
  const scope = new Set<string>(options.scopeKeys ?? DEFAULT_SCOPE_KEYS);
  const names = new Set<string>();
  const consider = (path: string) => {
    if (!path.includes(".") && !scope.has(path)) names.add(path);
  };
  urlTemplateVariables(http.url).forEach(consider);
  for (const header of http.headers) templateVariables(header.value).forEach(consider);
  const properties: Record<string, JsonSchemaObject> = {};
  for (const name of names) properties[name] = { type: "string", description: `Value for {{${name}}}.` };
  const body = http.method === "POST" || http.method === "PUT" || http.method === "PATCH";
  return {
    type: "object",
    properties,
    required: [...names],
    additionalProperties: body,
    ...(body ? { description: "Also sent as the JSON request body; add any fields the API expects." } : {}),
  };
}

function unconfigured(message: string): never {
  throw new AppError("VALIDATION", { message, userMessage: message, fieldErrors: { config: [message] } });
}

/** Describes a tool node from its config alone (MCP input schemas are open until listed: see describeToolAsync). */
export function describeTool(
  config: ToolConfig,
  node: ToolNodeRef = {},
  options: { scopeKeys?: readonly string[] } = {},
): ToolDescription {
  switch (config.source) {
    case "builtin": {
      const builtin = config.builtin ?? unconfigured("Pick a built-in tool.");
      const meta = BUILTIN_TOOLS[builtin];
      return {
        name: builtin,
        label: node.label ?? meta.label,
        source: "builtin",
        description: BUILTIN_TOOL_DESCRIPTIONS[builtin],
        sideEffect: meta.sideEffect || config.sideEffect,
        inputSchema: builtinInputJsonSchema(builtin),
        executable: meta.executable,
      };
    }
    case "http": {
      const http = config.http ?? unconfigured("Configure the HTTP request.");
      if (!http.url.trim()) unconfigured("Enter the URL.");
      let where = http.url;
      try {
        const sample = new URL(http.url.replace(/\{\{\s*([\w.]+)\s*\}\}/g, "{$1}"));
        where = `${sample.host}${decodeURIComponent(sample.pathname)}`;
      } catch {
        // keep the template as written
      }
      return {
        name: node.id ?? toolSpecName(node.label ?? `http_${http.method.toLowerCase()}_${where}`),
        label: node.label ?? `${http.method} ${where}`,
        source: "http",
        description: `${http.method} ${where}`,
        sideEffect: config.sideEffect,
        inputSchema: httpToolInputSchema(http, options),
        executable: true,
      };
    }
    case "mcp": {
      const mcp = config.mcp ?? unconfigured("Configure the MCP server and tool.");
      if (!mcp.server.trim()) unconfigured("Enter the MCP server.");
      if (!mcp.tool.trim()) unconfigured("Pick the MCP tool.");
      return {
        name: node.id ?? toolSpecName(mcp.tool),
        label: node.label ?? `${mcp.tool} (MCP)`,
        source: "mcp",
        description: `MCP tool ${mcp.tool}`,
        sideEffect: config.sideEffect,
        inputSchema: OPEN_OBJECT,
        executable: true,
      };
    }
  }
}

/** The engine fills the customer argument from the verified customer: the model is not offered it. */
function withoutArgument(schema: JsonSchemaObject, name: string): JsonSchemaObject {
  if (!name) return schema;
  const properties = { ...((schema.properties as Record<string, unknown> | undefined) ?? {}) };
  delete properties[name];
  const required = Array.isArray(schema.required) ? schema.required.filter((r) => r !== name) : schema.required;
  return { ...schema, properties, ...(required ? { required } : {}) };
}

const mcpCache = new Map<string, { at: number; tools: Promise<McpListedTool[]> }>();

/** Forgets cached MCP tool lists (tests; after a server's tools change). */
export function clearToolRegistryCache() {
  mcpCache.clear();
}

/**
 * describeTool, with MCP tools' description and input/output schemas read from the server (cached per server and
 * allowlist for `cacheTtlMs`, default 60 s). Throws AppError NOT_FOUND when the server has no such tool, and
 * whatever listMcpTools throws (McpToolError, SsrfBlockedError) when it cannot be reached.
 */
export async function describeToolAsync(
  config: ToolConfig,
  options: {
    listMcpTools: ListMcpTools;
    node?: ToolNodeRef;
    allowHosts?: readonly string[];
    timeoutMs?: number;
    signal?: AbortSignal;
    scopeKeys?: readonly string[];
    cacheTtlMs?: number;
  },
): Promise<ToolDescription> {
  const base = describeTool(config, options.node, { scopeKeys: options.scopeKeys });
  if (config.source !== "mcp" || !config.mcp) return base;
  const { server, tool } = config.mcp;
  const ttl = options.cacheTtlMs ?? 60_000;
  const key = `${server}\u0000${[...(options.allowHosts ?? [])].sort().join(",")}`;
  let cached = mcpCache.get(key);
  if (!cached || ttl <= 0 || Date.now() - cached.at > ttl) {
    const tools = options.listMcpTools(server, {
      allowHosts: options.allowHosts,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    cached = { at: Date.now(), tools };
    if (ttl > 0) {
      mcpCache.set(key, cached);
      tools.catch(() => mcpCache.delete(key));
    }
  }
  const listed = (await cached.tools).find((t) => t.name === tool);
  if (!listed) {
    const message = `The MCP server has no tool "${tool}".`;
    throw new AppError("NOT_FOUND", { message, userMessage: message });
  }
  const schema = listed.inputSchema?.type === "object" ? listed.inputSchema : { ...OPEN_OBJECT, ...listed.inputSchema };
  return {
    ...base,
    description: listed.description || base.description,
    inputSchema: withoutArgument(schema, config.mcp.customerArgument),
    ...(listed.outputSchema ? { outputSchema: listed.outputSchema } : {}),
  };
}
