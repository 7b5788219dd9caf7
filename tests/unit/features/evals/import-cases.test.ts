import { describe, expect, it } from "vitest";
import {
  caseFromColumns,
  columnsFromCase,
  describeImportErrors,
  detectFormat,
  parseCasesFile,
} from "@/lib/features/evals/import-cases";

describe("CSV import", () => {
  it("reads every documented column into turns and expectations", () => {
    const csv = [
      "name,turns,route,tools_called,tools_not_called,escalated,final_status,reply_contains,reply_not_contains,customer",
      'Order status,where is my order || A1002,order_status || *,"lookup_order, get_customer",issue_refund,no,active,A1002 || shipped,sorry, C-1001 ',
      '"Refund, two lines","I want a refund\nfor A1003",refund,,,yes,escalated,,,',
    ].join("\n");
    const result = parseCasesFile(csv, "csv");
    expect(result).toEqual({
      ok: true,
      cases: [
        {
          name: "Order status",
          turns: ["where is my order", "A1002"],
          expectations: {
            routes: ["order_status", null],
            toolsCalled: ["lookup_order", "get_customer"],
            toolsNotCalled: ["issue_refund"],
            escalated: false,
            finalStatus: "active",
            replyContains: ["A1002", "shipped"],
            replyNotContains: ["sorry"],
          },
          customerRef: "C-1001",
        },
        {
          name: "Refund, two lines",
          turns: ["I want a refund", "for A1003"],
          expectations: { routes: ["refund"], escalated: true, finalStatus: "escalated" },
          customerRef: null,
        },
      ],
    });
  });

  it("needs only name and turns, in any order and case, and ignores a BOM and blank lines", () => {
    const result = parseCasesFile("\uFEFFTurns,Name\nhello,Greeting\n\n", "csv");
    expect(result).toEqual({
      ok: true,
      cases: [{ name: "Greeting", turns: ["hello"], expectations: {}, customerRef: null }],
    });
  });

  it("reports every bad row with its spreadsheet row number and accepts nothing", () => {
    const csv = [
      "name,turns,escalated,final_status,route",
      "ok,hi,,,",
      ",hello,,,",
      "bad,hi,maybe,,",
      "status,hi,,closed,",
      "routes,hi,,,a || b",
    ].join("\n");
    const result = parseCasesFile(csv, "csv");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.row)).toEqual([3, 4, 5, 6]);
    expect(describeImportErrors(result.errors).join("\n")).toMatch(/Row 3: name/);
    expect(result.errors[1].message).toMatch(/escalated/);
    expect(result.errors[2].message).toMatch(/finalStatus/);
    expect(result.errors[3].message).toMatch(/2 routes for 1 turns/);
  });

  it("rejects unknown and missing columns, empty files, and repeated names", () => {
    expect(parseCasesFile("name,turn\nx,y", "csv")).toMatchObject({
      ok: false,
      errors: [
        { row: 1, message: expect.stringMatching(/Unknown column: turn/) },
        { row: 1, message: expect.stringMatching(/Missing column: turns/) },
      ],
    });
    expect(parseCasesFile("  ", "csv")).toMatchObject({ ok: false, errors: [{ row: 1 }] });
    expect(parseCasesFile("name,turns\n", "csv")).toMatchObject({
      ok: false,
      errors: [{ row: 1, message: expect.stringMatching(/no cases/) }],
    });
    expect(parseCasesFile("name,turns\na,hi\nb,hi\na,hello", "csv")).toMatchObject({
      ok: false,
      errors: [{ row: 4, message: expect.stringMatching(/row 2/) }],
    });
  });

  it("rejects a case without turns", () => {
    expect(parseCasesFile("name,turns\nempty, || ", "csv")).toMatchObject({
      ok: false,
      errors: [{ row: 2, message: expect.stringMatching(/^turns/) }],
    });
  });
});

describe("JSON import", () => {
  it("reads an array of { name, turns, expectations } and defaults missing expectations", () => {
    const json = JSON.stringify([
      {
        name: "Order",
        turns: ["where is my order A1002"],
        expectations: { routes: ["order_status"], replyContains: ["A1002"] },
        customerRef: "C-1001",
      },
      { name: "Smoke", turns: ["hi"] },
    ]);
    expect(parseCasesFile(json, "json")).toEqual({
      ok: true,
      cases: [
        {
          name: "Order",
          turns: ["where is my order A1002"],
          expectations: { routes: ["order_status"], replyContains: ["A1002"] },
          customerRef: "C-1001",
        },
        { name: "Smoke", turns: ["hi"], expectations: {}, customerRef: null },
      ],
    });
  });

  it("numbers errors by item and names the field", () => {
    const json = JSON.stringify([
      { name: "ok", turns: ["hi"] },
      { name: "x", turns: [] },
      { name: "y", turns: ["hi"], expectations: { escalated: "yes" } },
      3,
    ]);
    const result = parseCasesFile(json, "json");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.row)).toEqual([2, 3, 4]);
    expect(result.errors[0].message).toMatch(/^turns/);
    expect(result.errors[1].message).toMatch(/^expectations\.escalated/);
  });

  it("rejects invalid JSON, a non-array and an empty array", () => {
    expect(parseCasesFile("[{", "json")).toMatchObject({
      ok: false,
      errors: [{ row: 1, message: expect.stringMatching(/Not valid JSON/) }],
    });
    expect(parseCasesFile("{}", "json")).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringMatching(/array/) }],
    });
    expect(parseCasesFile("[]", "json")).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringMatching(/no cases/) }],
    });
  });
});

describe("format detection", () => {
  it("uses the extension, then the content", () => {
    expect(detectFormat("cases.JSON", "name,turns")).toBe("json");
    expect(detectFormat("cases.csv", "[]")).toBe("csv");
    expect(detectFormat("cases", '  [{"name":"a"}]')).toBe("json");
    expect(detectFormat("cases.txt", "name,turns")).toBe("csv");
  });
});

describe("case form columns", () => {
  it("round-trips a case through the form's fields (one entry per line)", () => {
    const value = {
      name: "Full",
      turns: ["where is my order", "A1002"],
      expectations: {
        routes: ["order_status", null],
        toolsCalled: ["lookup_order"],
        toolsNotCalled: ["issue_refund"],
        escalated: false,
        finalStatus: "active" as const,
        replyContains: ["A1002, shipped"],
        replyNotContains: ["sorry"],
        exactWordingTurns: [1],
        guardrailsTriggered: ["pii"],
      },
    };
    const columns = columnsFromCase({ ...value, customerRef: "C-1001" });
    expect(columns.customer).toBe("C-1001");
    expect(columns.turns).toBe("where is my order\nA1002");
    expect(columns.route).toBe("order_status\n*");
    expect(caseFromColumns(columns)).toEqual({ turns: value.turns, expectations: value.expectations, errors: [] });
  });

  it("reports bad turn numbers", () => {
    expect(caseFromColumns({ turns: "hi", exact_wording_turns: "one" }).errors).toEqual([
      expect.stringMatching(/^exact_wording_turns/),
    ]);
  });
});
