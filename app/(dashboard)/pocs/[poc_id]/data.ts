/**
 * The POC loaders of the [poc_id] segment, cached per request so the layout's access check,
 * the metadata and the page share their queries.
 */
import { cache } from "react";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/api/errors";
import { requirePageActor } from "@/lib/auth/page";
import { Id } from "@/lib/pocs/schemas";
import * as pocs from "@/lib/pocs/service";

/** Calls `load`, turning a malformed id or the service's not-found into the 404 page. */
async function orNotFound<T>(pocId: string, load: (id: string) => Promise<T>): Promise<T> {
  if (!Id.safeParse(pocId).success) notFound();
  try {
    return await load(pocId);
  } catch (error) {
    if (error instanceof AppError && error.code === "resource/not-found") notFound();
    throw error;
  }
}

export const loadPocSummary = cache(async (pocId: string) => {
  const actor = await requirePageActor();
  return orNotFound(pocId, (id) => pocs.getPocSummary(actor, id));
});

/**
 * The POC with its children. On its page that is a view, credited to its grants' activity
 * (once per request, through cache); the edit form, and the re-render a server action sends
 * back after a change, are not views.
 */
const readPoc = cache(async (pocId: string, purpose: "view" | "edit") => {
  const [actor, request] = await Promise.all([requirePageActor(), headers()]);
  const isView = purpose === "view" && !request.has("next-action");
  return orNotFound(pocId, (id) => (isView ? pocs.viewPoc(actor, id, { userAgent: request.get("user-agent") }) : pocs.getPoc(actor, id)));
});

export const loadPoc = (pocId: string) => readPoc(pocId, "view");
export const loadPocToEdit = (pocId: string) => readPoc(pocId, "edit");

export const loadAssignees = cache(async (pocId: string) => {
  const actor = await requirePageActor();
  return pocs.listAssignees(actor, pocId);
});
