// The one reader of process.env in lib/. Every variable the app reads is declared here once, with its type, default
// and meaning, and validated with zod: a malformed value fails naming the variable instead of surfacing later as NaN.
// The README's configuration tables list the same names; a unit test keeps the two in step. Families with parsers of
// their own (SSO, OpenTelemetry, the allowlists) read the raw strings through processEnv(), so tests can hand those
// parsers an environment of their own.
import { z } from "zod";
import { smtpUrlProblem } from "@/lib/model/mail/smtp-url";

export type Env = Record<string, string | undefined>;

const text = z.string().trim().optional();
const whole = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const optionalWhole = z.coerce.number().int().min(0).optional();
const onUnlessFalse = z
  .enum(["true", "false"])
  .default("true")
  .transform((value) => value === "true");
/** `secret`: a malformed value is reported by name only, never quoted (it would print a password). */
type Variable = { schema: z.ZodType; doc: string; secret?: true };

const smtpUrl = text.superRefine((value, ctx) => {
  const problem = value ? smtpUrlProblem(value) : null;
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
const mailFrom = z
  .string()
  .trim()
  .refine((value) => !/[\r\n]/.test(value), "must be one line")
  .default("Switchboard <no-reply@localhost>");

/** Every variable lib/ reads, in the README's order. */
export const VARIABLES = {
  PORT: { schema: whole(3000), doc: "HTTP port of the web app" },
  DATABASE_URL: { schema: text, doc: "the Postgres the app uses; unset: the embedded one" },
  DATABASE_POOL_SIZE: { schema: whole(10), doc: "connections per web process" },
  NEXTAUTH_URL: { schema: text, doc: "the public origin of the app" },
  NEXTAUTH_SECRET: { schema: text, doc: "signs session cookies" },
  ADMIN_EMAIL: { schema: text, doc: "the first admin, created on first start only" },
  ADMIN_PASSWORD: { schema: text, doc: "the first admin's password" },
  SEED_API_KEY: { schema: text, doc: "an API key value created as the seed key" },
  DEMO_HISTORY: {
    schema: z.enum(["on", "off"]).default("on"),
    doc: "off: the first start seeds the demo without its 30 days of history",
  },
  SWITCHBOARD_SECRETS_KEY: { schema: text, doc: "the key that encrypts provider keys and secrets" },
  SWITCHBOARD_HTTP_TOOL_ALLOWLIST: {
    schema: text,
    doc: "private hosts HTTP/MCP tools, remote agents, model providers, webhooks and SMTP may reach",
  },
  SWITCHBOARD_MCP_STDIO_ALLOWLIST: { schema: text, doc: "commands an MCP tool may start as a stdio server" },
  SWITCHBOARD_TRUSTED_PROXY_HOPS: {
    schema: whole(0),
    doc: "reverse proxies in front of the app whose X-Forwarded-For entries name the client",
  },
  ENGINE_CONCURRENCY: { schema: whole(8), doc: "conversations one worker process advances at once" },
  ENGINE_RUN_WHERE_ACCEPTED: {
    schema: onUnlessFalse,
    doc: "run a customer's turn in the process that accepted the message when its conversation is free (the job stays the fallback)",
  },
  ENGINE_TURN_WAIT_MS: { schema: whole(10_000), doc: "how long a message request waits for the replies" },
  ENGINE_HEARTBEAT_MS: { schema: whole(2000), doc: "how often a worker process announces it is alive" },
  ENGINE_WORKER_STALE_MS: { schema: whole(10_000), doc: "silence after which a worker's jobs are released" },
  ENGINE_OUTAGE_PATIENCE_MS: { schema: whole(120_000), doc: "how long a job waits for the database to return" },
  ENGINE_METRICS_FILE: { schema: text, doc: "where a worker writes its engine counters (bench:engine)" },
  ROUTING_ENCODER_THREADS: {
    schema: z.coerce.number().int().min(1).max(16).default(1),
    doc: "worker threads of the sentence encoder semantic routers use (each holds its own copy, about 180 MB)",
  },
  EVAL_TURN_WAIT_MS: { schema: whole(60_000), doc: "how long an evaluation run waits for each turn" },
  WEBHOOK_RETRY_BASE_MS: { schema: optionalWhole, doc: "the first retry delay of a failed webhook delivery" },
  SMTP_URL: {
    schema: smtpUrl,
    doc: "the SMTP server mail is sent through; unset: mail is kept in the dev mailbox",
    secret: true,
  },
  MAIL_FROM: { schema: mailFrom, doc: "the sender of outgoing mail" },
  CHAT_STARTS_PER_ADDRESS: { schema: whole(10), doc: "public chat conversations one address may start per 10 min" },
  CHAT_MESSAGES_PER_ADDRESS: { schema: whole(60), doc: "public chat messages per address per minute" },
  CHAT_MESSAGES_PER_CONVERSATION: { schema: whole(20), doc: "public chat messages per conversation per minute" },
  API_REQUESTS_PER_ADDRESS: { schema: whole(1200), doc: "API, A2A and MCP requests per client address per minute" },
  API_MESSAGES_PER_CONVERSATION: { schema: whole(60), doc: "API, A2A and MCP messages per conversation per minute" },
  OPENAI_BASE_URL: { schema: text, doc: "an OpenAI-compatible endpoint for LLM agents" },
  OPENAI_API_KEY: { schema: text, doc: "its key" },
  OPENAI_MODEL: { schema: text, doc: "the model the evaluation simulator asks for phrasings" },
  OPENAI_TIMEOUT_MS: { schema: optionalWhole, doc: "ms per model request" },
  OPENAI_MAX_RETRIES: { schema: optionalWhole, doc: "retries per model request" },
  OPENAI_FALLBACK_MODEL: { schema: text, doc: "the model tried when the first one fails" },
  SSO_OIDC_ISSUER: { schema: text, doc: "single sign-on: the issuer URL (see the SSO section)" },
  SSO_OIDC_CLIENT_ID: { schema: text, doc: "single sign-on client" },
  SSO_OIDC_CLIENT_SECRET: { schema: text, doc: "single sign-on client secret" },
  SSO_OIDC_NAME: { schema: text, doc: "the sign-in button's name" },
  SSO_OIDC_SCOPES: { schema: text, doc: "scopes to ask for" },
  SSO_ROLE_CLAIM: { schema: text, doc: "the claim holding groups or roles" },
  SSO_ROLE_MAP: { schema: text, doc: "group=role pairs" },
  SSO_DEFAULT_ROLE: { schema: text, doc: "role for people with no mapped group" },
  SSO_WORKSPACE: { schema: text, doc: "the workspace SSO people join" },
  SSO_ALLOWED_DOMAINS: { schema: text, doc: "email domains allowed to sign in" },
  OTEL_SDK_DISABLED: { schema: text, doc: "true turns OpenTelemetry export off" },
  OTEL_TRACES_EXPORTER: { schema: text, doc: "none turns trace export off" },
  OTEL_EXPORTER_OTLP_ENDPOINT: { schema: text, doc: "base URL of the OTLP/HTTP receiver" },
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: { schema: text, doc: "the full traces URL" },
  OTEL_EXPORTER_OTLP_HEADERS: { schema: text, doc: "headers sent with every export" },
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: { schema: text, doc: "headers sent with trace exports" },
  OTEL_EXPORTER_OTLP_TIMEOUT: { schema: text, doc: "ms per export request" },
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: { schema: text, doc: "ms per trace export request" },
  OTEL_SERVICE_NAME: { schema: text, doc: "the service.name of every span" },
  OTEL_RESOURCE_ATTRIBUTES: { schema: text, doc: "more resource attributes" },
  OTEL_GENAI_CAPTURE_CONTENT: { schema: text, doc: "true adds prompts and replies to spans" },
  OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: { schema: text, doc: "the standard name of the same switch" },
  OTEL_BSP_SCHEDULE_DELAY: { schema: text, doc: "batch span processor delay" },
  OTEL_BSP_MAX_QUEUE_SIZE: { schema: text, doc: "batch span processor queue" },
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: { schema: text, doc: "batch span processor batch" },
} satisfies Record<string, Variable>;

type Variables = typeof VARIABLES;
export type Config = { [K in keyof Variables]: z.output<Variables[K]["schema"]> };
export const VARIABLE_NAMES = Object.keys(VARIABLES) as (keyof Variables)[];

/** Parses every declared variable of `source`; all problems are reported at once, each naming its variable. */
export function readConfig(source: Env): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const name of VARIABLE_NAMES) {
    const raw = source[name];
    const parsed = VARIABLES[name].schema.safeParse(raw === "" ? undefined : raw);
    if (parsed.success) out[name] = parsed.data;
    else {
      const shown = (VARIABLES[name] as Variable).secret ? "(hidden)" : JSON.stringify(raw);
      problems.push(`${name}=${shown}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid configuration: ${problems.join(" · ")}`);
  return out as Config;
}

let cached: { key: string; value: Config } | null = null;

/**
 * The configuration as the environment says now. Tests and the start script set variables at run time (each test
 * file's DATABASE_URL), so the parse is cached only while the declared variables keep their values.
 */
export function config(): Config {
  const env = processEnv();
  // Inside the Next.js server nothing changes the environment after it starts, and the hot paths ask for the
  // configuration several times per request: checking 61 variables cost about 17 µs each time (bench:engine).
  if (cached && env.NEXT_RUNTIME) return cached.value;
  const key = VARIABLE_NAMES.map((name) => env[name] ?? "\u0000").join("\u0001");
  if (cached?.key !== key) cached = { key, value: readConfig(env) };
  return cached.value;
}

/** The raw environment, for parsers of a variable family that tests call with an environment of their own. */
export function processEnv(): NodeJS.ProcessEnv {
  return process.env;
}
