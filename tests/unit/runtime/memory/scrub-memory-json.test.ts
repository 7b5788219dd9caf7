import { describe, expect, it } from "vitest";
import { deleteCustomerMemory, ERASED, redactCustomerMemory } from "@/lib/runtime/memory/scrub-memory-json";
import { maskEmail } from "@/lib/features/customers/mask-email";

describe("deleteCustomerMemory", () => {
  it("removes state.memory.customer, and memory when nothing else is left", () => {
    expect(deleteCustomerMemory({ intent: "refund", memory: { customer: { facts: { tier: "gold" } } } })).toEqual({
      intent: "refund",
    });
    expect(deleteCustomerMemory({ memory: { customer: { a: 1 }, conversation: { b: 2 } } })).toEqual({
      memory: { conversation: { b: 2 } },
    });
  });

  it("finds it at any depth, in arrays (runtime frames) and as dotted keys", () => {
    const runtime = {
      seq: 3,
      frames: [
        { versionId: "v1", callerNodeId: null, state: { memory: { customer: { facts: { lang: "fr" } } }, x: 1 } },
        { versionId: "v2", callerNodeId: "sub", state: { y: 2 } },
      ],
    };
    expect(deleteCustomerMemory(runtime)).toEqual({
      seq: 3,
      frames: [
        { versionId: "v1", callerNodeId: null, state: { x: 1 } },
        { versionId: "v2", callerNodeId: "sub", state: { y: 2 } },
      ],
    });
    expect(deleteCustomerMemory({ written: { "memory.customer.lang": "fr", "order.number": "A1" } })).toEqual({
      written: { "order.number": "A1" },
    });
  });

  it("returns the same reference when there is nothing to remove", () => {
    const value = { memory: { conversation: 1 }, customer: "kept: not memory", list: [1, { a: null }] };
    expect(deleteCustomerMemory(value)).toBe(value);
    expect(deleteCustomerMemory(null)).toBeNull();
    expect(deleteCustomerMemory("text")).toBe("text");
  });
});

describe("redactCustomerMemory", () => {
  it("replaces every memory.customer subtree with [erased], keeping the rest", () => {
    const input = {
      prompt: "hi",
      state: { memory: { customer: { facts: { tier: "gold" } }, other: 1 } },
      calls: [{ memory: { customer: [1, 2] } }],
    };
    expect(redactCustomerMemory(input)).toEqual({
      prompt: "hi",
      state: { memory: { customer: ERASED, other: 1 } },
      calls: [{ memory: { customer: ERASED } }],
    });
  });

  it("is idempotent: an erased tree is returned unchanged", () => {
    const once = redactCustomerMemory({ memory: { customer: { a: 1 } }, "memory.customer.b": "x" });
    expect(once).toEqual({ memory: { customer: ERASED }, "memory.customer.b": ERASED });
    expect(redactCustomerMemory(once)).toBe(once);
  });
});

describe("maskEmail", () => {
  it("keeps the first letter and the domain", () => {
    expect(maskEmail("jane.roe@example.com")).toBe("j***@example.com");
    expect(maskEmail("x@y.io")).toBe("x***@y.io");
    expect(maskEmail("not-an-email")).toBe("***");
    expect(maskEmail("")).toBe("");
  });
});
