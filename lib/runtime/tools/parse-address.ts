// Reading a one-line postal address as customers type it. Pure, so slot extraction can recognise an address in a
// message without the tool that stores it.
/** Order.shippingAddress as the seed shapes it, plus the line the customer typed. */
export type ShippingAddress = { line1: string; city: string; postcode: string; country: string; raw: string };

const COUNTRIES: Record<string, string> = {
  us: "US",
  usa: "US",
  "u.s.": "US",
  "u.s.a.": "US",
  "united states": "US",
  "united states of america": "US",
  uk: "GB",
  gb: "GB",
  "united kingdom": "GB",
  "great britain": "GB",
  england: "GB",
  scotland: "GB",
  wales: "GB",
  canada: "CA",
  mexico: "MX",
  mx: "MX",
  ireland: "IE",
  ie: "IE",
  germany: "DE",
  de: "DE",
  france: "FR",
  fr: "FR",
  spain: "ES",
  es: "ES",
  italy: "IT",
  it: "IT",
  netherlands: "NL",
  nl: "NL",
  australia: "AU",
  au: "AU",
};

// US ZIP (97205, 97205-1234), UK (NW1 6XE, SW1A 1AA), Canadian (K1A 0B1), then plain 4–6 digit codes.
const POSTCODES = [
  /\b\d{5}(?:-\d{4})?\b/,
  /\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/i,
  /\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b/i,
  /\b\d{4,6}\b/,
];
// A US state or Canadian province written next to the ZIP ("Portland, OR 97205"): not part of the city.
const REGION = /^[A-Z]{2}$/;

/** The postcode in a message ("it's 97205", "NW1 6XE"), upper-cased; null when there is none. */
export function extractPostcode(text: string): string | null {
  for (const pattern of POSTCODES) {
    const match = pattern.exec(text);
    if (match) return match[0].toUpperCase();
  }
  return null;
}

/** Postcodes compare without spaces or dashes and case: "nw1 6xe" is "NW1 6XE". */
export function samePostcode(a: string, b: string): boolean {
  const norm = (value: string) => value.replace(/[\s-]+/g, "").toUpperCase();
  return norm(a) !== "" && norm(a) === norm(b);
}

/**
 * Parses a one-line address into the stored shape: the first comma-separated part (and any before the city) is the
 * street, the part holding the postcode or the one just before it is the city, a trailing country name or code sets
 * the country (otherwise `fallbackCountry`). Returns null when it cannot find a street, a city and a postcode.
 */
export function parseAddress(line: string, fallbackCountry: string): ShippingAddress | null {
  const raw = line.trim().replace(/\s+/g, " ");
  const parts = raw.split(/\s*[,;\n]\s*/).filter(Boolean);
  if (parts.length < 2) return null;
  let country = fallbackCountry;
  const last = COUNTRIES[parts[parts.length - 1].toLowerCase()];
  if (last) {
    country = last;
    parts.pop();
  }
  for (let index = parts.length - 1; index >= 1; index--) {
    const pattern = POSTCODES.find((p) => p.test(parts[index]));
    if (!pattern) continue;
    const postcode = pattern.exec(parts[index])![0].toUpperCase();
    const words = parts[index].replace(pattern, " ").trim().split(" ").filter(Boolean);
    // "OR 97205" / "or 97205": a region on its own; "Portland OR 97205": a city followed by one.
    if (words.length === 1 ? /^[a-z]{2}$/i.test(words[0]) : REGION.test(words[words.length - 1] ?? "")) words.pop();
    const rest = words.join(" ");
    // "Portland 97205" or "10115 Berlin": the city shares the part; "Portland, OR 97205": it is the part before.
    const cityIndex = rest ? index : index - 1;
    const city = rest || parts[cityIndex];
    if (cityIndex < 1 || !city) return null;
    return { line1: parts.slice(0, cityIndex).join(", "), city, postcode, country, raw };
  }
  return null;
}

export function formatAddress(address: Pick<ShippingAddress, "line1" | "city" | "postcode" | "country">): string {
  return `${address.line1}, ${address.city} ${address.postcode}, ${address.country}`;
}
