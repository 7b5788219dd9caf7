import type { ReactNode } from "react";
import { Sidebar } from "@/components/console/sidebar";
import { QueryProvider } from "@/components/console/query-provider";
import { NAV_ITEMS } from "@/components/console/nav-items";
import { pageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { countOpenEscalations } from "@/lib/features/inbox/list-escalations";
import { listMyWorkspaces } from "@/lib/platform/auth/list-my-workspaces";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const member = await pageMember();
  // A layout does not know the URL, so it cannot build the sign-in callbackUrl. Every console page calls
  // requirePageMember(permission, itsOwnPath), which redirects with the right callbackUrl before rendering anything;
  // here we only avoid drawing the shell for nobody.
  if (!member) return <>{children}</>;

  const allowed = NAV_ITEMS.filter((item) => can(member.role, item.permission)).map((item) => item.key);
  const [inboxCount, workspaces] = await Promise.all([
    allowed.includes("inbox") ? countOpenEscalations(member.workspaceId) : 0,
    listMyWorkspaces(member.userId),
  ]);

  return (
    <div className="min-h-screen lg:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-indigo-700 focus:shadow-lg"
      >
        Skip to content
      </a>
      <Sidebar
        allowed={allowed}
        inboxCount={inboxCount}
        workspaceName={member.workspaceName}
        workspaceId={member.workspaceId}
        workspaces={workspaces}
        email={member.email}
        name={member.name}
        role={member.role}
      />
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-5 focus:outline-none sm:px-6 lg:px-8 lg:py-7">
        <div className="mx-auto max-w-6xl">
          <QueryProvider>{children}</QueryProvider>
        </div>
      </main>
    </div>
  );
}
