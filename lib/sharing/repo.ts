import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * SQL condition on a sharing_grants row aliased `g`: the grant is live now (rule 2) and
 * matches the user directly, through one of their teams, or through their current role in
 * the subject's tenant. Evaluated inside the same query as the subject, so access is always
 * judged at request time and in one round trip.
 */
export function liveGrantMatchingUser(userId: string, subjectId: AnyPgColumn | SQL, subjectTenantId: AnyPgColumn | SQL): SQL {
  return sql`g.subject_type = 'poc' and g.subject_id = ${subjectId}
    and g.revoked_at is null and g.tombstoned_at is null
    and (g.expires_at is null or g.expires_at > now())
    and (
      (g.principal_type = 'user' and g.principal_user_id = ${userId})
      or (g.principal_type = 'team' and g.principal_team_id in (select tm.team_id from team_members tm where tm.user_id = ${userId}))
      or (g.principal_type = 'role' and g.principal_role = (
        select m.role from memberships m where m.tenant_id = ${subjectTenantId} and m.user_id = ${userId}))
    )`;
}
