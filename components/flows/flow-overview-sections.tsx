// The sections of the flow overview page below its header: the published version's summary, its nodes grouped by
// kind, its edges, and the version history. Server-rendered from what prepareFlowOverview laid out.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { NodeKindBadge } from "@/components/ui/status-badges";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { FlowOverview } from "@/lib/features/flows/get-flow-overview";
import type { EdgeRow, NodeKindGroup } from "@/lib/features/flows/prepare-flow-overview";
import type { EdgeView, GraphView, NodeView } from "@/lib/features/flows/version-graph";
import { NodeCard } from "./flow-node-card";
import { NodeRef, Setting } from "./overview-fields";

type PublishedVersion = NonNullable<FlowOverview["published"]>;

export function PublishedVersionCard({
  published,
  slug,
  graph,
}: {
  published: PublishedVersion;
  slug: string;
  graph: GraphView | null;
}) {
  return (
    <Card>
      <dl className="grid grid-cols-2 gap-4 px-4 py-4 sm:grid-cols-5">
        <Setting label="Published version">
          <Badge tone="indigo">v{published.number}</Badge>
        </Setting>
        <Setting label="Published">
          <Time value={published.createdAt} />
        </Setting>
        <Setting label="Slug">
          <code className="font-mono text-xs">{slug}</code>
        </Setting>
        <Setting label="Nodes">{graph?.nodes.length ?? "—"}</Setting>
        <Setting label="Edges">{graph?.edges.length ?? "—"}</Setting>
      </dl>
      {published.note ? (
        <p className="border-t border-slate-200 px-4 py-2.5 text-sm text-slate-600">
          <span className="font-medium text-slate-700">Note:</span> {published.note}
        </p>
      ) : null}
    </Card>
  );
}

export function NodeKindSections({
  groups,
  nodes,
  edges,
  models,
}: {
  groups: NodeKindGroup[];
  nodes: Map<string, NodeView>;
  edges: EdgeView[];
  models: PublishedVersion["models"];
}) {
  return (
    <>
      {groups.map((group) => (
        <Card key={group.kind} aria-labelledby={`kind-${group.kind}`}>
          <CardHeader
            id={`kind-${group.kind}`}
            title={
              <span className="flex items-center gap-2">
                {group.label}
                <span className="text-xs font-normal text-slate-500">{group.nodes.length}</span>
              </span>
            }
            description={group.description}
          />
          <div className="divide-y divide-slate-100">
            {group.nodes.map((node) => (
              <NodeCard key={node.id} node={node} nodes={nodes} edges={edges} model={models[node.id]} />
            ))}
          </div>
        </Card>
      ))}
    </>
  );
}

export function FlowEdgesTable({ rows }: { rows: EdgeRow[] }) {
  return (
    <section aria-labelledby="edges-heading">
      <h2 id="edges-heading" className="mb-2 text-sm font-semibold text-slate-900">
        Edges <span className="font-normal text-slate-500">{rows.length}</span>
      </h2>
      <Table caption="Edges of the published version">
        <THead>
          <Th>From</Th>
          <Th>Output</Th>
          <Th>To</Th>
        </THead>
        <TBody>
          {rows.map(({ edge, source, target, output }) => (
            <tr key={edge.id}>
              <Td>
                <span className="mr-2">
                  <NodeRef node={source} id={edge.source} />
                </span>
                {source ? <NodeKindBadge kind={source.kind} /> : null}
              </Td>
              <Td className="text-slate-600">
                {output}
                {edge.label ? <span className="text-slate-500"> · “{edge.label}”</span> : null}
                <span className="ml-1 font-mono text-xs text-slate-500">({edge.sourceHandle})</span>
              </Td>
              <Td>
                <span className="mr-2">
                  <NodeRef node={target} id={edge.target} />
                </span>
                {target ? <NodeKindBadge kind={target.kind} /> : <Badge tone="red">missing node</Badge>}
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </section>
  );
}

export function VersionHistory({
  flowId,
  versions,
  publishedId,
}: {
  flowId: string;
  versions: FlowOverview["versions"];
  publishedId: string | undefined;
}) {
  return (
    <section aria-labelledby="versions-heading" className="mt-8">
      <h2 id="versions-heading" className="mb-2 text-sm font-semibold text-slate-900">
        Version history{" "}
        <Link href={`/flows/${flowId}/history`} className={`${linkClass} ml-2 text-xs font-normal`}>
          Compare versions and roll back
        </Link>
      </h2>
      {versions.length === 0 ? (
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
            {versions.map((v) => (
              <tr key={v.id} data-testid="version-row">
                <Td>
                  <span className="flex items-center gap-2">
                    <span className="font-medium text-slate-900">v{v.number}</span>
                    {v.id === publishedId ? <Badge tone="green">live</Badge> : null}
                  </span>
                </Td>
                <Td className="max-w-md">{v.note || <span className="text-slate-500">no note</span>}</Td>
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
  );
}
