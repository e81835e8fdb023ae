import { notFound } from "next/navigation";

/** Any address the console does not know is its own 404, inside the shell (sidebar, search, palette). */
export default function UnknownPage() {
  notFound();
}
