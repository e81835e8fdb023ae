"use client";

import { IntlErrorCode, NextIntlClientProvider, useLocale, useMessages, type IntlError } from "next-intl";
import { useMemo } from "react";
import { mergeMessages, type MessageTree } from "./client-namespaces";

/**
 * A client message the provider does not hold can only mean a route forgot a
 * namespace (every key is type-checked against the catalog): throw, so the
 * island fails into error.tsx, and an e2e test that visits it fails, instead
 * of showing "desk.goodwill.title" to an agent. Other problems are logged as
 * next-intl does by default.
 */
function failOnMissingMessage(error: IntlError) {
  if (error.code === IntlErrorCode.MISSING_MESSAGE) throw error;
  console.error(error);
}

/**
 * Adds `messages` to those of the providers above. next-intl's nested
 * provider (use-intl 4.14's IntlProvider) inherits locale, time zone, formats
 * and onError from its parent but *replaces* its messages; merging here lets
 * each layout or page add only its own namespaces.
 */
export function MessagesScope({ messages, children }: { messages?: MessageTree; children: React.ReactNode }) {
  const locale = useLocale();
  const outer = useMessages() as unknown as MessageTree;
  const merged = useMemo(() => (messages ? mergeMessages(outer, messages) : outer), [outer, messages]);
  return (
    <NextIntlClientProvider locale={locale} messages={merged} onError={failOnMissingMessage}>
      {children}
    </NextIntlClientProvider>
  );
}
