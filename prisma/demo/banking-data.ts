// Acme Bank's cards for the demo customers: what the freeze_card tool changes. Deterministic, so tests can name a
// card ("C-1001's Visa ending 4242").
import { pick, prng } from "@/lib/platform/prng";

export type DemoCard = { customerRef: string; last4: string; brand: string };

const BRANDS = ["Visa", "Mastercard"];

export function bankingDemoCards(customerRefs: string[]): DemoCard[] {
  const random = prng(3003);
  const cards: DemoCard[] = [];
  customerRefs.forEach((customerRef, i) => {
    // The first customer's card is a fixture the tests and the README use.
    if (i === 0) {
      cards.push({ customerRef, last4: "4242", brand: "Visa" });
      return;
    }
    const count = i % 4 === 0 ? 2 : 1;
    for (let n = 0; n < count; n++) {
      cards.push({ customerRef, last4: String(1000 + Math.floor(random() * 9000)), brand: pick(random, BRANDS) });
    }
  });
  return cards;
}
