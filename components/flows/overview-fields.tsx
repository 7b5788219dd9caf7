// Small read-only pieces of the flow overview page: a labelled setting, a link to a node's card, and the nodes an
// output leads to.
import { ArrowRight } from "lucide-react";
import { linkClass } from "@/components/ui/button";
import type { EdgeView, NodeView } from "@/lib/features/flows/version-graph";

export function NodeRef({ node, id }: { node: NodeView | undefined; id: string }) {
  return (
    <a href={`#node-${id}`} className={linkClass}>
      {node?.label ?? id}
    </a>
  );
}

export function Targets({
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
          <ArrowRight aria-hidden className="size-3 text-slate-500" />
          <NodeRef node={nodes.get(e.target)} id={e.target} />
        </span>
      ))}
    </>
  );
}

// A <dl>'s group: a <div> holding one dt and its dd, the only wrapper a definition list allows (so a wider group
// takes its grid span here, not from another wrapping div).
export function Setting({
  label,
  children,
  className,
}: {
  label: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-800">{children}</dd>
    </div>
  );
}
