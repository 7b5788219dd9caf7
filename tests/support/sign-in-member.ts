// A new member of `workspace` with `role`, signed in through the session mock (tests that vi.mock current-member with
// session-mock's module): for a test that acts as several roles, or as an outsider from another workspace.
import type { Role } from "@/lib/model/permissions";
import { seedUser } from "./factories";
import { signInAs } from "./session-mock";

export async function signInNewMember(role: Role, workspace: { id: string; slug: string; name: string }) {
  const user = await seedUser({ workspaceId: workspace.id, role });
  signInAs({
    userId: user.id,
    email: user.email,
    name: user.name,
    workspaceId: workspace.id,
    workspaceSlug: workspace.slug,
    workspaceName: workspace.name,
    role,
  });
  return user;
}
