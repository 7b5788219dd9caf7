// Header values for a remote agent: a value may be a template over the turn, and a header that names a workspace
// secret gets it where the value says {{secret}} (or as the whole value). The secret values are returned too, so
// errors can be scrubbed before they reach a span.
import { renderTemplate } from "@/lib/model/flow/template";

export type HeaderSetting = { name: string; value: string; secret: string };

const SECRET_PLACEHOLDER = /\{\{\s*secret\s*\}\}/g;
const HAS_SECRET_PLACEHOLDER = /\{\{\s*secret\s*\}\}/;

export async function resolveHeaders(
  settings: HeaderSetting[],
  context: Record<string, unknown>,
  readSecret: (name: string) => Promise<string>,
): Promise<{ headers: Record<string, string>; secrets: string[] }> {
  const headers: Record<string, string> = {};
  const secrets: string[] = [];
  for (const header of settings) {
    const name = header.name.trim();
    if (!header.secret) {
      const rendered = renderTemplate(header.value, context);
      if (rendered.missing.length)
        throw new Error(`missing value for ${rendered.missing.map((p) => `{{${p}}}`).join(", ")} in header ${name}`);
      headers[name] = rendered.text;
      continue;
    }
    const secret = await readSecret(header.secret);
    secrets.push(secret);
    headers[name] = HAS_SECRET_PLACEHOLDER.test(header.value)
      ? header.value.replace(SECRET_PLACEHOLDER, () => secret)
      : secret;
  }
  return { headers, secrets };
}

/** Replaces every secret value in a text (errors from the remote side may echo a header back). */
export function scrubSecrets(text: string, secrets: string[]): string {
  return secrets
    .filter((secret) => secret.length >= 4)
    .reduce((out, secret) => out.split(secret).join("[secret]"), text);
}
