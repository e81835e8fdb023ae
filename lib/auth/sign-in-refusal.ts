import { AuthError } from "next-auth";

export type SignInRefusal =
  | { kind: "invalid" | "two_factor_required" | "two_factor_invalid" | "unavailable" }
  | { kind: "throttled"; retryAfterSeconds: number };

/**
 * What a failed signIn() means for the person at the form. Only a credentials
 * refusal may say "email or password is incorrect"; anything else (the
 * database is down, a bug) says the service is unavailable, so nobody resets a
 * good password because of an outage.
 */
export function signInRefusal(error: unknown): SignInRefusal {
  if (error instanceof AuthError && error.type === "CredentialsSignin") {
    const code = String((error as AuthError & { code?: unknown }).code ?? "");
    const throttled = /^throttled-(\d+)$/.exec(code);
    if (throttled) return { kind: "throttled", retryAfterSeconds: Number(throttled[1]) };
    if (code === "two_factor_required" || code === "two_factor_invalid") return { kind: code };
    return { kind: "invalid" };
  }
  return { kind: "unavailable" };
}
