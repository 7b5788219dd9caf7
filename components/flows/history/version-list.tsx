"use client";
// Published versions, newest first. Pick any two (from / to) to compare; roll back to an older one.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Download, RotateCcw } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { buttonClass, linkClass } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { RollbackDialog } from "./rollback-dialog";

export type VersionRow = {
  id: string;
  number: number;
  note: string;
  createdAt: string;
  author: string | null;
  current: boolean;
  conversations: number;
};

export function VersionList({
  flowId,
  versions,
  a,
  b,
  canRollback,
}: {
  flowId: string;
  versions: VersionRow[];
  a: number | null;
  b: number | null;
  canRollback: boolean;
}) {
  const router = useRouter();
  const [rollbackTo, setRollbackTo] = useState<number | null>(null);
  const latest = versions[0]?.number ?? 0;
  const pick = (next: { a?: number; b?: number }) => {
    let from = next.a ?? a ?? latest;
    let to = next.b ?? b ?? latest;
    if (from === to) {
      // Comparing a version with itself shows nothing: the end just picked stays, the other moves to its neighbour.
      const fixed = next.a !== undefined ? from : to;
      const others = versions.map((v) => v.number).filter((n) => n !== fixed);
      if (others.length === 0) return;
      const nearest = others.reduce((best, n) =>
        Math.abs(n - fixed) < Math.abs(best - fixed) || (Math.abs(n - fixed) === Math.abs(best - fixed) && n < best)
          ? n
          : best,
      );
      if (next.a !== undefined) to = nearest;
      else from = nearest;
    }
    router.push(`/flows/${flowId}/history?a=${from}&b=${to}`, { scroll: false });
  };

  return (
    <>
      <Table caption="Published versions, newest first">
        <THead>
          <Th className="w-14 text-center">From</Th>
          <Th className="w-14 text-center">To</Th>
          <Th>Version</Th>
          <Th>Note</Th>
          <Th>Published by</Th>
          <Th>Published</Th>
          <Th className="text-right">Conversations</Th>
          <Th srOnly>Actions</Th>
        </THead>
        <TBody>
          {versions.map((v) => (
            <tr
              key={v.id}
              data-testid="version-row"
              data-number={v.number}
              data-current={v.current ? "true" : undefined}
              className={v.number === a || v.number === b ? "bg-indigo-50/40" : undefined}
            >
              <Td className="text-center">
                <input
                  type="radio"
                  name="compare-from"
                  aria-label={`Compare from v${v.number}`}
                  checked={v.number === a}
                  onChange={() => pick({ a: v.number })}
                  className="size-4 accent-indigo-600"
                  data-testid="compare-a"
                />
              </Td>
              <Td className="text-center">
                <input
                  type="radio"
                  name="compare-to"
                  aria-label={`Compare to v${v.number}`}
                  checked={v.number === b}
                  onChange={() => pick({ b: v.number })}
                  className="size-4 accent-indigo-600"
                  data-testid="compare-b"
                />
              </Td>
              <Td>
                <span className="flex items-center gap-2 whitespace-nowrap">
                  <span className="font-medium text-slate-900">v{v.number}</span>
                  {v.current ? <Badge tone="green">current</Badge> : null}
                </span>
              </Td>
              <Td className="max-w-md text-slate-700">{v.note || <span className="text-slate-500">no note</span>}</Td>
              <Td className="whitespace-nowrap text-slate-600">{v.author ?? "system"}</Td>
              <Td className="whitespace-nowrap">
                <Time value={v.createdAt} />
              </Td>
              <Td className="text-right tabular-nums">{v.conversations}</Td>
              <Td className="whitespace-nowrap text-right">
                <div className="flex items-center justify-end gap-3">
                  <a
                    href={`/flows/${flowId}/export?version=${v.number}`}
                    className={`${linkClass} inline-flex items-center gap-1 text-xs`}
                    download
                  >
                    <Download aria-hidden className="size-3" />
                    Export<span className="sr-only"> v{v.number}</span>
                  </a>
                  {canRollback && !v.current ? (
                    <button
                      type="button"
                      className={buttonClass("secondary", "sm")}
                      onClick={() => setRollbackTo(v.number)}
                      data-testid="rollback-button"
                      data-number={v.number}
                    >
                      <RotateCcw aria-hidden className="size-3.5" />
                      Roll back<span className="sr-only"> to v{v.number}</span>
                    </button>
                  ) : null}
                </div>
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
      {canRollback ? (
        <RollbackDialog flowId={flowId} number={rollbackTo} latest={latest} onClose={() => setRollbackTo(null)} />
      ) : null}
    </>
  );
}
