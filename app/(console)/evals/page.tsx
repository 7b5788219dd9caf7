import type { Metadata } from "next";
import Link from "next/link";
import { FlaskConical } from "lucide-react";
import { linkClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageMember } from "@/app/_server/page-member";

export const metadata: Metadata = { title: "Evals" };

export default async function EvalsPage() {
  await requirePageMember("eval.read", "/evals");
  return (
    <>
      <PageHeader
        title="Evals"
        description="Test suites check a flow's behaviour before and after you publish a version, the way unit tests check code."
      />
      <EmptyState icon={FlaskConical} title="No test suites in this workspace">
        Switchboard does not have test suites or an eval runner yet, so there is nothing to run or show here. What exists today:
        every live conversation’s routing decision is recorded, and you can inspect it step by step from{" "}
        <Link href="/live" className={linkClass}>
          Live
        </Link>
        .
      </EmptyState>

      <Card className="mt-6" aria-labelledby="what-heading">
        <CardHeader id="what-heading" title="What a test suite is" />
        <div className="space-y-3 px-4 py-4 text-sm text-slate-700">
          <p>A suite belongs to one flow and holds cases. Each case is a short customer script plus what should happen:</p>
          <ul className="list-disc space-y-1.5 pl-5">
            <li>
              <span className="font-medium">Customer script</span>: the messages a customer sends, in order, e.g. “Where is my order?”
              then “A1003”.
            </li>
            <li>
              <span className="font-medium">Expected route</span>: the router output each message should take (order status, refund,
              talk to a human…), and optionally the minimum confidence.
            </li>
            <li>
              <span className="font-medium">Expected tools</span>: the tools the agents should call, such as <code className="font-mono text-xs">lookup_order</code>{" "}
              with order A1003.
            </li>
            <li>
              <span className="font-medium">Expected escalation</span>: whether the conversation should reach a person, and in which
              queue and priority.
            </li>
          </ul>
          <p>
            The point of running a suite against a draft or a published version is a pass rate and the failing cases with their
            traces, so that a change to a router’s examples or threshold is checked before customers see it. None of this can be
            run in this workspace today.
          </p>
        </div>
      </Card>
    </>
  );
}
