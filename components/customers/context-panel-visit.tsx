// What is known about this visit whoever the customer is: channel, how sure we are who they are, where the chat was
// opened, the browser, when this browser or customer was first seen, and how long the conversation is.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import { IDENTITY_LEVEL_LABELS, IDENTITY_METHOD_LABELS, type IdentityLevel } from "@/lib/model/identity";
import type { IdentityMethod } from "@/lib/model/identity";
import type { VisitContext } from "@/lib/features/customers/conversation-context";
import { FactList } from "./context-panel-parts";

const LEVEL_TONES: Record<string, BadgeTone> = { anonymous: "neutral", identified: "amber", verified: "green" };

/** Addresses are shown, never linked: they are what a visitor's browser reported, not pages we vouch for. */
function address(value: string | null) {
  return value ? <span className="break-all font-mono text-xs">{value}</span> : null;
}

export function VisitSummary({ visit }: { visit: VisitContext }) {
  const level = visit.identityLevel as IdentityLevel;
  const method = visit.identityMethod ? IDENTITY_METHOD_LABELS[visit.identityMethod as IdentityMethod] : null;
  const web = visit.channel === "web";
  const earlier = visit.firstSeenAt.getTime() < visit.startedAt.getTime();
  return (
    <FactList
      testId="context-visit"
      rows={[
        { label: "Channel", value: <span data-testid="visit-channel">{visit.channel}</span> },
        {
          label: "Identity",
          value: (
            <span className="flex flex-wrap items-center gap-1.5">
              <Badge tone={LEVEL_TONES[level] ?? "neutral"} data-testid="visit-identity" data-level={level}>
                {IDENTITY_LEVEL_LABELS[level] ?? level}
              </Badge>
              {method ? <span className="text-xs text-slate-600">{method}</span> : null}
            </span>
          ),
        },
        { label: "Started", value: <Time value={visit.startedAt} /> },
        {
          label: "First seen",
          value: earlier ? <Time value={visit.firstSeenAt} /> : "With this conversation",
        },
        { label: "Messages", value: <span className="tabular-nums">{visit.messageCount}</span> },
        ...(web
          ? [
              { label: "Chat opened on", value: address(visit.pageUrl) },
              { label: "Came from", value: address(visit.referrer) },
              { label: "Browser", value: visit.browser },
            ]
          : [{ label: "Pages", value: `Not reported on the ${visit.channel} channel` }]),
      ]}
    />
  );
}
