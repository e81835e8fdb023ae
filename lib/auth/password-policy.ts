import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN_LENGTH = 12;
/** argon2 hashes bytes; a cap in characters would let 4-byte characters through at 1 KiB. */
export const PASSWORD_MAX_BYTES = 256;
/** zxcvbn's "safely unguessable" (≥ 10^8 guesses): common passwords and their variants score lower. */
const MIN_SCORE = 3;

let zxcvbn: ZxcvbnFactory | undefined;

export type PasswordProblem = "passwordTooShort" | "passwordTooLong" | "passwordCommon";

export function passwordBytes(password: string): number {
  return Buffer.byteLength(password, "utf8");
}

/**
 * Why a new password is refused, or null. Checked before hashing: length in
 * characters, size in bytes, then the common-password dictionary and
 * patterns (`password1234`, keyboard walks, the person's own email or name).
 */
export function passwordProblem(password: string, userInputs: string[] = []): PasswordProblem | null {
  if (passwordBytes(password) > PASSWORD_MAX_BYTES) return "passwordTooLong";
  if ([...password].length < PASSWORD_MIN_LENGTH) return "passwordTooShort";
  zxcvbn ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  // The whole input, an email's local part, and each word of either.
  const inputs = userInputs
    .flatMap((input) => [input, input.split("@")[0]!, ...input.split(/[@.\s]+/)])
    .filter((s) => s.length >= 3);
  return zxcvbn.check(password, inputs).score < MIN_SCORE ? "passwordCommon" : null;
}
