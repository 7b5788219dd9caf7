// Check-digit algorithms. They are what separates a real identifier from a number that merely has the right shape,
// so every detector that can use one does — it is the main defence against redacting order ids and amounts.

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

/** ISO 13616 mod-97 on a compact, upper-case IBAN (country, check digits, BBAN). */
export function ibanChecksumValid(compact: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  // Letters expand to two digits (A=10 … Z=35); folding the remainder as we go keeps the number small.
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** Verhoeff check (used by Indian Aadhaar numbers); the last digit is the check digit. */
export function verhoeffValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    c = VERHOEFF_D[c][VERHOEFF_P[i % 8][d]];
  }
  return c === 0;
}

const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

/** Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter); the letter is the number mod 23. */
export function spanishIdValid(compact: string): boolean {
  const id = compact.toUpperCase();
  const dni = /^(\d{8})([A-Z])$/.exec(id);
  if (dni) return DNI_LETTERS[Number(dni[1]) % 23] === dni[2];
  const nie = /^([XYZ])(\d{7})([A-Z])$/.exec(id);
  if (nie) return DNI_LETTERS[Number(String("XYZ".indexOf(nie[1])) + nie[2]) % 23] === nie[3];
  return false;
}

/** US SSN ranges the SSA never issues: area 000, 666 or 9xx; group 00; serial 0000. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  if (area === "000" || area === "666" || area[0] === "9") return false;
  return group !== "00" && serial !== "0000";
}

// HMRC: the first letter is never D F I Q U V, the second never D F I O Q U V, and these prefixes are not allocated.
const NINO_BAD_FIRST = new Set("DFIQUV");
const NINO_BAD_SECOND = new Set("DFIOQUV");
const NINO_BAD_PREFIXES = new Set(["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"]);

/** UK National Insurance number prefix rules (the 6 digits and A–D suffix are checked by the caller's pattern). */
export function ninoPrefixValid(prefix: string): boolean {
  const p = prefix.toUpperCase();
  return !NINO_BAD_FIRST.has(p[0]) && !NINO_BAD_SECOND.has(p[1]) && !NINO_BAD_PREFIXES.has(p);
}
