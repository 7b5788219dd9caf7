// Acme Retail's customers, products, orders and payments: realistic, deterministic, relative to a fixed epoch so
// tests can name orders (A1001…) and know their state.
import { pick, prng } from "@/lib/platform/prng";

export const DEMO_EPOCH = new Date("2026-11-01T09:00:00Z");

export type DemoCustomer = { ref: string; name: string; email: string; phone: string; tier: string };
export type DemoProduct = { sku: string; name: string; priceCents: number };
export type DemoOrder = {
  number: string;
  customerRef: string;
  status: "processing" | "shipped" | "delivered" | "cancelled" | "refunded";
  items: { sku: string; quantity: number }[];
  shippingAddress: { line1: string; city: string; postcode: string; country: string };
  carrier: string | null;
  trackingNumber: string | null;
  placedAt: Date;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  payment: { method: string; cardLast4: string | null; status: "captured" | "refunded" | "disputed" };
};

export const PRODUCTS: DemoProduct[] = [
  { sku: "TRL-RUN-42", name: "Trail running shoes", priceCents: 12900 },
  { sku: "WNT-JKT-M", name: "Insulated winter jacket", priceCents: 18900 },
  { sku: "MRN-TEE-S", name: "Merino base-layer tee", priceCents: 5400 },
  { sku: "CTN-SOCK-3", name: "Cotton socks, 3-pack", priceCents: 1500 },
  { sku: "DAY-PACK-22", name: "22 L day pack", priceCents: 7900 },
  { sku: "STL-BTL-750", name: "Steel bottle 750 ml", priceCents: 2900 },
  { sku: "HDL-LMP-300", name: "Head lamp 300 lm", priceCents: 3900 },
  { sku: "RAIN-SHL-L", name: "Rain shell jacket", priceCents: 14900 },
  { sku: "WOOL-BNE", name: "Wool beanie", priceCents: 2400 },
  { sku: "YOGA-MAT-6", name: "Yoga mat 6 mm", priceCents: 4900 },
  { sku: "SLP-BAG-3S", name: "Three-season sleeping bag", priceCents: 21900 },
  { sku: "CMP-STV-1", name: "Compact camping stove", priceCents: 6900 },
];

const FIRST = [
  "Maya",
  "Liam",
  "Sofia",
  "Noah",
  "Aisha",
  "Lucas",
  "Hana",
  "Mateo",
  "Zoe",
  "Ethan",
  "Priya",
  "Oliver",
  "Chloe",
  "Kenji",
  "Amara",
  "Leo",
  "Ines",
  "Samuel",
  "Nora",
  "Jonas",
];
const LAST = [
  "Chen",
  "Okafor",
  "Garcia",
  "Müller",
  "Khan",
  "Rossi",
  "Tanaka",
  "Silva",
  "Novak",
  "Dubois",
  "Patel",
  "Larsen",
  "Haddad",
  "Kowalski",
  "Mensah",
  "Ivanova",
  "Brown",
  "Nakamura",
  "Costa",
  "Schmidt",
];
const STREETS = [
  "Maple Ave",
  "Harbour St",
  "Oak Lane",
  "King's Rd",
  "Elm Court",
  "Station Rd",
  "Mill St",
  "Park Crescent",
];
const CITIES = [
  { city: "Portland", postcode: "97205", country: "US" },
  { city: "Austin", postcode: "78701", country: "US" },
  { city: "Denver", postcode: "80202", country: "US" },
  { city: "Boston", postcode: "02108", country: "US" },
  { city: "Seattle", postcode: "98101", country: "US" },
];
const CARRIERS = ["UPS", "FedEx", "USPS"];

const DAY = 86_400_000;

function customers(): DemoCustomer[] {
  const random = prng(1001);
  return Array.from({ length: 40 }, (_, i) => {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7 + 3) % LAST.length];
    const slug = `${first}.${last}`
      .toLowerCase()
      .normalize("NFD")
      .replace(/[^a-z.]/g, "");
    return {
      ref: `C-${1001 + i}`,
      name: `${first} ${last}`,
      email: `${slug}${i >= 20 ? i : ""}@example.com`,
      phone: `+1 555 01${String(10 + Math.floor(random() * 89)).padStart(2, "0")}`,
      tier: i % 9 === 0 ? "gold" : "standard",
    };
  });
}

// The first orders are fixtures the demo script and tests rely on; the rest are generated.
const FIXTURES: Array<
  Pick<DemoOrder, "status"> & { customer: number; items: DemoOrder["items"]; daysAgo: number; disputed?: boolean }
> = [
  {
    customer: 0,
    status: "shipped",
    items: [
      { sku: "TRL-RUN-42", quantity: 1 },
      { sku: "CTN-SOCK-3", quantity: 2 },
    ],
    daysAgo: 3,
  },
  { customer: 0, status: "delivered", items: [{ sku: "MRN-TEE-S", quantity: 1 }], daysAgo: 12 },
  { customer: 1, status: "processing", items: [{ sku: "WNT-JKT-M", quantity: 1 }], daysAgo: 1 },
  {
    customer: 2,
    status: "delivered",
    items: [
      { sku: "SLP-BAG-3S", quantity: 1 },
      { sku: "CMP-STV-1", quantity: 1 },
    ],
    daysAgo: 9,
  },
  { customer: 3, status: "delivered", items: [{ sku: "STL-BTL-750", quantity: 2 }], daysAgo: 20, disputed: true },
  { customer: 4, status: "cancelled", items: [{ sku: "YOGA-MAT-6", quantity: 1 }], daysAgo: 15 },
];

export function retailDemoData(): { customers: DemoCustomer[]; products: DemoProduct[]; orders: DemoOrder[] } {
  const people = customers();
  const random = prng(2002);
  const orders: DemoOrder[] = [];
  const total = 120;
  for (let i = 0; i < total; i++) {
    const fixture = FIXTURES[i];
    const customer = fixture ? people[fixture.customer] : pick(random, people);
    const items = fixture
      ? fixture.items
      : Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
          sku: pick(random, PRODUCTS).sku,
          quantity: 1 + Math.floor(random() * 2),
        }));
    const daysAgo = fixture ? fixture.daysAgo : 1 + Math.floor(random() * 60);
    const status: DemoOrder["status"] = fixture
      ? fixture.status
      : daysAgo < 2
        ? "processing"
        : daysAgo < 6
          ? "shipped"
          : random() < 0.06
            ? "cancelled"
            : random() < 0.05
              ? "refunded"
              : "delivered";
    const placedAt = new Date(DEMO_EPOCH.getTime() - daysAgo * DAY);
    const shipped = status === "shipped" || status === "delivered" || status === "refunded";
    const carrier = shipped ? pick(random, CARRIERS) : null;
    const where = pick(random, CITIES);
    const method = random() < 0.8 ? "card" : "paypal";
    orders.push({
      number: `A${1001 + i}`,
      customerRef: customer.ref,
      status,
      items,
      shippingAddress: { line1: `${10 + Math.floor(random() * 880)} ${pick(random, STREETS)}`, ...where },
      carrier,
      trackingNumber: carrier
        ? `${carrier.slice(0, 2).toUpperCase()}${String(Math.floor(random() * 1e10)).padStart(10, "0")}`
        : null,
      placedAt,
      shippedAt: shipped ? new Date(placedAt.getTime() + DAY) : null,
      deliveredAt: status === "delivered" || status === "refunded" ? new Date(placedAt.getTime() + 4 * DAY) : null,
      payment: {
        method,
        cardLast4: method === "card" ? String(1000 + Math.floor(random() * 9000)) : null,
        status: fixture?.disputed ? "disputed" : status === "refunded" ? "refunded" : "captured",
      },
    });
  }
  return { customers: people, products: PRODUCTS, orders };
}
