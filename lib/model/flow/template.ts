// Reply templates: {{path.to.value}} filled from a context object. Unknown variables are reported, not guessed.
const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\s*\}\}/g;

export function templateVariables(template: string): string[] {
  return [...template.matchAll(VARIABLE)].map((match) => match[1]);
}

function lookup(context: Record<string, unknown>, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined),
      context,
    );
}

export function renderTemplate(
  template: string,
  context: Record<string, unknown>,
): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = template.replace(VARIABLE, (_, path: string) => {
    const value = lookup(context, path);
    if (value === undefined || value === null) {
      missing.push(path);
      return "";
    }
    return String(value);
  });
  return { text, missing };
}
