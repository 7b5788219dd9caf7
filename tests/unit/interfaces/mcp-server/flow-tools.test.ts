import { describe, expect, it } from "vitest";
import { validateToolName } from "@modelcontextprotocol/sdk/shared/toolNameValidation.js";
import {
  flowToolDescription,
  flowToolName,
  flowToolSpecs,
  mcpServerInstructions,
} from "@/lib/interfaces/mcp-server/flow-tools";

const flow = (slug: string, routes: { id: string; label: string; examples: string[] }[] = []) => ({
  slug,
  name: slug,
  description: "",
  routes,
});

describe("flowToolName", () => {
  it("turns a slug into a snake_case name every client accepts", () => {
    expect(flowToolName("retail-support")).toBe("retail_support");
    expect(flowToolName("a--b")).toBe("a_b");
    expect(flowToolName("-x-")).toBe("x");
    expect(flowToolName("---")).toBe("flow");
    expect(flowToolName("x".repeat(100))).toHaveLength(64);
    for (const slug of ["retail-support", "ünïcode flow", "a.b/c"]) {
      const name = flowToolName(slug);
      expect(name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      expect(validateToolName(name).isValid).toBe(true);
    }
  });
});

describe("flowToolSpecs", () => {
  it("keeps names unique and within 64 characters", () => {
    const long = "x".repeat(70);
    const specs = flowToolSpecs([flow("a-b"), flow("a_b"), flow("a.b"), flow(long), flow(`${long}-y`)]);
    expect(specs.map((s) => s.name)).toEqual(["a_b", "a_b_2", "a_b_3", "x".repeat(64), `${"x".repeat(62)}_2`]);
    expect(specs.map((s) => s.flowSlug)).toEqual(["a-b", "a_b", "a.b", long, `${long}-y`]);
  });
});

describe("flowToolDescription", () => {
  it("says what the flow handles with a couple of examples per route, and how to continue", () => {
    const text = flowToolDescription({
      name: "Retail support",
      description: "Orders and refunds.",
      routes: [
        {
          id: "r1",
          label: "Order status",
          examples: [
            "Where is my order A1002?",
            "Track  my\nparcel",
            "Where exactly is the parcel I ordered last week, it has been ages",
          ],
        },
        { id: "r2", label: "Talk to a person", examples: [] },
      ],
    });
    expect(text).toContain('"Retail support" customer-service flow');
    expect(text).toContain("Orders and refunds.");
    expect(text).toContain('- Order status (e.g. "Track my parcel", "Where is my order A1002?")');
    expect(text).not.toContain("ages");
    expect(text).toContain("- Talk to a person\n");
    expect(text).toMatch(/conversationId/);
  });

  it("shortens long examples", () => {
    const text = flowToolDescription({
      name: "X",
      description: "",
      routes: [{ id: "r", label: "R", examples: ["word ".repeat(40)] }],
    });
    expect(text).toMatch(/\(e\.g\. "(word ){15}word…"\)/);
  });

  it("summarises long route lists", () => {
    const routes = Array.from({ length: 77 }, (_, i) => ({
      id: `r${i}`,
      label: `Intent ${i}`,
      examples: [`example ${i}`],
    }));
    const text = flowToolDescription({ name: "Banking", description: "", routes });
    expect(text).toContain("- Intent 11");
    expect(text).not.toContain("- Intent 12 ");
    expect(text).toContain("and 65 more topics");
  });
});

describe("mcpServerInstructions", () => {
  it("explains tools as flows and how to continue a conversation", () => {
    const text = mcpServerInstructions("Acme Retail");
    expect(text).toContain('"Acme Retail"');
    expect(text).toMatch(/same tool again with that conversationId/);
  });
});
