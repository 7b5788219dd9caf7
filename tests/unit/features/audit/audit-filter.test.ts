import { describe, expect, it } from "vitest";
import { auditFilterQuery, describeAuditFilter, parseAuditFilter } from "@/lib/features/audit/audit-filter";

describe("the audit filter", () => {
  it("reads every field and drops what it does not understand", () => {
    const filter = parseAuditFilter({
      q: "  refund ",
      action: "flow.",
      actor: "user",
      resource: "flow",
      from: "2026-11-01",
      to: "2026-11-21",
      extra: "x",
    });
    expect(filter).toEqual({
      q: "refund",
      actionPrefix: "flow.",
      actorType: "user",
      resourceType: "flow",
      from: new Date("2026-11-01T00:00:00.000Z"),
      to: new Date("2026-11-22T00:00:00.000Z"), // the whole "to" day is included
    });
    expect(parseAuditFilter(new URLSearchParams("actor=robot&resource=nope&from=yesterday&to=2026-13-45"))).toEqual({});
  });

  it("writes back the query it was read from", () => {
    const query = "q=refund&action=flow.&actor=user&resource=flow&from=2026-11-01&to=2026-11-21";
    expect(auditFilterQuery(parseAuditFilter(new URLSearchParams(query))).toString()).toBe(query);
    expect(describeAuditFilter(parseAuditFilter(new URLSearchParams("q=x")))).toEqual({ q: "x" });
  });
});
