// Phone numbers are shown like e-mail addresses (mask-email.ts): enough to match what a caller reads out, the last
// digits, not enough to copy the number. Pure.
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, "");
  if (digits.length <= 4) return "•••";
  return `••• ${digits.slice(-4)}`;
}
