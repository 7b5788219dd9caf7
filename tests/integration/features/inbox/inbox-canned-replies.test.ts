// Canned replies through the server actions (session mocked; the rest is real): validation with clear field errors,
// unique titles per workspace, workspace scoping, the permission, and an audit entry per change. Plus the demo seed.
import { describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/model/permissions";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { createCannedReplyAction, deleteCannedReplyAction, updateCannedReplyAction } =
  await import("@/lib/features/inbox/canned-actions");
const { db } = await import("@/lib/platform/db/client");
const { DEMO_CANNED_REPLIES, seedCannedReplies } = await import("@/prisma/demo/canned-replies");
const { listCannedReplies } = await import("@/lib/features/inbox/canned-replies");
const { demoWorkspace, seedUser, seedWorkspace } = await import("@/tests/support/factories");

async function signIn(role: Role, ws: { id: string; slug: string; name: string }) {
  const user = await seedUser({ workspaceId: ws.id, role });
  return signInAs({
    userId: user.id,
    email: user.email,
    name: user.name,
    workspaceId: ws.id,
    workspaceSlug: ws.slug,
    workspaceName: ws.name,
    role,
  });
}

const audits = (id: string) =>
  db().auditLog.findMany({ where: { resourceType: "canned_reply", resourceId: id }, orderBy: { id: "asc" } });

describe("canned replies", () => {
  it("creates, edits and deletes one, auditing each change with before/after", async () => {
    const { workspace } = await seedWorkspace();
    const operator = await signIn("operator", workspace);

    const created = await createCannedReplyAction({
      title: "  Shipping delay ",
      body: "Sorry {{customer.first_name}}, carriers are slow this week.",
    });
    expect(created).toMatchObject({ ok: true, data: { title: "Shipping delay" } });
    const id = created.ok ? created.data.id : "";
    expect(await db().cannedReply.findUniqueOrThrow({ where: { id } })).toMatchObject({
      workspaceId: workspace.id,
      createdById: operator.userId,
    });

    expect(
      await updateCannedReplyAction({ id, title: "Shipping delay", body: "Carriers are slow this week." }),
    ).toMatchObject({ ok: true });
    expect(await deleteCannedReplyAction({ id })).toMatchObject({ ok: true });
    expect(await db().cannedReply.count({ where: { id } })).toBe(0);

    const trail = await audits(id);
    expect(trail.map((a) => [a.action, a.actorId, a.before, a.after])).toEqual([
      [
        "canned_reply.created",
        operator.userId,
        null,
        { title: "Shipping delay", body: "Sorry {{customer.first_name}}, carriers are slow this week." },
      ],
      [
        "canned_reply.updated",
        operator.userId,
        { title: "Shipping delay", body: "Sorry {{customer.first_name}}, carriers are slow this week." },
        { title: "Shipping delay", body: "Carriers are slow this week." },
      ],
      [
        "canned_reply.deleted",
        operator.userId,
        { title: "Shipping delay", body: "Carriers are slow this week." },
        null,
      ],
    ]);
  });

  it("validates title and body, and keeps titles unique per workspace with a clear error", async () => {
    const { workspace } = await seedWorkspace();
    await signIn("admin", workspace);
    expect(await createCannedReplyAction({ title: " ", body: "x" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { title: ["Give it a title."] },
    });
    expect(await createCannedReplyAction({ title: "x".repeat(81), body: "x" })).toMatchObject({
      ok: false,
      fieldErrors: { title: ["At most 80 characters."] },
    });
    expect(await createCannedReplyAction({ title: "Ok", body: "x".repeat(2001) })).toMatchObject({
      ok: false,
      fieldErrors: { body: ["At most 2000 characters."] },
    });
    expect(await createCannedReplyAction({ title: "Ok", body: "" })).toMatchObject({
      ok: false,
      fieldErrors: { body: ["Write the reply."] },
    });

    const first = await createCannedReplyAction({ title: "Hello", body: "Hi there" });
    const second = await createCannedReplyAction({ title: "Bye", body: "Bye now" });
    expect(first.ok && second.ok).toBe(true);
    const dup = await createCannedReplyAction({ title: "Hello", body: "Another" });
    expect(dup).toMatchObject({
      ok: false,
      code: "VALIDATION",
      message: 'A canned reply called "Hello" already exists.',
      fieldErrors: { title: ["This title is already used."] },
    });
    const renamed = await updateCannedReplyAction({
      id: second.ok ? second.data.id : "",
      title: "Hello",
      body: "Bye now",
    });
    expect(renamed).toMatchObject({ ok: false, code: "VALIDATION" });
    // Same title in another workspace is fine.
    const other = await seedWorkspace();
    await signIn("operator", other.workspace);
    expect(await createCannedReplyAction({ title: "Hello", body: "Hi" })).toMatchObject({ ok: true });
    expect((await listCannedReplies(workspace.id)).map((r) => r.title)).toEqual(["Bye", "Hello"]);
  });

  it("keeps other workspaces' replies and non-operators out", async () => {
    const { workspace } = await seedWorkspace();
    await signIn("admin", workspace);
    const created = await createCannedReplyAction({ title: "Private", body: "Ours" });
    const id = created.ok ? created.data.id : "";

    const other = await seedWorkspace();
    await signIn("admin", other.workspace);
    expect(await updateCannedReplyAction({ id, title: "Mine now", body: "x" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await deleteCannedReplyAction({ id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await listCannedReplies(other.workspace.id)).toEqual([]);

    for (const role of ["designer", "auditor"] as const) {
      await signIn(role, workspace);
      expect(await createCannedReplyAction({ title: "Nope", body: "x" })).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
      expect(await deleteCannedReplyAction({ id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await db().cannedReply.findUniqueOrThrow({ where: { id } })).toMatchObject({
      title: "Private",
      body: "Ours",
    });
  });

  it("seeds the demo's canned replies once, without overwriting edits", async () => {
    const workspace = await demoWorkspace();
    const titles = DEMO_CANNED_REPLIES.map((r) => r.title).sort();
    expect((await listCannedReplies(workspace.id)).map((r) => r.title)).toEqual(expect.arrayContaining(titles));
    await db().cannedReply.update({
      where: { workspaceId_title: { workspaceId: workspace.id, title: "Closing" } },
      data: { body: "Edited" },
    });
    await seedCannedReplies(db(), workspace.id);
    const after = await listCannedReplies(workspace.id);
    expect(after.filter((r) => titles.includes(r.title))).toHaveLength(titles.length);
    expect(after.find((r) => r.title === "Closing")?.body).toBe("Edited");
  });
});
