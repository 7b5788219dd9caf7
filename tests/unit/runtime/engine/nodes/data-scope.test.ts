// Whose data a tool call may touch: decided from how the conversation was verified, never from the model's arguments.
import { describe, expect, it } from "vitest";
import type { NodeOf, ToolPermission } from "@/lib/model/flow/schema";
import { toolConfig, toolPermissionSchema } from "@/lib/model/flow/schema";
import type { ConversationIdentity } from "@/lib/model/identity";
import {
  decideScope,
  isScopeDecision,
  NOT_VERIFIED_REASON,
  scopeQuestion,
  touchesCustomerRecords,
} from "@/lib/runtime/engine/nodes/data-scope";
import type { TurnContext } from "@/lib/runtime/engine/turn/turn-context";

const tool = (config: unknown): NodeOf<"tool"> => ({
  id: "t",
  kind: "tool",
  label: "Tool",
  position: { x: 0, y: 0 },
  config: toolConfig.parse(config),
});

const http = (url: string, headers: { name: string; value: string }[] = []) =>
  tool({ source: "http", http: { method: "GET", url, headers } });
const mcp = (customerArgument = "") =>
  tool({ source: "mcp", mcp: { server: "https://mcp.example", tool: "orders", customerArgument } });

const ctx = (identity: ConversationIdentity, state: Record<string, unknown> = {}) =>
  ({ identity, workspaceId: "w", state, text: "" }) as unknown as TurnContext;
const anonymous = ctx({ level: "anonymous", method: null, customerId: null });
const identified = ctx({ level: "identified", method: "email_code", customerId: null });
const verified = ctx({ level: "verified", method: "api", customerId: "cust_1" });
const permission = (records: "own" | "any"): ToolPermission => toolPermissionSchema.parse({ records });

describe("touchesCustomerRecords", () => {
  it("knows the built-ins that reach a customer's records, and the ticket tool that does not", () => {
    expect(touchesCustomerRecords(tool({ source: "builtin", builtin: "refund_order" }))).toBe(true);
    expect(touchesCustomerRecords(tool({ source: "builtin", builtin: "freeze_card" }))).toBe(true);
    expect(touchesCustomerRecords(tool({ source: "builtin", builtin: "open_ticket" }))).toBe(false);
  });

  it("counts an HTTP tool whose URL or headers name the customer, and an MCP tool with a customer argument", () => {
    expect(touchesCustomerRecords(http("https://crm.example/customers/{{customer.ref}}/orders"))).toBe(true);
    expect(
      touchesCustomerRecords(http("https://crm.example/me", [{ name: "X-Customer", value: "{{customer.email}}" }])),
    ).toBe(true);
    expect(touchesCustomerRecords(http("https://weather.example/{{city}}"))).toBe(false);
    expect(touchesCustomerRecords(mcp("customer_ref"))).toBe(true);
    expect(touchesCustomerRecords(mcp())).toBe(false);
  });
});

/** The decision as invoke-tool reaches it: `orderOwner` is what call-gate.ts reads for the question, if any. */
function checkDataScope(
  who: TurnContext,
  node: NodeOf<"tool">,
  input: Record<string, unknown>,
  link: ToolPermission | undefined,
  orderOwner: string | null = null,
) {
  const question = scopeQuestion(who, node, input, link);
  return isScopeDecision(question) ? question : decideScope(who, question, orderOwner);
}

describe("scopeQuestion and decideScope", () => {
  const crm = http("https://crm.example/customers/{{customer.ref}}");

  it("refuses a customer-record tool on an own-records link until the customer is verified", () => {
    for (const who of [anonymous, identified]) {
      expect(checkDataScope(who, crm, {}, permission("own"))).toEqual({
        allowed: false,
        denied: "not_verified",
        reason: NOT_VERIFIED_REASON,
      });
      expect(checkDataScope(who, mcp("customer_ref"), {}, undefined)).toMatchObject({ allowed: false });
    }
    expect(checkDataScope(verified, crm, {}, permission("own"))).toEqual({ allowed: true, ownerId: "cust_1" });
  });

  it("lets an internal agent's any-record link through, and never asks about tools that touch no customer", () => {
    expect(checkDataScope(anonymous, crm, {}, permission("any"))).toEqual({ allowed: true, ownerId: null });
    const weather = http("https://weather.example/{{city}}");
    expect(checkDataScope(anonymous, weather, {}, permission("own"))).toEqual({ allowed: true, ownerId: null });
  });
});

describe("a built-in order tool for a verified customer", () => {
  const lookup = tool({ source: "builtin", builtin: "lookup_order" });

  it("asks for the owner of the order the call names, and no row for a call that names none", () => {
    expect(scopeQuestion(verified, lookup, { orderNumber: "a1002" }, undefined)).toEqual({
      customerId: "cust_1",
      orderNumber: "A1002",
    });
    expect(scopeQuestion(verified, lookup, {}, undefined)).toEqual({ customerId: "cust_1", orderNumber: null });
  });

  it("refuses another customer's order in the words used for one that does not exist, and forgets the number", () => {
    const who = ctx({ level: "verified", method: "api", customerId: "cust_1" }, { orderNumber: "A1002" });
    const decision = checkDataScope(who, lookup, {}, undefined, "cust_2");
    expect(decision).toMatchObject({ allowed: false, denied: "not_own_record", ask: { missing: "order number" } });
    expect(decision.allowed ? "" : decision.reason).toMatch(/could not find an order A1002 on your account/);
    expect(who.state.orderNumber).toBeUndefined();
  });

  it("lets the customer's own order through, and an unknown one (the lookup then finds nothing)", () => {
    expect(checkDataScope(verified, lookup, { orderNumber: "A1001" }, undefined, "cust_1")).toEqual({
      allowed: true,
      ownerId: "cust_1",
    });
    expect(checkDataScope(verified, lookup, { orderNumber: "A9999" }, undefined, null)).toEqual({
      allowed: true,
      ownerId: "cust_1",
    });
  });
});
