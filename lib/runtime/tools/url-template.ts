// URL templates for HTTP tools: `https://api.example.com/orders/{{orderNumber}}?expand={{state.expand}}`.
// Pure (no Node APIs) so the designer can validate and the tool registry can derive input schemas.
// Rules: placeholders use the reply-template syntax ({{name}} or {{dotted.path}}); every value is URL-encoded with
// encodeURIComponent, so a value can never add a path segment, a query parameter, a fragment or user info; and
// placeholders may only appear after the origin (scheme://host[:port]/), so flow input can never choose the server.
const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\s*\}\}/g;

/** Distinct placeholder paths in order of first use. */
export function urlTemplateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(VARIABLE)].map((m) => m[1]))];
}

/** Problems with a URL template, in words for the designer; empty when it is usable. */
export function checkUrlTemplate(template: string): string[] {
  const issues: string[] = [];
  const trimmed = template.trim();
  if (!trimmed) return ["Enter the URL."];
  if (/\{\{(?![^{}]*\}\})/.test(trimmed) || /\{\{\s*\}\}/.test(trimmed))
    issues.push("A {{placeholder}} is not closed or is empty.");
  const first = trimmed.search(/\{\{/);
  const sample = trimmed.replace(VARIABLE, "x");
  let parsed: URL | null = null;
  try {
    parsed = new URL(sample);
  } catch {
    issues.push("The URL is not valid (it must start with https:// or http://).");
  }
  if (parsed) {
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
      issues.push("Only http:// and https:// URLs are allowed.");
    if (parsed.username || parsed.password) issues.push("Do not put credentials in the URL; use a secret header.");
  }
  if (first >= 0) {
    const prefix = trimmed.slice(0, first);
    const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#{}]+[/?#]/i.exec(prefix);
    if (!origin)
      issues.push("Placeholders may only appear after the host, e.g. https://api.example.com/orders/{{orderNumber}}.");
  }
  return issues;
}

function lookup(context: Record<string, unknown>, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined),
      context,
    );
}

/**
 * Fills a URL template. Missing (undefined/null) values and values that are not scalars (objects, arrays) are
 * reported, not rendered.
 */
export function renderUrlTemplate(
  template: string,
  context: Record<string, unknown>,
): { url: string; missing: string[]; invalid: string[] } {
  const missing: string[] = [];
  const invalid: string[] = [];
  const url = template.trim().replace(VARIABLE, (_, path: string) => {
    const value = lookup(context, path);
    if (value === undefined || value === null) {
      missing.push(path);
      return "";
    }
    if (
      typeof value === "string" ||
      typeof value === "number" ||
      typeof value === "boolean" ||
      typeof value === "bigint"
    ) {
      return encodeURIComponent(String(value));
    }
    invalid.push(path);
    return "";
  });
  return { url, missing, invalid };
}
