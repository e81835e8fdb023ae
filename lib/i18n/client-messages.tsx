import { getMessages } from "next-intl/server";
import { MessagesScope } from "./messages-scope";
import { pickMessages, type ClientNamespace } from "./client-namespaces";

/**
 * What client components may translate, namespace by namespace. The whole
 * catalog (about 70 KB a locale) used to ride in every page; now the root
 * layout sends `rootClientNamespaces`, and a layout or page adds its own
 * islands' namespaces with `withClientMessages`. Server components translate
 * with the full catalog and need none of this.
 *
 * tests/unit/client-messages.test.ts finds every client module a route can
 * render and fails when one translates a namespace its route does not provide.
 */
export async function clientMessages(namespaces: readonly ClientNamespace[]) {
  return pickMessages(await getMessages(), namespaces);
}

/**
 * A layout or page whose whole output (its islands and, for a layout, every
 * page below) can translate `namespaces` on the client as well. Wrapping the
 * component, rather than placing a provider inside it, is what lets the test
 * trust it: nothing the component renders can sit outside the provider.
 */
export function withClientMessages<P extends object>(
  namespaces: readonly ClientNamespace[],
  Component: (props: P) => React.ReactNode | Promise<React.ReactNode>,
) {
  return async function WithClientMessages(props: P) {
    return (
      <MessagesScope messages={await clientMessages(namespaces)}>
        <Component {...props} />
      </MessagesScope>
    );
  };
}
