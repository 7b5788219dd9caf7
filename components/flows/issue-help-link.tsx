// Where an issue is fixed outside the flow, e.g. Settings → Model providers for a model no provider serves.
import { clsx } from "clsx";
import Link from "next/link";
import { linkClass } from "@/components/ui/button";
import type { IssueHelp } from "@/lib/model/validation/flow-issue";

export function IssueHelpLink({ help, className }: { help: IssueHelp; className?: string }) {
  return (
    <Link href={help.href} className={clsx(linkClass, className)} data-testid="issue-help-link">
      {help.label}
    </Link>
  );
}
