// Order numbers look like A1001; people type them in any case, sometimes with a leading '#'.
const ORDER_NUMBER = /#?\b([A-Za-z]\d{4,6})\b/g;

export function extractOrderNumber(text: string): string | null {
  for (const match of text.matchAll(ORDER_NUMBER)) {
    const before = text[match.index - 1];
    const after = text[match.index + match[0].length];
    // "a1001@example.com" or "shop.a1001.io" is an address, not an order someone is asking about.
    if (
      after === "@" ||
      before === "@" ||
      before === "." ||
      (after === "." && /\w/.test(text[match.index + match[0].length + 1] ?? ""))
    )
      continue;
    return match[1].toUpperCase();
  }
  return null;
}
