import type { NamespaceKeys, NestedKeyOf } from "next-intl";
import type { Messages } from "./messages";

/** A namespace ("desk") or a part of one ("desk.goodwill") that `useTranslations` can be given. */
export type ClientNamespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

/**
 * The namespaces the islands on every page translate on the client (the
 * shell: language switch, navigation, palette, shortcuts, the search box and
 * the state badges and match reasons in its suggestions). The
 * root layout sends only these; a layout or page adds its own islands' with
 * `withClientMessages` (client-messages.tsx).
 */
export const rootClientNamespaces = [
  "common",
  "nav",
  "palette",
  "customers.search",
  "customers.refusal",
  "customers.match",
  "customers.results.row",
  "cards.state",
] as const satisfies readonly ClientNamespace[];

/** A tree of messages: the shape next-intl's providers take. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

/** The parts of `messages` at the given dotted paths, in the catalog's own nesting. */
export function pickMessages(messages: object, paths: readonly string[]): MessageTree {
  const picked: MessageTree = {};
  for (const path of paths) {
    const parts = path.split(".");
    let from: unknown = messages;
    for (const part of parts) from = (from as Record<string, unknown> | undefined)?.[part];
    if (from === undefined) throw new Error(`No messages at "${path}"`);
    let into = picked;
    for (const part of parts.slice(0, -1)) {
      const next = into[part];
      into = into[part] = typeof next === "object" ? next : {};
    }
    into[parts.at(-1)!] = from as MessageTree;
  }
  return picked;
}

/** `inner` laid over `outer`, subtree by subtree (a scope may add "desk.goodwill" beside an outer "desk.context"). */
export function mergeMessages(outer: MessageTree, inner: MessageTree): MessageTree {
  const merged: MessageTree = { ...outer };
  for (const [key, value] of Object.entries(inner)) {
    const existing = merged[key];
    merged[key] =
      typeof value === "object" && typeof existing === "object" && existing !== value
        ? mergeMessages(existing, value)
        : value;
  }
  return merged;
}
