// The console's sections and the permission each needs. Shared by the sidebar (client) and the layout (server),
// which passes only the sections the member's role can open.
import type { Permission } from "@/lib/model/permissions";

export const NAV_ITEMS = [
  { key: "flows", href: "/flows", label: "Flows", permission: "flow.read" },
  { key: "live", href: "/live", label: "Live", permission: "conversation.read" },
  { key: "inbox", href: "/inbox", label: "Inbox", permission: "conversation.read" },
  { key: "customers", href: "/customers", label: "Customers", permission: "customer.read" },
  { key: "audit", href: "/audit", label: "Audit", permission: "audit.read" },
  { key: "dashboard", href: "/dashboard", label: "Dashboard", permission: "dashboard.read" },
  { key: "evals", href: "/evals", label: "Evals", permission: "eval.read" },
  { key: "reviews", href: "/reviews", label: "Reviews", permission: "routing.review" },
  { key: "settings", href: "/settings", label: "Settings", permission: "settings.read" },
] as const satisfies readonly { key: string; href: string; label: string; permission: Permission }[];

export type NavKey = (typeof NAV_ITEMS)[number]["key"];
