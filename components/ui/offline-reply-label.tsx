// The label on every reply the offline stand-in wrote (Message.offline): a canned reply, never to be taken for a
// model's. The test chat, evaluation results and the conversation transcript show it.
import { Badge } from "./badge";

export const OFFLINE_REPLY_HINT =
  "Written by the offline stand-in, not a language model: no model provider serves this node's model, or it is set to “offline”.";

export function OfflineReplyLabel({ className }: { className?: string }) {
  return (
    <Badge tone="amber" className={className} title={OFFLINE_REPLY_HINT} data-testid="offline-reply-label">
      offline stand-in
      <span className="sr-only">: {OFFLINE_REPLY_HINT}</span>
    </Badge>
  );
}
