// Customer e-mail addresses are shown masked in lists ("j***@example.com"): enough to tell people apart, not enough
// to copy the address. Pure.
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return email ? "***" : "";
  return `${email[0]}***${email.slice(at)}`;
}
