// Shared by the eval suite tests: the demo workspace and its retail-support flow (loaded by the test file's beforeAll
// through loadRetailFlow), signing in with a role, the audit rows of an action, and a quick suite.
import type { Role } from "@/lib/model/permissions";
import * as actions from "@/lib/features/evals/actions";
import { db } from "@/lib/platform/db/client";
import { demoWorkspace, seedUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/session-mock";

export type Ws = { id: string; slug: string; name: string };
export let workspace: Ws;
export let flowId: string;

/** The demo workspace and its retail-support flow, which the suites belong to. */
export async function loadRetailFlow() {
  workspace = await demoWorkspace();
  flowId = (await db().flow.findFirstOrThrow({ where: { workspaceId: workspace.id, slug: "retail-support" } })).id;
}

export async function signIn(role: Role, ws: Ws = workspace) {
  const user = await seedUser({ workspaceId: ws.id, role });
  signInAs({
    userId: user.id,
    email: user.email,
    name: user.name,
    workspaceId: ws.id,
    workspaceSlug: ws.slug,
    workspaceName: ws.name,
    role,
  });
  return user;
}

export const audits = (action: string, resourceId?: string) =>
  db().auditLog.findMany({ where: { action, ...(resourceId ? { resourceId } : {}) }, orderBy: { id: "asc" } });
export const suiteFields = { description: "", passThreshold: 0.9, gatesPublish: true };

export async function newSuite(name: string) {
  const result = await actions.createSuiteAction({ flowId, name, ...suiteFields });
  if (!result.ok) throw new Error(result.message);
  return result.data.suiteId;
}
