import { json, withActor } from "@/lib/api/handler";
import { ViewsQuery } from "@/lib/activity/schemas";
import { grantViews } from "@/lib/activity/service";
import { GrantParams } from "@/lib/sharing/schemas";

export const GET = withActor({ params: GrantParams, query: ViewsQuery }, async ({ actor, params, query }) => json(await grantViews(actor, params.grant_id, query)));
