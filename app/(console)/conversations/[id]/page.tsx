import type { Metadata } from "next";
import { describeIdentity } from "@/lib/model/identity";
import Link from "next/link";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { SaveAsCase } from "@/components/evals/save-as-case";
import { HandoffBadge } from "@/components/inbox/handoff-badge";
import { FlowPath } from "@/components/conversations/flow-path";
import { LiveConversation } from "@/components/conversations/live-conversation";
import { TakeOverButton } from "@/components/conversations/take-over-button";
import { TraceView } from "@/components/conversations/trace-view";
import { Turn } from "@/components/conversations/transcript";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { SlaCountdown } from "@/components/ui/sla-countdown";
import { ConversationStatusBadge, EscalationStatusBadge, PriorityBadge } from "@/components/ui/status-badges";
import { Time } from "@/components/ui/time";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { getConversationTrace } from "@/lib/features/conversations/get-conversation-trace";
import { listEvalSuitesOfFlow } from "@/lib/features/evals/list-eval-suites";
import { TEST_CHANNEL } from "@/lib/model/flow/channels";
import { turnsUpFront } from "@/lib/features/conversations/turns-up-front";

export const metadata: Metadata = { title: "Conversation" };

type Props = { params: Promise<{ id: string }> };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_1fr] gap-2 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 text-slate-800">{children}</dd>
    </div>
  );
}

export default async function ConversationPage({ params }: Props) {
  const { id } = await params;
  const member = await requirePageMember("conversation.read", `/conversations/${id}`);
  const trace = await getConversationTrace(member.workspaceId, id);
  if (!trace) notFound();

  const live = trace.status === "active" || trace.status === "escalated";
  const messageCount = trace.turns.reduce((n, t) => n + t.messages.length, 0);
  const canReview = can(member.role, "routing.review");
  const decisions = trace.turns.flatMap((t) => t.steps).filter((s) => s.decision);
  const reviewed = decisions.filter((s) => s.review).length;
  const canTakeOver = trace.status === "active" && can(member.role, "conversation.act");
  // Test-channel conversations (designer chats, eval runs) are not customer traffic, so they are not saved as cases.
  const canSaveAsCase = can(member.role, "eval.run") && trace.channel !== TEST_CHANNEL;
  const evalSuites = canSaveAsCase ? await listEvalSuitesOfFlow(member.workspaceId, trace.flow.id) : [];
  const upFront = turnsUpFront(trace.turns);
  const firstCustomerText = trace.turns.flatMap((t) => t.messages).find((m) => m.role === "customer")?.text ?? "";

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/live" className={linkClass}>
            Live
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-3">
            Conversation
            <code className="font-mono text-sm font-normal text-slate-500">{trace.id}</code>
            <ConversationStatusBadge status={trace.status} />
          </span>
        }
        description={
          <>
            {trace.flow.name} {trace.version.label} · {messageCount} messages · {trace.stepCount} steps · started{" "}
            <Time value={trace.startedAt} />
          </>
        }
        actions={
          live || canTakeOver ? (
            <span className="flex items-center gap-3">
              {live ? <LiveConversation conversationId={trace.id} /> : null}
              {canTakeOver ? (
                <TakeOverButton
                  target={{
                    id: trace.id,
                    flowName: trace.flow.name,
                    channel: trace.channel,
                    lastCustomerText: trace.turns.flatMap((t) => t.messages).findLast((m) => m.role === "customer")
                      ?.text,
                  }}
                />
              ) : null}
            </span>
          ) : undefined
        }
      />

      {/* minmax(0,1fr) even in one column: an implicit column grows to the span tree's 36rem, widening a phone's page. */}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <Card aria-labelledby="transcript-heading">
          <CardHeader
            id="transcript-heading"
            title="Transcript and trace"
            description="Each customer message starts a turn; its trace lists the nodes the flow executed for it, in order. The newest turns open with their trace; open an older one to load its steps."
          />
          <div className="space-y-6 px-4 py-5" data-testid="transcript">
            {!trace.graphReadable ? (
              <p className="text-xs text-amber-800">
                This conversation’s flow version could not be read, so node ids are shown instead of labels.
              </p>
            ) : null}
            {trace.turns.length === 0 ? (
              <p className="text-sm text-slate-600">
                No messages yet. They will appear here as the customer and the flow exchange them.
              </p>
            ) : (
              // Its own boundary, so React can hydrate it after the page's shell (header, trace view) instead of holding
              // the span tree back until every turn is hydrated.
              <Suspense>
                {trace.turns.map((turn) => (
                  <Turn key={turn.turn} turn={turn} canReview={canReview} stepsUpFront={upFront.has(turn.turn)} />
                ))}
              </Suspense>
            )}
          </div>
        </Card>

        <div className="space-y-4">
          <Card aria-labelledby="details-heading">
            <CardHeader
              id="details-heading"
              title="Details"
              actions={
                canSaveAsCase && firstCustomerText ? (
                  <SaveAsCase
                    conversationId={trace.id}
                    flowName={trace.flow.name}
                    suites={evalSuites}
                    defaultName={firstCustomerText.slice(0, 80)}
                  />
                ) : undefined
              }
            />
            <dl className="divide-y divide-slate-100 px-4 py-2">
              <Row label="Status">
                <ConversationStatusBadge status={trace.status} />
              </Row>
              <Row label="Flow">
                <Link href={`/flows/${trace.flow.id}`} className={linkClass}>
                  {trace.flow.name}
                </Link>
              </Row>
              <Row label="Version">
                {trace.version.label}{" "}
                {trace.version.isTest ? (
                  <Badge tone="amber">test run</Badge>
                ) : trace.version.isPublished ? (
                  <Badge tone="green">live</Badge>
                ) : (
                  <span className="text-xs text-slate-500">(a newer version is live)</span>
                )}
              </Row>
              <Row label="Channel">{trace.channel}</Row>
              {decisions.length ? (
                <Row label="Routing">
                  {decisions.length} {decisions.length === 1 ? "decision" : "decisions"} · {reviewed} reviewed
                </Row>
              ) : null}
              <Row label="Started">
                <Time value={trace.startedAt} />
              </Row>
              <Row label="Last update">
                <Time value={trace.updatedAt} mode="relative" />
              </Row>
              {trace.endedAt ? (
                <Row label="Ended">
                  <Time value={trace.endedAt} />
                </Row>
              ) : null}
              {trace.currentNode && live ? <Row label="Waiting at">{trace.currentNode.label}</Row> : null}
              <Row label="Customer">
                {trace.customer ? (
                  <>
                    <div>{trace.customer.name}</div>
                    <div className="text-xs text-slate-500">
                      {trace.customer.ref} · {trace.customer.tier}
                    </div>
                  </>
                ) : (
                  <span className="text-slate-500">anonymous</span>
                )}
              </Row>
              <Row label="Identity">
                <span data-testid="conversation-identity">{describeIdentity(trace.identity)}</span>
                {trace.identity.at ? (
                  <div className="text-xs text-slate-500">
                    <Time value={trace.identity.at} />
                  </div>
                ) : null}
              </Row>
              {trace.failureReason ? (
                <Row label="Failure">
                  <span className="text-rose-700">{trace.failureReason}</span>
                </Row>
              ) : null}
            </dl>
          </Card>

          <Card aria-labelledby="escalation-heading">
            <CardHeader id="escalation-heading" title="Escalation" />
            {trace.escalations.length === 0 ? (
              <p className="px-4 py-3 text-sm text-slate-600">
                Not escalated. If the flow hands this conversation to a person, the escalation appears here and in the
                Inbox.
              </p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {trace.escalations.map((e) => (
                  <li key={e.id} className="space-y-1.5 px-4 py-3 text-sm" data-testid="conversation-escalation">
                    <div className="flex flex-wrap items-center gap-2">
                      <EscalationStatusBadge status={e.status} />
                      <PriorityBadge priority={e.priority} />
                    </div>
                    <div className="font-medium text-slate-900">{e.reason}</div>
                    <div className="text-slate-600">
                      Queue <span className="font-medium text-slate-800">{e.queue}</span>
                      {e.assignee ? <> · claimed by {e.assignee}</> : null}
                    </div>
                    {e.handoff ? <HandoffBadge handoff={e.handoff} /> : null}
                    <div className="text-xs text-slate-500">
                      Created <Time value={e.createdAt} /> · SLA{" "}
                      <SlaCountdown dueAt={e.slaDueAt.toISOString()} resolvedAt={e.resolvedAt?.toISOString() ?? null} />
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>

      <Card aria-labelledby="spans-heading" className="mt-6">
        <CardHeader
          id="spans-heading"
          title="Trace"
          description="Every span the engine recorded, as a tree with its timeline per turn: runs, nodes, routing, LLM calls, tools, guardrails and escalations. Select one to see its input and output."
        />
        <TraceView conversationId={trace.id} trace={trace.spans} />
      </Card>

      <Card aria-labelledby="path-heading" className="mt-6">
        <CardHeader
          id="path-heading"
          title="Path through the flow"
          description={
            trace.path
              ? `${trace.flow.name} ${trace.version.label}: the ${trace.path.visitedCount} visited nodes and the edges taken are highlighted${trace.currentNode && live ? `; it waits at ${trace.currentNode.label}` : ""}.`
              : "This version's graph could not be read, so the path cannot be drawn."
          }
        />
        {trace.path ? <FlowPath path={trace.path} /> : null}
      </Card>
    </>
  );
}
