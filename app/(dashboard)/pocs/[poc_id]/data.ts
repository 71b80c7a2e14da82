/**
 * The POC loaders of the [poc_id] segment, cached per request so the layout's access check,
 * the metadata and the page share their queries.
 */
import { cache } from "react";
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

export const loadPoc = cache(async (pocId: string) => {
  const actor = await requirePageActor();
  return orNotFound(pocId, (id) => pocs.getPoc(actor, id));
});

export const loadAssignees = cache(async (pocId: string) => {
  const actor = await requirePageActor();
  return pocs.listAssignees(actor, pocId);
});
