"use client";
import { ChevronRight } from "lucide-react";
import { useId, useState } from "react";
import { clsx } from "clsx";
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { JsonView } from "@/components/ui/json-view";
import { Time } from "@/components/ui/time";

export type AuditEntryView = {
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  /** The resource's name (now, or as recorded when it is gone). */
  resourceName: string | null;
  /** The resource no longer exists: its id and recorded name stay, without a link. */
  resourceDeleted: boolean;
  /** Its page, and the conversation it belongs to. */
  links: { label: string; href: string; testId: string }[];
  before: unknown;
  after: unknown;
  metadata: unknown;
  hash: string;
  prevHash: string;
};

const ACTOR_TONES: Record<string, BadgeTone> = {
  user: "indigo",
  api_key: "sky",
  agent: "green",
  customer: "amber",
  system: "neutral",
};

/** One audit entry as a table row, with a second row holding before / after / metadata when expanded. */
export function AuditEntryRows({ entry }: { entry: AuditEntryView }) {
  const [open, setOpen] = useState(false);
  const detailId = useId();
  return (
    <>
      <tr
        id={`entry-${entry.id}`}
        data-testid="audit-row"
        data-entry-id={entry.id}
        data-action={entry.action}
        data-actor-type={entry.actorType}
        // The verify result links here (#entry-N): the targeted entry is highlighted.
        className={clsx(
          "scroll-mt-24 hover:bg-slate-50 target:bg-amber-50 target:outline target:outline-2 target:outline-amber-400",
          open && "bg-slate-50",
        )}
      >
        <td className="whitespace-nowrap px-3 py-2.5 align-top text-slate-700">
          <Time value={entry.at} />
        </td>
        <td className="px-3 py-2.5 align-top">
          <div className="flex items-center gap-2">
            <Badge tone={ACTOR_TONES[entry.actorType] ?? "neutral"}>{entry.actorType}</Badge>
            <span className="max-w-[14rem] truncate text-slate-800" title={entry.actorLabel}>
              {entry.actorLabel}
            </span>
          </div>
        </td>
        <td className="px-3 py-2.5 align-top">
          <code className="font-mono text-xs text-slate-900">{entry.action}</code>
        </td>
        <td className="min-w-[14rem] px-3 py-2.5 align-top text-slate-700" data-testid="audit-resource">
          <div className="text-xs text-slate-600">{entry.resourceType.replace(/_/g, " ")}</div>
          {entry.resourceName ? (
            <div className="max-w-[22rem] break-words font-medium text-slate-900" data-testid="audit-resource-name">
              {entry.resourceName}
            </div>
          ) : null}
          {entry.resourceId ? (
            <div className="break-all font-mono text-xs text-slate-600">
              {entry.resourceId}
              {entry.resourceDeleted ? <span className="ml-1 font-sans italic">(no longer exists)</span> : null}
            </div>
          ) : null}
          {entry.links.length ? (
            <ul className="mt-1 flex flex-col text-xs">
              {entry.links.map((l) => (
                <li key={l.href}>
                  {/* 24 px tall: stacked links are tap targets (WCAG 2.5.8). */}
                  <Link
                    href={l.href}
                    className={`${linkClass} inline-flex min-h-6 items-center`}
                    data-testid={l.testId}
                  >
                    {l.label}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
        </td>
        <td className="px-3 py-2.5 text-right align-top">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={detailId}
            onClick={() => setOpen((v) => !v)}
            className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          >
            <ChevronRight aria-hidden className={clsx("size-3.5 transition-transform", open && "rotate-90")} />
            Details
            <span className="sr-only"> of entry {entry.id}</span>
          </button>
        </td>
      </tr>
      <tr id={detailId} hidden={!open} className="bg-slate-50">
        <td colSpan={5} className="px-3 pb-4 pt-1">
          {open ? (
            <div className="space-y-3">
              <div className="grid gap-3 lg:grid-cols-3">
                <JsonView label="Before" value={entry.before} />
                <JsonView label="After" value={entry.after} />
                <JsonView label="Metadata" value={entry.metadata} />
              </div>
              <dl className="grid gap-1 text-xs text-slate-500 sm:grid-cols-[6rem_1fr]">
                <dt>Entry</dt>
                <dd className="font-mono">#{entry.id}</dd>
                {entry.actorId ? (
                  <>
                    <dt>Actor id</dt>
                    <dd className="font-mono">{entry.actorId}</dd>
                  </>
                ) : null}
                <dt>Hash</dt>
                <dd className="break-all font-mono">{entry.hash}</dd>
                <dt>Previous</dt>
                <dd className="break-all font-mono">{entry.prevHash}</dd>
              </dl>
            </div>
          ) : null}
        </td>
      </tr>
    </>
  );
}
