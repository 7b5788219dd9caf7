// Order numbers look like A1001; people type them in any case, sometimes with a leading '#'.
const ORDER_NUMBER = /#?\b([A-Za-z]\d{4,6})\b/;

export function extractOrderNumber(text: string): string | null {
  const match = ORDER_NUMBER.exec(text);
  return match ? match[1].toUpperCase() : null;
}
