// The Remote agent node kind's settings, validation and connection rules, and the pure parts of its A2A client:
// reading an answer, resolving headers, classifying failures.
import { Role, TaskState, type Message, type Task } from "@a2a-js/sdk";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readAnswer } from "@/lib/runtime/tools/remote-agent/answer";
import { classifyRemoteError } from "@/lib/runtime/tools/remote-agent/call-remote-agent";
import { resolveHeaders, scrubSecrets } from "@/lib/runtime/tools/remote-agent/headers";
import { canConnect } from "@/lib/model/flow/connection-rules";
import { nodeSummary, NODE_KINDS } from "@/lib/model/flow/registry";
import { flowGraphSchema, type FlowGraphInput } from "@/lib/model/flow/schema";
import { validateFlow } from "@/lib/model/validation/validate-flow";
import { HttpToolError, SsrfBlockedError } from "@/lib/platform/net/outbound-errors";

const node = (id: string, kind: string, config: Record<string, unknown>) =>
  ({ id, kind, label: id, position: { x: 0, y: 0 }, config }) as FlowGraphInput["nodes"][number];

function graph(
  remoteConfig: Record<string, unknown>,
  options: { permission?: Record<string, unknown> } = {},
): FlowGraphInput {
  return {
    schemaVersion: 1,
    nodes: [
      node("start", "start", {}),
      node("helper", "agent", { mode: "llm", systemPrompt: "Help." }),
      node("remote", "remote_agent", remoteConfig),
    ],
    edges: [
      { id: "e1", source: "start", target: "helper" },
      {
        id: "p1",
        kind: "tool",
        source: "helper",
        sourceHandle: "tools",
        target: "remote",
        targetHandle: "permission",
        permission: options.permission ?? {},
      },
    ],
  };
}

const issuesAt = (g: FlowGraphInput, nodeId = "remote") => validateFlow(g).filter((issue) => issue.nodeId === nodeId);

describe("remote_agent settings", () => {
  it("fills defaults: the customer's message, a reply to the customer, read-only", () => {
    const parsed = flowGraphSchema.parse(graph({ cardUrl: "https://agents.example.com" }));
    expect(parsed.nodes[2]).toMatchObject({
      kind: "remote_agent",
      config: {
        cardUrl: "https://agents.example.com",
        skill: "",
        message: "{{message}}",
        headers: [],
        timeoutMs: 8_000,
        sideEffect: false,
        replyToCustomer: true,
        outputKey: "",
      },
    });
  });

  it("is granted like a tool and listed under agents", () => {
    expect(NODE_KINDS.remote_agent).toMatchObject({
      label: "Remote agent",
      category: "agents",
      hasInput: true,
      toolLinks: "target",
    });
    const parsed = flowGraphSchema.parse(
      graph({ cardUrl: "https://agents.example.com/card.json", skill: "quote", sideEffect: true }),
    );
    expect(
      canConnect(
        { ...parsed, edges: [] },
        { source: "helper", sourceHandle: "tools", target: "remote", targetHandle: "permission" },
      ),
    ).toEqual({ ok: true, kind: "tool" });
    expect(
      canConnect(
        { ...parsed, edges: [] },
        { source: "start", sourceHandle: "tools", target: "remote", targetHandle: "permission" },
      ).ok,
    ).toBe(false);
    expect(nodeSummary(parsed.nodes[2])).toEqual(["A2A agents.example.com/card.json", "skill quote · changes data"]);
  });

  it("gives the inspector a form: every setting with its default", () => {
    const form = z.toJSONSchema(NODE_KINDS.remote_agent.configSchema as z.ZodType, {
      io: "input",
      unrepresentable: "any",
    }) as { properties: Record<string, { default?: unknown; type?: string }> };
    expect(Object.keys(form.properties)).toEqual([
      "cardUrl",
      "skill",
      "message",
      "headers",
      "timeoutMs",
      "sideEffect",
      "replyToCustomer",
      "outputKey",
    ]);
    expect(form.properties.message.default).toBe("{{message}}");
    expect(form.properties.replyToCustomer).toMatchObject({ type: "boolean", default: true });
  });

  it("rejects an output key that is not a dotted name", () => {
    expect(flowGraphSchema.safeParse(graph({ cardUrl: "https://a.example.com", outputKey: "bad key" })).success).toBe(
      false,
    );
  });
});

describe("remote_agent validation", () => {
  it("needs an agent card URL, over http(s)", () => {
    expect(issuesAt(graph({})).map((i) => [i.severity, i.code, i.path])).toEqual(
      expect.arrayContaining([
        ["error", "missing_setting", ["cardUrl"]],
        ["error", "engine_unsupported", undefined],
      ]),
    );
    expect(issuesAt(graph({ cardUrl: "ftp://agents.example.com" })).map((i) => i.code)).toContain("bad_setting");
    expect(issuesAt(graph({ cardUrl: "https://agents.example.com" }))).toEqual([]);
  });

  it("knows {{message}} in its template and flags unknown variables", () => {
    expect(
      issuesAt(
        graph({
          cardUrl: "https://a.example.com",
          message: "Customer asks: {{message}} ({{intent}}, {{state.orderNumber}})",
        }),
      ),
    ).toEqual([]);
    const [issue] = issuesAt(graph({ cardUrl: "https://a.example.com", message: "{{customer_name}}" }));
    expect(issue).toMatchObject({ code: "unknown_variable", path: ["message"] });
    expect(issuesAt(graph({ cardUrl: "https://a.example.com", message: "  " })).map((i) => i.code)).toContain(
      "missing_setting",
    );
  });

  it("warns when an agent may call a side-effecting remote agent with no limit, like a tool", () => {
    expect(issuesAt(graph({ cardUrl: "https://a.example.com", sideEffect: true })).map((i) => i.code)).toContain(
      "unlimited_side_effect",
    );
    expect(
      issuesAt(
        graph({ cardUrl: "https://a.example.com", sideEffect: true }, { permission: { ratePerConversation: 2 } }),
      ),
    ).toEqual([]);
  });

  it("is reachable through an agent's permission link, and unreachable without one", () => {
    const unlinked = graph({ cardUrl: "https://a.example.com" });
    unlinked.edges = unlinked.edges.filter((e) => e.kind !== "tool");
    expect(issuesAt(unlinked)).toEqual([
      expect.objectContaining({
        code: "unreachable",
        message: expect.stringMatching(/no reachable agent has permission/),
      }),
    ]);
  });

  it("warns when its own timeout cannot fire before the node's", () => {
    expect(issuesAt(graph({ cardUrl: "https://a.example.com", timeoutMs: 30_000 }))).toEqual([
      expect.objectContaining({ severity: "warning", path: ["timeoutMs"] }),
    ]);
  });

  it("warns about a secret header whose value does not place the secret", () => {
    const issues = issuesAt(
      graph({
        cardUrl: "https://a.example.com",
        headers: [{ name: "Authorization", value: "Bearer", secret: "TOKEN" }],
      }),
    );
    expect(issues).toEqual([expect.objectContaining({ severity: "warning", path: ["headers", 0, "value"] })]);
  });
});

const text = (value: string) => ({
  content: { $case: "text" as const, value },
  metadata: undefined,
  filename: "",
  mediaType: "text/plain",
});
const message = (role: Role, value: string): Message => ({
  messageId: "m",
  contextId: "ctx-1",
  taskId: "",
  role,
  parts: [text(value)],
  metadata: undefined,
  extensions: [],
  referenceTaskIds: [],
});
const task = (state: TaskState, options: { status?: string; artifact?: string; history?: Message[] } = {}): Task => ({
  id: "task-1",
  contextId: "ctx-1",
  status: {
    state,
    message: options.status ? message(Role.ROLE_AGENT, options.status) : undefined,
    timestamp: undefined,
  },
  artifacts: options.artifact
    ? [
        {
          artifactId: "a",
          name: "",
          description: "",
          parts: [
            text(options.artifact),
            {
              content: { $case: "data", value: { price: 12 } },
              metadata: undefined,
              filename: "",
              mediaType: "application/json",
            },
          ],
          metadata: undefined,
          extensions: [],
        },
      ]
    : [],
  history: options.history ?? [],
  metadata: undefined,
});

describe("reading a remote answer", () => {
  it("reads a direct message as a completed exchange in its context", () => {
    expect(readAnswer(message(Role.ROLE_AGENT, "Hello"))).toEqual({
      state: "completed",
      text: "Hello",
      data: [],
      contextId: "ctx-1",
      taskId: null,
    });
  });

  it("keeps the task open when the agent asks for input, and closes it when it completes", () => {
    expect(readAnswer(task(TaskState.TASK_STATE_INPUT_REQUIRED, { status: "Which city?" }))).toMatchObject({
      state: "input-required",
      text: "Which city?",
      taskId: "task-1",
    });
    expect(readAnswer(task(TaskState.TASK_STATE_COMPLETED, { artifact: "It costs $12." }))).toEqual({
      state: "completed",
      text: "It costs $12.",
      data: [{ price: 12 }],
      contextId: "ctx-1",
      taskId: null,
    });
    expect(
      readAnswer(
        task(TaskState.TASK_STATE_COMPLETED, {
          history: [message(Role.ROLE_USER, "hi"), message(Role.ROLE_AGENT, "Done.")],
        }),
      ).text,
    ).toBe("Done.");
    expect(readAnswer(task(TaskState.TASK_STATE_FAILED, { status: "Down." }))).toMatchObject({
      state: "failed",
      text: "Down.",
      taskId: null,
    });
  });
});

describe("headers and failures", () => {
  it("places a secret where the value says {{secret}}, renders templates, and scrubs secrets from text", async () => {
    const secrets: Record<string, string> = { TOKEN: "s3cr3t-value" };
    const resolved = await resolveHeaders(
      [
        { name: "Authorization", value: "Bearer {{secret}}", secret: "TOKEN" },
        { name: "X-Api-Key", value: "", secret: "TOKEN" },
        { name: "X-Order", value: "{{state.orderNumber}}", secret: "" },
      ],
      { state: { orderNumber: "A1001" } },
      async (name) => secrets[name],
    );
    expect(resolved.headers).toEqual({
      Authorization: "Bearer s3cr3t-value",
      "X-Api-Key": "s3cr3t-value",
      "X-Order": "A1001",
    });
    expect(scrubSecrets("echo: Bearer s3cr3t-value", resolved.secrets)).toBe("echo: Bearer [secret]");
    await expect(
      resolveHeaders([{ name: "X-Order", value: "{{state.missing}}", secret: "" }], { state: {} }, async () => ""),
    ).rejects.toThrow(/state\.missing/);
  });

  it("classifies failures as retriable or not", () => {
    const context = { timedOut: false, cancelled: false, timeoutMs: 1000 };
    expect(classifyRemoteError(new Error("x"), { ...context, timedOut: true })).toEqual({
      message: "no answer within 1000 ms",
      retriable: true,
    });
    expect(
      classifyRemoteError(
        new SsrfBlockedError("10.0.0.7 is a private address", { url: "http://10.0.0.7", host: "10.0.0.7" }),
        context,
      ).retriable,
    ).toBe(false);
    expect(classifyRemoteError(new HttpToolError("NETWORK", "network error: ECONNREFUSED"), context).retriable).toBe(
      true,
    );
    expect(
      classifyRemoteError(
        new Error("HTTP error for SendMessage! Status: 503 Service Unavailable. Response: x"),
        context,
      ).retriable,
    ).toBe(true);
    expect(
      classifyRemoteError(
        new Error("Failed to fetch Agent Card from http://a.example.com:8080/card.json: 429"),
        context,
      ).retriable,
    ).toBe(true);
    expect(
      classifyRemoteError(new Error("Failed to fetch Agent Card from http://a.example.com:500/card.json: 404"), context)
        .retriable,
    ).toBe(false);
    expect(classifyRemoteError(new Error("Task not found"), context).retriable).toBe(false);
  });
});
