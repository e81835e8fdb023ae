import { routeId } from "@/lib/domain/route-id";

/** A row id from a ?key= query value (a keyset cursor); anything else, repeated keys included, is null. */
export function queryId(value: string | string[] | undefined): number | null {
  return typeof value === "string" ? routeId(value) : null;
}
