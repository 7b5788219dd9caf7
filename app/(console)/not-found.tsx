import Link from "next/link";
import { Search } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

// Shown inside the console shell when a page calls notFound(), e.g. a conversation id from another workspace.
export default function ConsoleNotFound() {
  return (
    <div className="pt-10">
      <EmptyState
        icon={Search}
        title="Not found in this workspace"
        action={
          <Link href="/flows" className={buttonClass("primary")}>
            Back to Flows
          </Link>
        }
      >
        It may have been removed, the link may be mistyped, or it belongs to another workspace.
      </EmptyState>
    </div>
  );
}
