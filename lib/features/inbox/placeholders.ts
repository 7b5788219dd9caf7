// {{customer.name}}-style placeholders in canned replies, filled from the conversation's customer. Only the names
// below are known; anything else is left as typed so the operator sees it before sending. A known placeholder with
// no value (no customer on the conversation) is left too, and reported, rather than silently becoming "".

export type PlaceholderValues = {
  customer: { name: string; firstName: string; ref: string } | null;
  operator: { name: string };
};

export const PLACEHOLDERS = ["customer.name", "customer.first_name", "customer.ref", "operator.name"] as const;

const PATTERN = /\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}/gi;

function valueOf(key: string, values: PlaceholderValues): string | null {
  switch (key) {
    case "customer.name":
      return values.customer?.name || null;
    case "customer.first_name":
      return values.customer?.firstName || null;
    case "customer.ref":
      return values.customer?.ref || null;
    case "operator.name":
      return values.operator.name || null;
    default:
      return null;
  }
}

export function fillPlaceholders(template: string, values: PlaceholderValues): { text: string; unfilled: string[] } {
  const unfilled = new Set<string>();
  const text = template.replace(PATTERN, (match, raw: string) => {
    const value = valueOf(raw.toLowerCase(), values);
    if (value === null) {
      unfilled.add(raw);
      return match;
    }
    return value;
  });
  return { text, unfilled: [...unfilled] };
}

export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? "";
