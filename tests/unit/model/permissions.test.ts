import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES } from "@/lib/model/permissions";

describe("role permissions", () => {
  it("lets only admins manage members", () => {
    expect(ROLES.filter((role) => can(role, "members.manage"))).toEqual(["admin"]);
  });

  it("keeps auditors read-only", () => {
    const writes = Object.keys(PERMISSIONS).filter((p) => !p.endsWith(".read")) as (keyof typeof PERMISSIONS)[];
    expect(writes.filter((p) => can("auditor", p))).toEqual([]);
    expect(can("auditor", "audit.read")).toBe(true);
  });

  it("does not let operators edit flows or read the audit trail", () => {
    expect(can("operator", "flow.edit")).toBe(false);
    expect(can("operator", "audit.read")).toBe(false);
    expect(can("operator", "escalation.handle")).toBe(true);
  });
});
