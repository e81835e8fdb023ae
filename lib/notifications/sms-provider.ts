import { workerEnv, type WorkerEnv } from "@/lib/env";

/** Sends one SMS. `dedupeKey` is passed on so a provider that dedupes never delivers twice. */
export interface SmsProvider {
  readonly name: string;
  send(message: { to: string; body: string; dedupeKey: string }): Promise<{ providerMessageId: string }>;
}

/** Numbers in logs show only the country code and last 4 digits. */
export function maskMsisdn(msisdn: string): string {
  return `${msisdn.slice(0, msisdn.startsWith("+852") ? 4 : 3)}••••${msisdn.slice(-4)}`;
}

/**
 * The default provider delivers nowhere: the worker marks the message sent in
 * the database and this logs it, so a demo shows what the customer would get.
 */
export const logSmsProvider: SmsProvider = {
  name: "log",
  async send(message) {
    console.log(`[sms] to ${maskMsisdn(message.to)} (${message.dedupeKey}): ${message.body}`);
    return { providerMessageId: `log-${message.dedupeKey}` };
  },
};

/**
 * A real gateway reached over HTTPS: SMS_PROVIDER=http, SMS_HTTP_URL and
 * SMS_HTTP_TOKEN. It receives {to, body, idempotencyKey} and answers {id}.
 */
export function httpSmsProvider(url: string, token: string): SmsProvider {
  return {
    name: "http",
    async send(message) {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          "idempotency-key": message.dedupeKey,
        },
        body: JSON.stringify({ to: message.to, body: message.body, idempotencyKey: message.dedupeKey }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
      const payload = (await response.json()) as { id?: string };
      return { providerMessageId: String(payload.id ?? "") };
    },
  };
}

/** The provider SMS_PROVIDER names (validated by lib/env.ts: http comes with its URL and token). */
export function configuredSmsProvider(config: WorkerEnv = workerEnv()): SmsProvider {
  if (config.SMS_PROVIDER === "http" && config.SMS_HTTP_URL && config.SMS_HTTP_TOKEN) {
    return httpSmsProvider(config.SMS_HTTP_URL, config.SMS_HTTP_TOKEN);
  }
  return logSmsProvider;
}
