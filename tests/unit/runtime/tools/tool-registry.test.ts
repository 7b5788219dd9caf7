import { describe, expect, it, vi } from "vitest";
import { toolConfig } from "@/lib/model/flow/schema";
import { BUILTIN_TOOL_NAMES } from "@/lib/model/tools/catalog";
import { BUILTIN_TOOL_INPUT_SCHEMAS } from "@/lib/runtime/tools/builtin-schemas";
import {
  clearToolRegistryCache,
  describeTool,
  describeToolAsync,
  toolSpecName,
  type ListMcpTools,
} from "@/lib/runtime/tools/tool-registry";

const cfg = (input: unknown) => toolConfig.parse(input);

describe("describeTool", () => {
  it.each(BUILTIN_TOOL_NAMES)("describes built-in %s with an object JSON schema", (name) => {
    const d = describeTool(cfg({ source: "builtin", builtin: name }));
    expect(d).toMatchObject({ name, source: "builtin", executable: true });
    expect(d.inputSchema).toMatchObject({ type: "object", additionalProperties: false });
    expect(d.inputSchema).not.toHaveProperty("$schema");
    expect(d.description.length).toBeGreaterThan(10);
  });

  it("gives the built-ins the inputs the brief lists", () => {
    const required = (name: (typeof BUILTIN_TOOL_NAMES)[number]) =>
      describeTool(cfg({ source: "builtin", builtin: name })).inputSchema.required ?? [];
    const props = (name: (typeof BUILTIN_TOOL_NAMES)[number]) =>
      Object.keys(describeTool(cfg({ source: "builtin", builtin: name })).inputSchema.properties as object);
    expect(props("lookup_order")).toEqual(["orderNumber"]);
    expect(props("refund_order")).toEqual(["orderNumber", "amount", "reason"]);
    expect(required("refund_order")).toEqual(["orderNumber"]);
    expect(props("cancel_order")).toEqual(["orderNumber", "reason"]);
    expect(required("change_address")).toEqual(["orderNumber", "address"]);
    expect(required("open_ticket")).toEqual(["subject"]);
    expect(props("freeze_card")).toEqual(expect.arrayContaining(["last4", "reason"]));
    expect(required("freeze_card")).toEqual([]);
    expect(BUILTIN_TOOL_INPUT_SCHEMAS.refund_order.safeParse({ orderNumber: "A1001", amount: 12.5 }).success).toBe(
      true,
    );
    expect(BUILTIN_TOOL_INPUT_SCHEMAS.refund_order.safeParse({ orderNumber: "nope" }).success).toBe(false);
  });

  it("takes side effects from the catalogue for built-ins", () => {
    expect(describeTool(cfg({ source: "builtin", builtin: "lookup_order" })).sideEffect).toBe(false);
    expect(describeTool(cfg({ source: "builtin", builtin: "refund_order" })).sideEffect).toBe(true);
  });

  it("derives an HTTP tool's inputs from its placeholders", () => {
    const get = describeTool(
      cfg({
        source: "http",
        http: {
          url: "https://api.example.com/orders/{{orderNumber}}?lang={{state.locale}}&c={{customer}}",
          headers: [{ name: "X-Region", value: "{{region}}" }],
        },
      }),
      { id: "orders_api", label: "Orders API" },
    );
    expect(get).toMatchObject({
      name: "orders_api",
      label: "Orders API",
      source: "http",
      sideEffect: false,
      description: "GET api.example.com/orders/{orderNumber}",
    });
    expect(get.inputSchema).toEqual({
      type: "object",
      properties: {
        orderNumber: { type: "string", description: "Value for {{orderNumber}}." },
        region: { type: "string", description: "Value for {{region}}." },
      },
      required: ["orderNumber", "region"],
      additionalProperties: false,
    });
    const post = describeTool(
      cfg({ source: "http", sideEffect: true, http: { method: "POST", url: "https://api.example.com/tickets" } }),
    );
    expect(post).toMatchObject({ name: "http_post_api_example_com_tickets", sideEffect: true });
    expect(post.inputSchema).toMatchObject({ properties: {}, required: [], additionalProperties: true });
  });

  it("describes MCP tools with an open schema until listed", () => {
    const d = describeTool(cfg({ source: "mcp", mcp: { server: "https://mcp.example.com/mcp", tool: "lookup.sku" } }));
    expect(d).toMatchObject({
      name: "lookup_sku",
      label: "lookup.sku (MCP)",
      source: "mcp",
      inputSchema: { type: "object" },
    });
  });

  it("refuses unconfigured tools", () => {
    expect(() => describeTool(cfg({ source: "builtin" }))).toThrow(/Pick a built-in tool/);
    expect(() => describeTool(cfg({ source: "http", http: {} }))).toThrow(/Enter the URL/);
    expect(() => describeTool(cfg({ source: "mcp", mcp: { server: "https://x.example" } }))).toThrow(
      /Pick the MCP tool/,
    );
  });

  it("makes tool-spec names", () => {
    expect(toolSpecName("Look up order!")).toBe("Look_up_order");
    expect(toolSpecName("x".repeat(100))).toHaveLength(64);
    expect(toolSpecName("!!!")).toBe("tool");
  });
});

describe("describeToolAsync", () => {
  const schema = { type: "object", properties: { sku: { type: "string" } }, required: ["sku"] };

  it("reads MCP schemas from the server, cached", async () => {
    clearToolRegistryCache();
    const list = vi.fn<ListMcpTools>(async () => [
      { name: "lookup_sku", description: "Look up a SKU.", inputSchema: schema, outputSchema: { type: "object" } },
    ]);
    const config = cfg({ source: "mcp", mcp: { server: "https://mcp.example.com/mcp", tool: "lookup_sku" } });
    const d = await describeToolAsync(config, { listMcpTools: list, node: { id: "sku_tool" } });
    expect(d).toMatchObject({
      name: "sku_tool",
      description: "Look up a SKU.",
      inputSchema: schema,
      outputSchema: { type: "object" },
    });
    await describeToolAsync(config, { listMcpTools: list });
    expect(list).toHaveBeenCalledTimes(1);
    await describeToolAsync(config, { listMcpTools: list, cacheTtlMs: 0 });
    expect(list).toHaveBeenCalledTimes(2);
    await expect(
      describeToolAsync(cfg({ source: "mcp", mcp: { server: "https://mcp.example.com/mcp", tool: "missing" } }), {
        listMcpTools: list,
      }),
    ).rejects.toThrow(/no tool "missing"/);
  });

  it("does not cache failures and passes other sources through", async () => {
    clearToolRegistryCache();
    const list = vi
      .fn<ListMcpTools>()
      .mockRejectedValueOnce(new Error("down"))
      .mockResolvedValue([{ name: "t", description: "", inputSchema: schema }]);
    const config = cfg({ source: "mcp", mcp: { server: "https://mcp.example.com/mcp", tool: "t" } });
    await expect(describeToolAsync(config, { listMcpTools: list })).rejects.toThrow("down");
    await expect(describeToolAsync(config, { listMcpTools: list })).resolves.toMatchObject({ inputSchema: schema });
    const builtin = await describeToolAsync(cfg({ source: "builtin", builtin: "lookup_order" }), {
      listMcpTools: list,
    });
    expect(builtin.name).toBe("lookup_order");
    expect(list).toHaveBeenCalledTimes(2);
  });
});
