import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowRight, ExternalLink, History, PencilRuler, Radio } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { buttonClass, linkClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { NodeKindBadge, PriorityBadge } from "@/components/ui/status-badges";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { getFlowOverview } from "@/lib/features/flows/get-flow-overview";
import { KIND_ORDER, routeLabel, type EdgeView, type NodeView } from "@/lib/features/flows/version-graph";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import type { NodeKind } from "@/lib/model/flow/schema";

type Props = { params: Promise<{ flowId: string }> };

export const metadata: Metadata = { title: "Flow" };

const ROUTES_OPEN_LIMIT = 12;

function NodeRef({ node, id }: { node: NodeView | undefined; id: string }) {
  return (
    <a href={`#node-${id}`} className={linkClass}>
      {node?.label ?? id}
    </a>
  );
}

function Targets({
  edges,
  nodes,
  source,
  handle,
}: {
  edges: EdgeView[];
  nodes: Map<string, NodeView>;
  source: string;
  handle: string;
}) {
  const out = edges.filter((e) => e.source === source && e.sourceHandle === handle);
  if (!out.length) return <span className="text-xs text-slate-500">waits for the next message</span>;
  return (
    <>
      {out.map((e) => (
        <span key={e.id} className="inline-flex items-center gap-1">
          <ArrowRight aria-hidden className="size-3 text-slate-400" />
          <NodeRef node={nodes.get(e.target)} id={e.target} />
        </span>
      ))}
    </>
  );
}

function Setting({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-800">{children}</dd>
    </div>
  );
}

function NodeCard({
  node,
  nodes,
  edges,
  model,
}: {
  node: NodeView;
  nodes: Map<string, NodeView>;
  edges: EdgeView[];
  model?: { exampleCount: number; intentCount: number; trainedAt: Date };
}) {
  return (
    <div id={`node-${node.id}`} className="scroll-mt-6 px-4 py-4" data-testid="flow-node" data-kind={node.kind}>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold text-slate-900">{node.label}</h3>
        <span className="font-mono text-xs text-slate-500">{node.id}</span>
      </div>
      {node.kind === "start" ? (
        <dl className="grid gap-3 sm:grid-cols-3">
          <Setting label="Channels">{node.channels.join(", ")}</Setting>
          <Setting label="Then">
            <Targets edges={edges} nodes={nodes} source={node.id} handle="out" />
          </Setting>
          <div className="sm:col-span-3">
            <Setting label="Greeting">
              {node.greeting ? (
                <q className="text-slate-700">{node.greeting}</q>
              ) : (
                <span className="text-slate-500">none</span>
              )}
            </Setting>
          </div>
        </dl>
      ) : null}
      {node.kind === "router" ? (
        <div className="space-y-3">
          <dl className="grid gap-3 sm:grid-cols-4">
            <Setting label="Strategy">{node.strategy === "classifier" ? "Intent classifier" : node.strategy}</Setting>
            <Setting label="Confidence threshold">{node.threshold.toFixed(2)}</Setting>
            <Setting label="Routes">{node.routes.length}</Setting>
            <Setting label="Trained model">
              {model ? (
                <>
                  {model.exampleCount.toLocaleString("en")} examples, {model.intentCount} intents ·{" "}
                  <Time value={model.trainedAt} className="text-slate-600" />
                </>
              ) : (
                <span className="text-rose-700">not trained for this version</span>
              )}
            </Setting>
          </dl>
          <p className="text-xs text-slate-600">
            Below the threshold the message takes the <span className="font-medium">low confidence</span> output:{" "}
            <Targets edges={edges} nodes={nodes} source={node.id} handle="low_confidence" />
          </p>
          <details open={node.routes.length <= ROUTES_OPEN_LIMIT} className="group">
            <summary className="cursor-pointer text-xs font-medium text-slate-600 hover:text-slate-900">
              {node.routes.length} routes with their training examples
            </summary>
            <div className="mt-2 overflow-x-auto rounded-md border border-slate-200">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">Routes of {node.label}</caption>
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className="px-3 py-1.5 text-left text-xs font-medium text-slate-500">
                      Route
                    </th>
                    <th scope="col" className="px-3 py-1.5 text-right text-xs font-medium text-slate-500">
                      Examples
                    </th>
                    <th scope="col" className="px-3 py-1.5 text-left text-xs font-medium text-slate-500">
                      Sample examples
                    </th>
                    <th scope="col" className="px-3 py-1.5 text-left text-xs font-medium text-slate-500">
                      Goes to
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {node.routes.map((route) => (
                    <tr key={route.id}>
                      <td className="px-3 py-1.5 align-top">
                        <div className="font-medium text-slate-800">{route.label}</div>
                        <div className="font-mono text-xs text-slate-500">{route.id}</div>
                      </td>
                      <td className="px-3 py-1.5 text-right align-top tabular-nums">
                        {route.exampleCount.toLocaleString("en")}
                      </td>
                      <td className="max-w-sm px-3 py-1.5 align-top text-xs text-slate-600">
                        {route.samples.length ? route.samples.map((s) => `“${s}”`).join(" · ") : "none"}
                      </td>
                      <td className="px-3 py-1.5 align-top text-xs">
                        <Targets edges={edges} nodes={nodes} source={node.id} handle={route.id} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </div>
      ) : null}
      {node.kind === "agent" ? (
        <dl className="grid gap-3 sm:grid-cols-3">
          <Setting label="Mode">{node.mode}</Setting>
          <Setting label="Tool">
            {node.tool ? (
              <code className="font-mono text-xs">{node.tool}</code>
            ) : (
              <span className="text-slate-500">none</span>
            )}
          </Setting>
          <Setting label="Then">
            <Targets edges={edges} nodes={nodes} source={node.id} handle="out" />
          </Setting>
          <div className="sm:col-span-3">
            <Setting label="Reply template">
              <code className="block whitespace-pre-wrap rounded-md bg-slate-50 px-2 py-1.5 font-mono text-xs text-slate-800 ring-1 ring-slate-200">
                {node.reply}
              </code>
            </Setting>
          </div>
        </dl>
      ) : null}
      {node.kind === "escalate" ? (
        <dl className="grid gap-3 sm:grid-cols-4">
          <Setting label="Queue">{node.queue}</Setting>
          <Setting label="Priority">
            <PriorityBadge priority={node.priority} />
          </Setting>
          <Setting label="SLA">{node.slaMinutes} min to first human reply</Setting>
          <Setting label="Reason">{node.reason}</Setting>
          <div className="sm:col-span-4">
            <Setting label="Message to the customer">
              <q className="text-slate-700">{node.message}</q>
            </Setting>
          </div>
        </dl>
      ) : null}
      {node.kind === "end" ? (
        <dl>
          <Setting label="Outcome">{node.outcome}</Setting>
        </dl>
      ) : null}
      {"summary" in node ? (
        <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
          {node.summary.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export default async function FlowOverviewPage({ params }: Props) {
  const { flowId } = await params;
  const member = await requirePageMember("flow.read", `/flows/${flowId}`);
  const flow = await getFlowOverview(member.workspaceId, flowId);
  if (!flow) notFound();

  const graph = flow.published?.graph ?? null;
  const nodes = new Map((graph?.nodes ?? []).map((n) => [n.id, n]));
  const byKind = KIND_ORDER.map((kind) => ({
    kind,
    nodes: (graph?.nodes ?? []).filter((n) => n.kind === kind),
  })).filter((g) => g.nodes.length);

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/flows" className={linkClass}>
            Flows
          </Link>
        }
        title={flow.name}
        description={flow.description || undefined}
        actions={
          <>
            {can(member.role, "flow.edit") ? (
              <Link href={`/flows/${flow.id}/edit`} className={buttonClass("secondary")} data-testid="edit-link">
                <PencilRuler aria-hidden className="size-4" />
                Edit
              </Link>
            ) : null}
            <Link href={`/flows/${flow.id}/history`} className={buttonClass("secondary")} data-testid="history-link">
              <History aria-hidden className="size-4" />
              History
            </Link>
            {flow.published ? (
              <>
                <Link href={`/live?flow=${encodeURIComponent(flow.slug)}`} className={buttonClass("secondary")}>
                  <Radio aria-hidden className="size-4" />
                  Conversations
                </Link>
                <a
                  href={`/chat/${member.workspaceSlug}/${flow.slug}`}
                  target="_blank"
                  rel="noopener"
                  className={buttonClass("primary")}
                >
                  Open chat
                  <ExternalLink aria-hidden className="size-4" />
                  <span className="sr-only">(opens in a new tab)</span>
                </a>
              </>
            ) : null}
          </>
        }
      />

      {!flow.published ? (
        <EmptyState icon={Radio} title="This flow has no published version">
          Customers can only reach a flow once a version of it is published. Its nodes, routes and edges will be listed
          here from the published version.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <Card>
            <div className="grid grid-cols-2 gap-4 px-4 py-4 sm:grid-cols-5">
              <Setting label="Published version">
                <Badge tone="indigo">v{flow.published.number}</Badge>
              </Setting>
              <Setting label="Published">
                <Time value={flow.published.createdAt} />
              </Setting>
              <Setting label="Slug">
                <code className="font-mono text-xs">{flow.slug}</code>
              </Setting>
              <Setting label="Nodes">{graph?.nodes.length ?? "—"}</Setting>
              <Setting label="Edges">{graph?.edges.length ?? "—"}</Setting>
            </div>
            {flow.published.note ? (
              <p className="border-t border-slate-200 px-4 py-2.5 text-sm text-slate-600">
                <span className="font-medium text-slate-700">Note:</span> {flow.published.note}
              </p>
            ) : null}
          </Card>

          {!graph ? (
            <Card>
              <p className="px-4 py-4 text-sm text-rose-700">
                The published graph does not match the current flow schema, so it cannot be shown. Conversations already
                pinned to it keep their recorded steps.
              </p>
            </Card>
          ) : (
            <>
              {byKind.map((group) => (
                <Card key={group.kind} aria-labelledby={`kind-${group.kind}`}>
                  <CardHeader
                    id={`kind-${group.kind}`}
                    title={
                      <span className="flex items-center gap-2">
                        {NODE_KINDS[group.kind as NodeKind].label}
                        <span className="text-xs font-normal text-slate-500">{group.nodes.length}</span>
                      </span>
                    }
                    description={NODE_KINDS[group.kind as NodeKind].description}
                  />
                  <div className="divide-y divide-slate-100">
                    {group.nodes.map((node) => (
                      <NodeCard
                        key={node.id}
                        node={node}
                        nodes={nodes}
                        edges={graph.edges}
                        model={flow.published?.models[node.id]}
                      />
                    ))}
                  </div>
                </Card>
              ))}

              <section aria-labelledby="edges-heading">
                <h2 id="edges-heading" className="mb-2 text-sm font-semibold text-slate-900">
                  Edges <span className="font-normal text-slate-500">{graph.edges.length}</span>
                </h2>
                <Table caption="Edges of the published version">
                  <THead>
                    <Th>From</Th>
                    <Th>Output</Th>
                    <Th>To</Th>
                  </THead>
                  <TBody>
                    {graph.edges.map((edge) => {
                      const source = nodes.get(edge.source);
                      const target = nodes.get(edge.target);
                      return (
                        <tr key={edge.id}>
                          <Td>
                            <span className="mr-2">
                              <NodeRef node={source} id={edge.source} />
                            </span>
                            {source ? <NodeKindBadge kind={source.kind} /> : null}
                          </Td>
                          <Td className="text-slate-600">
                            {routeLabel(source, edge.sourceHandle)}
                            {edge.label ? <span className="text-slate-500"> · “{edge.label}”</span> : null}
                            <span className="ml-1 font-mono text-xs text-slate-400">({edge.sourceHandle})</span>
                          </Td>
                          <Td>
                            <span className="mr-2">
                              <NodeRef node={target} id={edge.target} />
                            </span>
                            {target ? <NodeKindBadge kind={target.kind} /> : <Badge tone="red">missing node</Badge>}
                          </Td>
                        </tr>
                      );
                    })}
                  </TBody>
                </Table>
              </section>
            </>
          )}
        </div>
      )}

      <section aria-labelledby="versions-heading" className="mt-8">
        <h2 id="versions-heading" className="mb-2 text-sm font-semibold text-slate-900">
          Version history{" "}
          <Link href={`/flows/${flow.id}/history`} className={`${linkClass} ml-2 text-xs font-normal`}>
            Compare versions and roll back
          </Link>
        </h2>
        {flow.versions.length === 0 ? (
          <p className="text-sm text-slate-600">No version has been published yet.</p>
        ) : (
          <Table caption="Published versions, newest first">
            <THead>
              <Th>Version</Th>
              <Th>Note</Th>
              <Th>Published</Th>
              <Th>By</Th>
              <Th className="text-right">Conversations</Th>
            </THead>
            <TBody>
              {flow.versions.map((v) => (
                <tr key={v.id} data-testid="version-row">
                  <Td>
                    <span className="flex items-center gap-2">
                      <span className="font-medium text-slate-900">v{v.number}</span>
                      {v.id === flow.published?.id ? <Badge tone="green">live</Badge> : null}
                    </span>
                  </Td>
                  <Td className="max-w-md">{v.note || <span className="text-slate-400">no note</span>}</Td>
                  <Td>
                    <Time value={v.createdAt} />
                  </Td>
                  <Td className="text-slate-600">{v.createdBy ?? "system"}</Td>
                  <Td className="text-right tabular-nums">{v.conversations}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>
    </>
  );
}
