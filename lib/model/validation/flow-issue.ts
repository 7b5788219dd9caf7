// The issue every rule family reports and the wording helpers they share, so every message names nodes the
// same way and the inspector can place each issue on its node and setting.
import type { FlowNode } from "@/lib/model/flow/schema";

export type FlowIssue = {
  severity: "error" | "warning";
  code: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
  path?: (string | number)[];
  /** Where the fix is made, when it is outside the flow (e.g. Settings → Model providers). */
  help?: IssueHelp;
};

export type IssueHelp = { label: string; href: string };

export type IssuePath = (string | number)[];

export const quote = (text: string) => `“${text}”`;
export const name = (node: { label: string }) => quote(node.label);

export function error(code: string, message: string, path?: IssuePath): FlowIssue {
  return path ? { severity: "error", code, message, path } : { severity: "error", code, message };
}

export function warning(code: string, message: string, path?: IssuePath): FlowIssue {
  return path ? { severity: "warning", code, message, path } : { severity: "warning", code, message };
}

export function duplicateIds(
  node: FlowNode,
  items: { id: string; label: string }[],
  field: string,
  noun: string,
): FlowIssue[] {
  return duplicateNames(
    node,
    items.map((item) => item.id),
    field,
    "id",
    noun,
  );
}

export function duplicateNames(node: FlowNode, names: string[], field: string, key: string, noun: string): FlowIssue[] {
  const seen = new Set<string>();
  const issues: FlowIssue[] = [];
  names.forEach((value, index) => {
    if (seen.has(value))
      issues.push(
        error("duplicate_id", `${name(node)} has two ${noun}s with the ${key} “${value}”; each needs its own.`, [
          field,
          index,
          key,
        ]),
      );
    seen.add(value);
  });
  return issues;
}
