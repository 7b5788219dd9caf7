import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Download, History, PencilRuler } from "lucide-react";
import { DiffView } from "@/components/flows/history/diff-view";
import { VersionList } from "@/components/flows/history/version-list";
import { buttonClass, linkClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { param } from "@/lib/features/list-filters";
import { getFlowHistory } from "@/lib/features/flows/get-flow-history";

type Props = {
  params: Promise<{ flowId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Flow history" };

function versionParam(value: string | undefined): number | undefined {
  return value && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

export default async function FlowHistoryPage({ params, searchParams }: Props) {
  const { flowId } = await params;
  const query = await searchParams;
  const member = await requirePageMember("flow.read", `/flows/${flowId}/history`);
  const history = await getFlowHistory(member.workspaceId, flowId, {
    a: versionParam(param(query, "a")),
    b: versionParam(param(query, "b")),
  });
  if (!history) notFound();
  const { flow, versions, compare } = history;
  const rolledBack = versionParam(param(query, "rolledBack"));

  return (
    <>
      <PageHeader
        eyebrow={
          <span className="flex items-center gap-1.5">
            <Link href="/flows" className={linkClass}>
              Flows
            </Link>
            <span aria-hidden>/</span>
            <Link href={`/flows/${flow.id}`} className={linkClass}>
              {flow.name}
            </Link>
          </span>
        }
        title="History"
        description="Every published version, newest first. Versions never change: conversations stay on the version they started with, and a rollback publishes an older graph as a new version."
        actions={
          <>
            <a href={`/flows/${flow.id}/export`} className={buttonClass("secondary")} download>
              <Download aria-hidden className="size-4" />
              Export draft
            </a>
            {can(member.role, "flow.edit") ? (
              <Link href={`/flows/${flow.id}/edit`} className={buttonClass("primary")}>
                <PencilRuler aria-hidden className="size-4" />
                Edit draft
              </Link>
            ) : null}
          </>
        }
      />

      {rolledBack ? (
        <p
          role="status"
          className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
          data-testid="rollback-done"
        >
          Published v{rolledBack}. New conversations use it from now on, and the draft now matches it.
        </p>
      ) : null}

      {versions.length === 0 ? (
        <EmptyState icon={History} title="Nothing published yet">
          Versions appear here once the draft is published from the editor. Each one keeps its note, its author and the
          conversations that ran on it.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <VersionList
            flowId={flow.id}
            versions={versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() }))}
            a={compare?.a ?? null}
            b={compare?.b ?? null}
            canRollback={can(member.role, "flow.publish")}
          />

          {compare ? (
            <Card aria-labelledby="diff-heading">
              <CardHeader
                id="diff-heading"
                title={compare.a === compare.b ? `v${compare.b}` : `Changes from v${compare.a} to v${compare.b}`}
                description={
                  compare.a === compare.b
                    ? "The only version so far: everything in it is new."
                    : "The canvas shows the later version. Pick two versions above (From / To) to compare others."
                }
              />
              <div className="px-4 py-4">
                {compare.diff ? (
                  <DiffView a={compare.a} b={compare.b} diff={compare.diff} />
                ) : (
                  <p className="text-sm text-rose-700" data-testid="diff-view">
                    {compare.unreadable.map((n) => `v${n}`).join(" and ")}{" "}
                    {compare.unreadable.length === 1 ? "does" : "do"} not match the current flow schema, so the
                    difference cannot be shown. Both can still be exported.
                  </p>
                )}
              </div>
            </Card>
          ) : null}
        </div>
      )}
    </>
  );
}
