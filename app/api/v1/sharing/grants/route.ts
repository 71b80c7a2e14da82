import { json, withActor } from "@/lib/api/handler";
import { CreateGrantInput, SubjectQuery } from "@/lib/sharing/schemas";
import * as sharing from "@/lib/sharing/service";

export const POST = withActor({ body: CreateGrantInput, idempotent: { authorize: ({ actor, body }) => sharing.authorizeCreateGrant(actor, body) } }, async ({ actor, body }) =>
  json(await sharing.createGrant(actor, body), { status: 201 }),
);

export const GET = withActor({ query: SubjectQuery }, async ({ actor, query }) => json({ data: await sharing.listGrants(actor, query) }));
