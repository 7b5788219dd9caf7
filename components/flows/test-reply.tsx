// One message of the Test panel's chat: the tester's own on the right, the flow's replies (with who sent them) on the
// left. Kept on its own so what a reply shows beside its text has one place to go.
import { clsx } from "clsx";
import { OfflineReplyLabel } from "@/components/ui/offline-reply-label";
import type { TestMessage } from "./draft-api";

export function TestReply({ message }: { message: TestMessage }) {
  const mine = message.role === "customer" || message.role === "user";
  return (
    <li
      data-testid="test-message"
      data-role={message.role}
      className={clsx("flex", mine ? "justify-end" : "justify-start")}
    >
      <div
        className={clsx(
          "max-w-[85%] rounded-lg px-3 py-1.5 text-sm",
          mine ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-800",
        )}
      >
        {!mine ? (
          <div className="text-[10px] font-medium uppercase tracking-wide text-slate-600">{message.author}</div>
        ) : null}
        {message.offline ? <OfflineReplyLabel className="my-0.5" /> : null}
        <p className="whitespace-pre-wrap break-words">{message.text}</p>
      </div>
    </li>
  );
}
