/** A renewal's receipt number, as printed and as customers quote it: "R9665". */
export function receiptNumber(renewalId: number): string {
  return `R${renewalId}`;
}

/** "R9665", "r9665" or "#R9665" → 9665; anything else → null. Ids stay within int4. */
export function parseReceiptNumber(typed: string): number | null {
  const match = /^#?R(\d{1,10})$/i.exec(typed.trim());
  if (!match) return null;
  const id = Number(match[1]);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}
