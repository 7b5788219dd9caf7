// The Inbox's three panes: queue | ticket | context. From 1,280 px all three side by side; from 1,024 px the queue
// and the ticket side by side with the context under the ticket (the console's sidebar leaves 720 px at 1,024, too
// little for three readable columns); below that one pane at a time: the queue on /inbox, the ticket (with a back
// link) on /inbox/[id].
import { clsx } from "clsx";
import type { ReactNode } from "react";

export function WorkspacePanes({
  queue,
  ticket,
  context,
  hasTicket,
}: {
  queue: ReactNode;
  ticket: ReactNode;
  context?: ReactNode;
  hasTicket: boolean;
}) {
  return (
    <div
      className="grid gap-4 lg:grid-cols-[17rem_minmax(0,1fr)] xl:grid-cols-[19rem_minmax(0,1fr)_17rem]"
      data-testid="inbox-workspace"
    >
      <div
        className={clsx(
          "min-w-0 lg:sticky lg:top-4 lg:row-span-2 lg:max-h-[calc(100dvh-2rem)] lg:self-start lg:overflow-y-auto lg:pr-1 xl:row-span-1",
          hasTicket && "hidden lg:block",
        )}
        data-pane="queue"
      >
        {queue}
      </div>
      <div className={clsx("min-w-0", !hasTicket && "hidden lg:block")} data-pane="ticket">
        {ticket}
      </div>
      {context ? (
        <aside
          className="min-w-0 space-y-4 lg:col-start-2 xl:col-start-3"
          aria-label="Escalation details and actions"
          data-pane="context"
        >
          {context}
        </aside>
      ) : null}
    </div>
  );
}
