import { shareErrorResponse } from "@/components/share/share-response";

export const dynamic = "force-dynamic";

/** `/share/` without a token answers like any unknown token. */
export function GET(): Response {
  return shareErrorResponse("share/not-found");
}
