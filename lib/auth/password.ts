import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";
import { PASSWORD_MAX_BYTES } from "./password-policy";

// OWASP's argon2id baseline (19 MiB, 2 passes): about 20 ms here.
// algorithm 2 is Argon2id (a const enum in the typings, unusable with isolatedModules).
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  // The policy refuses longer passwords before this; this is the last line.
  if (Buffer.byteLength(password, "utf8") > PASSWORD_MAX_BYTES) throw new RangeError("password too long to hash");
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  // No stored password is longer; a huge one is refused without the work of hashing it.
  if (Buffer.byteLength(password, "utf8") > PASSWORD_MAX_BYTES) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Verified against when the email is unknown, so both failures take the same time. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}

export { PASSWORD_MIN_LENGTH } from "./password-policy";
