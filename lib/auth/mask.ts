/** "agent@example.com" → "ag***@example.com": enough to spot a pattern, not to learn an address. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  return `${email.slice(0, Math.min(2, at))}***${email.slice(at).slice(0, 80)}`;
}
