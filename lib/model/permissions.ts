// Roles and what they may do. Pure data, shared by server checks and by the UI (to hide what would be refused).
export const ROLES = ["admin", "designer", "operator", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  "flow.read": ["admin", "designer", "operator", "auditor"],
  "flow.edit": ["admin", "designer"],
  "flow.publish": ["admin", "designer"],
  "flow.test": ["admin", "designer", "operator"],
  "conversation.read": ["admin", "designer", "operator", "auditor"],
  "conversation.act": ["admin", "operator"],
  "escalation.handle": ["admin", "operator"],
  /** Taking an escalation back from an external contact centre into the inbox: it overrides the flow's routing. */
  "escalation.recall": ["admin"],
  /** Marking a routing decision right or wrong (feeds routing accuracy). */
  "routing.review": ["admin", "designer", "operator"],
  /** The workspace's canned replies for the inbox. */
  "canned_reply.manage": ["admin", "operator"],
  "audit.read": ["admin", "auditor"],
  "dashboard.read": ["admin", "designer", "operator", "auditor"],
  "eval.read": ["admin", "designer", "operator", "auditor"],
  "eval.run": ["admin", "designer"],
  "settings.read": ["admin", "designer", "operator", "auditor"],
  "members.manage": ["admin"],
  /** Model providers, secrets and memory retention: credentials, so admins only. */
  "settings.manage": ["admin"],
  "customer.read": ["admin", "operator", "auditor"],
  /** Erasing a customer's memory on request. */
  "customer.erase": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Everything, including members and settings",
  designer: "Design, test and publish flows",
  operator: "Handle conversations and escalations",
  auditor: "Read-only access, including the audit trail",
};
