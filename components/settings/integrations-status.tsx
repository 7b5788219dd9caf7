import { Activity, KeyRound, Webhook } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import type { SsoStatus } from "@/lib/interfaces/integrations/integrations-overview";

function StatusTile({
  icon: Icon,
  title,
  badge,
  children,
  testId,
}: {
  icon: typeof Activity;
  title: string;
  badge: ReactNode;
  children: ReactNode;
  testId: string;
}) {
  return (
    <section
      aria-label={title}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
      data-testid={testId}
    >
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
          <Icon aria-hidden className="size-4 text-slate-500" />
          {title}
        </h2>
        {badge}
      </div>
      <div className="space-y-1 text-sm text-slate-600">{children}</div>
    </section>
  );
}

const envName = (name: string) => <code className="font-mono text-xs text-slate-800">{name}</code>;

export function TelemetryStatus({ telemetry }: { telemetry: { endpoint: string } | null }) {
  return (
    <StatusTile
      icon={Activity}
      title="OpenTelemetry export"
      testId="integration-otel"
      badge={
        telemetry ? (
          <Badge tone="green" dot>
            On
          </Badge>
        ) : (
          <Badge dot>Off</Badge>
        )
      }
    >
      {telemetry ? (
        <p>
          Engine spans go over OTLP/HTTP to{" "}
          <span className="break-all font-mono text-xs text-slate-800">{telemetry.endpoint}</span>.
        </p>
      ) : (
        <p>
          Set {envName("OTEL_EXPORTER_OTLP_ENDPOINT")} (and {envName("OTEL_EXPORTER_OTLP_HEADERS")} if the collector
          needs a key) and restart to export spans to Langfuse, Jaeger or Grafana.
        </p>
      )}
    </StatusTile>
  );
}

export function SsoStatusTile({ sso }: { sso: SsoStatus }) {
  const badge =
    sso.state === "on" ? (
      <Badge tone="green" dot>
        On
      </Badge>
    ) : sso.state === "invalid" ? (
      <Badge tone="red" dot>
        Misconfigured
      </Badge>
    ) : (
      <Badge dot>Off</Badge>
    );
  return (
    <StatusTile icon={KeyRound} title="Single sign-on (OIDC)" testId="integration-sso" badge={badge}>
      {sso.state === "on" ? (
        <p>
          “Sign in with {sso.name}” via <span className="break-all font-mono text-xs text-slate-800">{sso.issuer}</span>
          , beside email and password.
        </p>
      ) : sso.state === "invalid" ? (
        <>
          <p>SSO variables are set but cannot be used:</p>
          <ul className="list-disc space-y-0.5 pl-5 text-xs text-rose-700">
            {sso.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>
          Set {envName("SSO_OIDC_ISSUER")}, {envName("SSO_OIDC_CLIENT_ID")}, {envName("SSO_OIDC_CLIENT_SECRET")} and{" "}
          {envName("SSO_ROLE_MAP")} to offer Keycloak, Okta, Entra ID or Google sign-in.
        </p>
      )}
    </StatusTile>
  );
}

export function WebhooksTile() {
  return (
    <StatusTile icon={Webhook} title="Webhooks" testId="integration-webhooks" badge={null}>
      <p>Signed event subscriptions and external handoff targets, with a delivery log and replay.</p>
      <p>
        <Link href="/settings/webhooks" className={linkClass}>
          Open Settings → Webhooks
        </Link>
      </p>
    </StatusTile>
  );
}
