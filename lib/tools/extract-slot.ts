// Deterministic slot extraction from a customer message: what an agent can fill without asking.
import { extractOrderNumber } from "./order-number";

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const AMOUNT = /(?:[$€£]\s?(\d{1,7}(?:[.,]\d{1,2})?)|(\d{1,7}(?:[.,]\d{1,2})?)\s?(?:dollars|usd|eur|euros|pounds|gbp)\b)/i;
const ISO_DATE = /\b(\d{4}-\d{2}-\d{2})\b/;
const PHONE = /\+?\d[\d ().-]{7,}\d/;

export type SlotKind = "order_number" | "email" | "amount" | "date" | "phone" | "text";

export function extractSlot(kind: SlotKind, text: string): string | number | null {
  switch (kind) {
    case "order_number":
      return extractOrderNumber(text);
    case "email":
      return EMAIL.exec(text)?.[0].toLowerCase() ?? null;
    case "amount": {
      const match = AMOUNT.exec(text);
      return match ? Number((match[1] ?? match[2]).replace(",", ".")) : null;
    }
    case "date": {
      const iso = ISO_DATE.exec(text)?.[1];
      if (iso) return iso;
      const lower = text.toLowerCase();
      const day = 86_400_000;
      if (/\btoday\b/.test(lower)) return new Date().toISOString().slice(0, 10);
      if (/\byesterday\b/.test(lower)) return new Date(Date.now() - day).toISOString().slice(0, 10);
      if (/\btomorrow\b/.test(lower)) return new Date(Date.now() + day).toISOString().slice(0, 10);
      return null;
    }
    case "phone": {
      const match = PHONE.exec(text)?.[0];
      return match && match.replace(/\D/g, "").length >= 9 ? match.trim() : null;
    }
    case "text":
      return text.trim() || null;
  }
}
