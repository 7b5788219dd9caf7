import { describe, expect, it } from "vitest";
import { z } from "zod";
import { flowToolInput, flowToolOutput, flowTurnResult } from "@/lib/interfaces/mcp-server/tool-result";

const turn = (over: Partial<Parameters<typeof flowTurnResult>[0]> = {}) => ({
  conversationId: "c1",
  status: "active",
  waitingFor: "customer",
  done: true,
  replies: [
    {
      id: "m1",
      role: "agent",
      author: "Order agent",
      senderName: "Acme Assistant",
      text: "Order A1002 is on its way.",
      createdAt: new Date(),
    },
    { id: "m2", role: "system", author: null, senderName: null, text: "Note", createdAt: new Date() },
  ],
  error: null,
  ...over,
});

describe("flowTurnResult", () => {
  it("returns structured content matching the output schema and the same facts as text", () => {
    const result = flowTurnResult(turn());
    expect(result.isError).toBeUndefined();
    expect(z.object(flowToolOutput).parse(result.structuredContent)).toEqual({
      conversationId: "c1",
      status: "active",
      waitingFor: "customer",
      done: true,
      replies: [
        { author: "Order agent", text: "Order A1002 is on its way." },
        { author: "system", text: "Note" },
      ],
    });
    const text = (result.content[0] as { text: string }).text;
    expect(text).toContain("Order agent: Order A1002 is on its way.");
    expect(text).toContain("conversationId: c1 (status active, waiting for customer)");
  });

  it("says when the flow is still working or sent nothing", () => {
    expect((flowTurnResult(turn({ done: false, replies: [] })).content[0] as { text: string }).text).toMatch(
      /still working/,
    );
    expect((flowTurnResult(turn({ replies: [] })).content[0] as { text: string }).text).toMatch(/no reply/);
  });

  it("turns an engine error into an isError result that keeps the conversation id", () => {
    const result = flowTurnResult(turn({ error: "model provider unreachable", status: "failed", waitingFor: null }));
    expect(result.isError).toBe(true);
    const text = (result.content[0] as { text: string }).text;
    expect(text).toContain("could not process the message: model provider unreachable");
    expect(text).toContain("conversationId: c1 (status failed)");
  });
});

describe("flowToolInput", () => {
  const input = z.object(flowToolInput);
  it("needs a non-blank message; conversationId and customer are optional", () => {
    expect(input.safeParse({ message: "hi" }).success).toBe(true);
    expect(input.safeParse({ message: "  " }).success).toBe(false);
    expect(input.safeParse({}).success).toBe(false);
    expect(input.safeParse({ message: "x".repeat(4001) }).success).toBe(false);
    expect(input.safeParse({ message: "hi", conversationId: "c1", customer: "C-1" }).success).toBe(true);
  });
});
