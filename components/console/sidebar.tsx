"use client";
import {
  ClipboardCheck,
  FlaskConical,
  Inbox,
  LayoutDashboard,
  LogOut,
  Radio,
  ScrollText,
  Settings,
  Users,
  Workflow,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { clearSignedInMark } from "@/components/auth/session-marker";
import { useState } from "react";
import { clsx } from "clsx";
import { NAV_ITEMS, type NavKey } from "./nav-items";
import { MobileNav } from "./mobile-nav";
import { WorkspaceSwitcher } from "./workspace-switcher";

const ICONS: Record<NavKey, LucideIcon> = {
  flows: Workflow,
  live: Radio,
  inbox: Inbox,
  customers: Users,
  audit: ScrollText,
  dashboard: LayoutDashboard,
  evals: FlaskConical,
  reviews: ClipboardCheck,
  settings: Settings,
};

/** Which section a path belongs to: a conversation page is part of Live. */
function activeKey(pathname: string): NavKey | null {
  if (pathname.startsWith("/conversations")) return "live";
  const match = NAV_ITEMS.find((item) => pathname === item.href || pathname.startsWith(`${item.href}/`));
  return match?.key ?? null;
}

export type SidebarProps = {
  allowed: NavKey[];
  inboxCount: number;
  workspaceName: string;
  workspaceId: string;
  workspaces: { id: string; name: string }[];
  email: string;
  name: string;
  role: string;
};

/**
 * The console's navigation: a fixed column from 1,024 px up, and below that a top bar whose menu button opens the
 * same contents in a drawer, so a phone keeps its full width for the page.
 */
export function Sidebar(props: SidebarProps) {
  return (
    <>
      <MobileNav workspaceName={props.workspaceName}>
        <SidebarContents {...props} />
      </MobileNav>
      <aside className="sticky top-0 hidden h-screen w-60 shrink-0 flex-col border-r border-slate-200 bg-white lg:flex">
        <SidebarContents {...props} />
      </aside>
    </>
  );
}

function SidebarContents({
  allowed,
  inboxCount,
  workspaceName,
  workspaceId,
  workspaces,
  email,
  name,
  role,
}: SidebarProps) {
  const pathname = usePathname();
  const current = activeKey(pathname);
  const [signingOut, setSigningOut] = useState(false);

  return (
    <>
      <div className="flex items-center gap-2.5 border-b border-slate-200 px-4 py-3.5">
        <span aria-hidden className="grid size-8 place-items-center rounded-md bg-indigo-600 text-white">
          <Workflow className="size-4" />
        </span>
        {workspaces.length > 1 ? (
          <WorkspaceSwitcher workspaces={workspaces} currentId={workspaceId} />
        ) : (
          <div className="min-w-0">
            <div className="truncate text-sm font-semibold text-slate-900">{workspaceName}</div>
            <div className="text-xs text-slate-500">Switchboard</div>
          </div>
        )}
      </div>

      <nav aria-label="Console" className="flex-1 overflow-y-auto px-2 py-3">
        <ul className="space-y-0.5">
          {NAV_ITEMS.filter((item) => allowed.includes(item.key)).map((item) => {
            const Icon = ICONS[item.key];
            const isActive = current === item.key;
            return (
              <li key={item.key}>
                <Link
                  href={item.href}
                  aria-current={isActive ? "page" : undefined}
                  className={clsx(
                    "group flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors",
                    isActive
                      ? "bg-indigo-50 text-indigo-700"
                      : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                  )}
                >
                  <Icon
                    aria-hidden
                    className={clsx(
                      "size-4",
                      isActive ? "text-indigo-600" : "text-slate-500 group-hover:text-slate-600",
                    )}
                  />
                  <span className="flex-1">{item.label}</span>
                  {item.key === "inbox" && inboxCount > 0 ? (
                    <span
                      className="rounded-full bg-amber-100 px-1.5 py-0.5 text-xs font-semibold tabular-nums text-amber-800"
                      data-testid="inbox-badge"
                    >
                      {inboxCount > 99 ? "99+" : inboxCount}
                      <span className="sr-only"> open {inboxCount === 1 ? "escalation" : "escalations"}</span>
                    </span>
                  ) : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <div className="border-t border-slate-200 p-3">
        <div className="mb-2 min-w-0 px-1">
          <div className="truncate text-sm font-medium text-slate-900" title={name}>
            {name}
          </div>
          <div className="truncate text-xs text-slate-500" title={email} data-testid="current-user">
            {email}
          </div>
          <div className="mt-1 text-xs text-slate-500">
            Role: <span className="font-medium text-slate-700">{role}</span>
          </div>
        </div>
        <button
          type="button"
          disabled={signingOut}
          onClick={() => {
            setSigningOut(true);
            clearSignedInMark();
            void signOut({ callbackUrl: "/sign-in?reason=signed-out" });
          }}
          className="flex w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-60"
        >
          <LogOut aria-hidden className="size-4 text-slate-500" />
          {signingOut ? "Signing out…" : "Sign out"}
        </button>
      </div>
    </>
  );
}
