import { describe, expect, it } from "vitest";
import { retailFlowGraph } from "@/prisma/demo/retail-flow";
import { parseFlowFile, toFlowFile } from "@/lib/model/flow/flow-file";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import { graphInput, node } from "@/tests/support/flow-builders";

const retail = () => flowGraphSchema.parse(retailFlowGraph());
const exported = () =>
  toFlowFile({
    name: "Retail support",
    slug: "retail-support",
    description: "Orders, refunds and more.",
    graph: retail(),
  });
const withGraph = (graph: unknown) => JSON.stringify({ ...exported(), graph });

describe("toFlowFile / parseFlowFile", () => {
  it("round-trips a flow through JSON unchanged", () => {
    const file = exported();
    expect(file).toMatchObject({
      format: "switchboard.flow",
      formatVersion: 1,
      name: "Retail support",
      slug: "retail-support",
    });
    expect(parseFlowFile(JSON.stringify(file, null, 2))).toEqual({ ok: true, file });
  });

  it("fills defaults the file leaves out, as the schema does for drafts", () => {
    const { description: _omitted, ...rest } = exported();
    const parsed = parseFlowFile(JSON.stringify({ ...rest, graph: graphInput([node("start", "start")], []) }));
    expect(parsed.ok && parsed.file.description).toBe("");
    expect(parsed.ok && parsed.file.graph.nodes[0]).toMatchObject({
      kind: "start",
      config: { channels: ["web", "api"] },
    });
  });

  it("checks structure only: a graph with no start node still parses", () => {
    expect(parseFlowFile(withGraph(graphInput([node("done", "end")], []))).ok).toBe(true);
  });
});

describe("parseFlowFile errors", () => {
  it("gives the line and column of a JSON syntax error", () => {
    const text = '{\n  "format": "switchboard.flow",\n  "name": ,\n}';
    expect(parseFlowFile(text)).toEqual({
      ok: false,
      errors: [{ path: "", message: "The file is not valid JSON at line 3, column 11: Unexpected token ','." }],
    });
  });

  it("points at the end of a truncated file and at a bad escape", () => {
    const truncated = parseFlowFile('{\n  "format": "switchboard.flow"');
    expect(!truncated.ok && truncated.errors[0].message).toContain("at line 2, column 31");
    const escape = parseFlowFile('{"name": "a\\qb"}');
    expect(!escape.ok && escape.errors[0].message).toContain("at line 1, column 12");
  });

  it("refuses files that are not flow files, or from a newer Switchboard", () => {
    expect(parseFlowFile("[1, 2]")).toEqual({
      ok: false,
      errors: [{ path: "", message: "This is not a Switchboard flow file: expected a JSON object." }],
    });
    expect(parseFlowFile(JSON.stringify({ ...exported(), format: "n8n.workflow" }))).toEqual({
      ok: false,
      errors: [
        {
          path: "format",
          message: 'This is not a Switchboard flow file: "format" must be "switchboard.flow", not "n8n.workflow".',
        },
      ],
    });
    expect(parseFlowFile(JSON.stringify({ ...exported(), formatVersion: 2 }))).toEqual({
      ok: false,
      errors: [
        {
          path: "formatVersion",
          message: "This file was exported by a newer Switchboard (format version 2); this one reads version 1.",
        },
      ],
    });
    const { formatVersion: _missing, ...noVersion } = exported();
    expect(parseFlowFile(JSON.stringify(noVersion))).toMatchObject({
      ok: false,
      errors: [{ path: "formatVersion", message: expect.stringContaining("Unknown format version (missing)") }],
    });
  });

  it("lists every graph error with its JSON path and the schema's message", () => {
    const graph = retailFlowGraph();
    const at = graph.nodes.findIndex((node) => node.kind === "router");
    const router = graph.nodes[at];
    if (router.kind !== "router") throw new Error("fixture");
    router.config.routes[0].label = "";
    graph.nodes[at + 2] = { ...graph.nodes[at + 2], kind: "teleport" } as never;
    const parsed = parseFlowFile(JSON.stringify({ ...exported(), name: 7, graph }));
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { path: "name", message: "Invalid input: expected string, received number" },
        { path: `graph.nodes[${at}].config.routes[0].label`, message: "Give it a name." },
        {
          path: `graph.nodes[${at + 2}].kind`,
          message: expect.stringMatching(/^Unknown node kind "teleport"; expected one of start, router, agent, /),
        },
      ],
    });
  });
});
