/**
 * The whole data model of poc-manager (DESIGN.md "Domain model"). One file, with the
 * row types inferred from it; migrations under db/migrations are generated from this file.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  inet,
  integer,
  json,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const tstz = (name: string) => timestamp(name, { withTimezone: true });

export const tenantRole = pgEnum("tenant_role", ["tenant_admin", "member", "executive"]);
export const teamSource = pgEnum("team_source", ["manual", "scim"]);
export const pocStatus = pgEnum("poc_status", ["draft", "active", "on_hold", "won", "lost"]);
export const taskStatus = pgEnum("task_status", ["todo", "in_progress", "blocked", "done"]);
export const criterionStatus = pgEnum("criterion_status", ["pending", "met", "not_met"]);
export const grantSubjectType = pgEnum("grant_subject_type", ["poc"]);
export const grantPrincipalType = pgEnum("grant_principal_type", ["user", "team", "role", "link", "embed"]);
export const grantAction = pgEnum("grant_action", ["view", "download", "comment", "edit", "share"]);
export const actorType = pgEnum("actor_type", ["user", "api_token", "system", "public", "scim_token"]);
export const outboxStatus = pgEnum("outbox_status", ["pending", "sent", "failed"]);
export const viewNotice = pgEnum("view_notice", ["off", "first", "every"]);
export const shareViewKind = pgEnum("share_view_kind", ["view", "gate", "export"]);

export const tenants = pgTable("tenants", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Stored lower-cased by the service; the unique index makes email the global identity.
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email), check("users_email_lower", sql`${t.email} = lower(${t.email})`)],
);

/**
 * Server-side sign-in sessions. The session cookie (next-auth's encrypted JWT) carries only
 * the session id; every request looks the row up together with the user (one query), so
 * signing out, "sign out everywhere", a password change or a deactivation ends a copied
 * cookie on its next request.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    ip: inet("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    expiresAt: tstz("expires_at").notNull(),
    revokedAt: tstz("revoked_at"),
  },
  (t) => [index("sessions_user_live_idx").on(t.userId).where(sql`${t.revokedAt} is null`)],
);

export const memberships = pgTable(
  "memberships",
  {
    tenantId: uuid("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: tenantRole("role").notNull(),
    // Deactivated in this tenant (SCIM `active: false`): no access here, on the next request.
    active: boolean("active").notNull().default(true),
    // SCIM attributes of this member in this tenant. user_name is filled from the user's email
    // when a membership is created outside SCIM (trigger in the migration), so every member
    // has one and `userName eq` is one index lookup.
    userName: text("user_name"),
    externalId: text("external_id"),
    scimAttributes: jsonb("scim_attributes").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    index("memberships_user_idx").on(t.userId),
    uniqueIndex("memberships_tenant_user_name_key").on(t.tenantId, sql`lower(${t.userName})`),
    uniqueIndex("memberships_tenant_external_key").on(t.tenantId, t.externalId).where(sql`${t.externalId} is not null`),
    index("memberships_tenant_updated_idx").on(t.tenantId, t.updatedAt),
  ],
);

export const teams = pgTable(
  "teams",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    source: teamSource("source").notNull().default("manual"),
    externalId: text("external_id"),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("teams_tenant_name_key").on(t.tenantId, t.name),
    index("teams_tenant_lower_name_idx").on(t.tenantId, sql`lower(${t.name})`),
    uniqueIndex("teams_tenant_external_key").on(t.tenantId, t.externalId).where(sql`${t.externalId} is not null`),
  ],
);

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_members_user_idx").on(t.userId)],
);

export const pocs = pgTable(
  "pocs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id").notNull().references(() => users.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    customer: text("customer").notNull().default(""),
    objectives: text("objectives").notNull().default(""),
    status: pocStatus("status").notNull().default("draft"),
    startDate: date("start_date"),
    endDate: date("end_date"),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("pocs_tenant_idx").on(t.tenantId, t.createdAt),
    index("pocs_owner_idx").on(t.ownerId),
    // The POC list's three orders, each a keyset the list seeks into (lib/pocs/repo.ts, ORDER).
    index("pocs_list_updated_idx").on(t.tenantId, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("pocs_list_due_idx").on(t.tenantId, sql`coalesce(${t.endDate}, 'infinity'::date)`, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("pocs_list_title_idx").on(t.tenantId, sql`lower(${t.title})`, t.id),
  ],
);

export const taskGroups = pgTable(
  "task_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    pocId: uuid("poc_id").notNull().references(() => pocs.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("task_groups_poc_idx").on(t.pocId)],
);

export const tasks = pgTable(
  "tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // poc_id is kept beside group_id so a POC's tasks load in one indexed query.
    pocId: uuid("poc_id").notNull().references(() => pocs.id, { onDelete: "cascade" }),
    groupId: uuid("group_id").notNull().references(() => taskGroups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    status: taskStatus("status").notNull().default("todo"),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    dueDate: date("due_date"),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  // (poc_id, status): a POC's progress counts are read from the index alone, however its tasks lie on disk.
  (t) => [index("tasks_poc_status_idx").on(t.pocId, t.status), index("tasks_group_idx").on(t.groupId), index("tasks_assignee_idx").on(t.assigneeId)],
);

export const successCriteria = pgTable(
  "success_criteria",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    pocId: uuid("poc_id").notNull().references(() => pocs.id, { onDelete: "cascade" }),
    description: text("description").notNull(),
    status: criterionStatus("status").notNull().default("pending"),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("success_criteria_poc_status_idx").on(t.pocId, t.status)],
);

export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    pocId: uuid("poc_id").notNull().references(() => pocs.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    // A guest commenting through a share link: a name (and email) instead of a user.
    guestName: text("guest_name"),
    guestEmail: text("guest_email"),
    viaGrantId: uuid("via_grant_id"),
    body: text("body").notNull(),
    // Internal comments are for the POC's own tenant: never on share pages, embeds or exports.
    internal: boolean("internal").notNull().default(false),
    editedAt: tstz("edited_at"),
    // Soft delete: the row stays (replies keep their parent), the body is cleared.
    deletedAt: tstz("deleted_at"),
    deletedBy: uuid("deleted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("comments_poc_idx").on(t.pocId, t.createdAt),
    index("comments_author_idx").on(t.authorUserId),
    check("comments_author", sql`${t.authorUserId} is not null or ${t.guestName} is not null`),
  ],
);

/**
 * The anonymous share view's POC-derived parts as ready JSON: task groups with their tasks,
 * success criteria and comment threads, in the PublicPocView's keys and order. Triggers keep
 * each row current in the same transaction as every change to those tables or to a user's
 * name (migration 0004), so the share lookup reads one row instead of aggregating ~30 on
 * every request. A POC without a row has none of these children yet.
 */
export const pocPublicDocs = pgTable("poc_public_docs", {
  pocId: uuid("poc_id")
    .primaryKey()
    .references(() => pocs.id, { onDelete: "cascade" }),
  taskGroups: json("task_groups").notNull(),
  successCriteria: json("success_criteria").notNull(),
  comments: json("comments").notNull(),
});

export const sharingGrants = pgTable(
  "sharing_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    subjectType: grantSubjectType("subject_type").notNull().default("poc"),
    subjectId: uuid("subject_id").notNull(),
    principalType: grantPrincipalType("principal_type").notNull(),
    principalUserId: uuid("principal_user_id").references(() => users.id, { onDelete: "cascade" }),
    principalEmail: text("principal_email"),
    principalTeamId: uuid("principal_team_id").references(() => teams.id, { onDelete: "cascade" }),
    principalRole: tenantRole("principal_role"),
    actions: grantAction("actions").array().notNull(),
    watermark: boolean("watermark").notNull().default(false),
    passwordHash: text("password_hash"),
    // Bumped on every password change: unlock cookies carry it, so old ones stop working.
    passwordVersion: integer("password_version").notNull().default(0),
    // Verified viewers (links): a one-time email code before the view; the lists imply it.
    requireVerifiedEmail: boolean("require_verified_email").notNull().default(false),
    allowedViewers: text("allowed_viewers").array().notNull().default(sql`'{}'::text[]`),
    deniedViewers: text("denied_viewers").array().notNull().default(sql`'{}'::text[]`),
    // Bumped when who may view is tightened: viewer passes carry it, so older ones stop working.
    optionVersion: integer("option_version").notNull().default(0),
    expiresAt: tstz("expires_at"),
    tokenHash: text("token_hash"),
    tokenEncrypted: text("token_encrypted"),
    embedOrigins: text("embed_origins").array(),
    // Email the creator on the first view, or on every view (at most one email per hour).
    notifyViews: viewNotice("notify_views").notNull().default("off"),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdByTokenId: uuid("created_by_token_id"),
    createdAt: createdAt(),
    updatedByUserId: uuid("updated_by_user_id"),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
    revokedByUserId: uuid("revoked_by_user_id"),
    revokedAt: tstz("revoked_at"),
    tombstonedAt: tstz("tombstoned_at"),
  },
  (t) => [
    uniqueIndex("sharing_grants_token_hash_key").on(t.tokenHash).where(sql`${t.tokenHash} is not null`),
    // Rule 5: one live public link per POC, enforced by the database under concurrency.
    uniqueIndex("sharing_grants_one_live_link")
      .on(t.subjectType, t.subjectId)
      .where(sql`${t.principalType} = 'link' and ${t.revokedAt} is null and ${t.tombstonedAt} is null`),
    index("sharing_grants_subject_live_idx")
      .on(t.subjectType, t.subjectId)
      .where(sql`${t.revokedAt} is null and ${t.tombstonedAt} is null`),
    index("sharing_grants_user_idx").on(t.principalUserId).where(sql`${t.principalUserId} is not null`),
    index("sharing_grants_team_idx").on(t.principalTeamId).where(sql`${t.principalTeamId} is not null`),
    index("sharing_grants_email_idx").on(t.principalEmail).where(sql`${t.principalEmail} is not null`),
    index("sharing_grants_tenant_idx").on(t.tenantId, t.principalType),
    // The POC list's role grants of a member: their tenant and role, not every role grant of the tenant.
    index("sharing_grants_role_idx").on(t.tenantId, t.principalRole).where(sql`${t.principalType} = 'role'`),
    check("sharing_grants_has_view", sql`'view' = any(${t.actions})`),
    // The lists imply verification, so the share lookup reads one boolean instead of both lists.
    check(
      "sharing_grants_lists_imply_verification",
      sql`${t.requireVerifiedEmail} or (cardinality(${t.allowedViewers}) = 0 and cardinality(${t.deniedViewers}) = 0)`,
    ),
  ],
);

/**
 * Per-tenant keys that sign embed tokens (JWTs). The private key is stored sealed with the app
 * secret; the public JWK verifies. A rotation marks the current key `rotated_at` and gives it a
 * `retires_at` (the grace period, which an admin can end early): from then on its tokens are
 * refused. One current key per tenant (a partial unique index, safe under concurrency).
 */
export const embedSigningKeys = pgTable(
  "embed_signing_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    kid: text("kid").notNull(),
    alg: text("alg").notNull(),
    publicJwk: jsonb("public_jwk").notNull(),
    privateKeyEncrypted: text("private_key_encrypted").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    rotatedAt: tstz("rotated_at"),
    retiresAt: tstz("retires_at"),
  },
  (t) => [
    uniqueIndex("embed_signing_keys_kid_key").on(t.kid),
    uniqueIndex("embed_signing_keys_one_current").on(t.tenantId).where(sql`${t.rotatedAt} is null`),
  ],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: uuid("tenant_id"),
    actorType: actorType("actor_type").notNull(),
    actorUserId: uuid("actor_user_id"),
    actorTokenId: uuid("actor_token_id"),
    ip: inet("ip"),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: uuid("subject_id"),
    payload: jsonb("payload").notNull(),
    createdAt: createdAt(),
    // The POC the event concerns, when there is one (filters and links on the audit page).
    pocId: uuid("poc_id"),
    // The tenant's hash chain (lib/audit/chain.ts): position, previous hash, SHA-256 of both.
    // Null only on rows written before the chain existed.
    chainSeq: bigint("chain_seq", { mode: "number" }),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    index("audit_events_tenant_idx").on(t.tenantId, t.createdAt),
    index("audit_events_subject_idx").on(t.subjectId),
    index("audit_events_tenant_id_idx").on(t.tenantId, t.id),
    index("audit_events_tenant_poc_idx").on(t.tenantId, t.pocId, t.id),
    // Two writers can never take the same place in a tenant's chain (no forks).
    uniqueIndex("audit_events_chain_key").on(sql`coalesce(${t.tenantId}::text, 'global')`, t.chainSeq),
  ],
);

/**
 * The head of each tenant's audit chain: its last position and hash. Appending an event locks
 * this row (UPDATE), which serialises the tenant's writers, and lets verify notice a removed
 * last row. `chain_key` is the tenant id, or "global" for events outside any tenant.
 */
export const auditChainHeads = pgTable("audit_chain_heads", {
  chainKey: text("chain_key").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  // The hash of the row before the head: the append statement reads it back (RETURNING
  // gives only the new values) to store it on the new row.
  prevHash: text("prev_hash"),
  hash: text("hash").notNull(),
});

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // The caller the key belongs to (e.g. "token:<id>" or "user:<id>"): keys never cross callers.
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status"),
    responseBody: jsonb("response_body"),
    createdAt: createdAt(),
    expiresAt: tstz("expires_at").notNull(),
  },
  (t) => [uniqueIndex("idempotency_keys_scope_key").on(t.scope, t.key)],
);

export const rateLimitBuckets = pgTable("rate_limit_buckets", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  windowStart: tstz("window_start").notNull(),
});

export const accessRequestStatus = pgEnum("access_request_status", ["pending", "approved", "dismissed"]);

/**
 * "Request access" from an expired or revoked link's page: who asked, for which POC (through
 * which dead link), and what the owner or an admin decided.
 */
export const accessRequests = pgTable(
  "access_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    pocId: uuid("poc_id").notNull().references(() => pocs.id, { onDelete: "cascade" }),
    viaGrantId: uuid("via_grant_id").references(() => sharingGrants.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    email: text("email").notNull(),
    message: text("message").notNull(),
    status: accessRequestStatus("status").notNull().default("pending"),
    ip: inet("ip"),
    createdAt: createdAt(),
    decidedAt: tstz("decided_at"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    grantId: uuid("grant_id").references(() => sharingGrants.id, { onDelete: "set null" }),
  },
  (t) => [
    index("access_requests_poc_idx").on(t.pocId, t.createdAt),
    // One open request per person and POC: asking again does not notify the owner again.
    uniqueIndex("access_requests_pending_key").on(t.pocId, t.email).where(sql`${t.status} = 'pending'`),
  ],
);

export const shareViews = pgTable(
  "share_views",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // Null only for an export by a tenant admin or the POC's owner (no grant involved).
    grantId: uuid("grant_id").references(() => sharingGrants.id, { onDelete: "cascade" }),
    viewerEmail: text("viewer_email"),
    // An embed viewer named by the integrator with an id rather than an email (viewer tokens).
    viewerExternalId: text("viewer_external_id"),
    ip: inet("ip"),
    userAgent: text("user_agent"),
    viewedAt: tstz("viewed_at").notNull().defaultNow(),
    // A page view, the watermark gate's record of an email, or a download/export.
    kind: shareViewKind("kind").notNull().default("view"),
    // A signed-in member viewing through a user, team or role grant (or exporting, see below).
    viewerUserId: uuid("viewer_user_id"),
    // Exports: the file format and the forensic export id burned into the file.
    format: text("format"),
    exportId: text("export_id"),
    // Exports: the POC (always set); the grant is null for an export by a tenant admin or the
    // POC's owner, who hold no grant.
    pocId: uuid("poc_id").references(() => pocs.id, { onDelete: "cascade" }),
  },
  (t) => [
    index("share_views_grant_idx").on(t.grantId, t.viewedAt),
    index("share_views_viewed_at_idx").on(t.viewedAt),
    uniqueIndex("share_views_export_id_key").on(t.exportId),
    check("share_views_export_shape", sql`(${t.kind} = 'export') = (${t.exportId} is not null) and (${t.grantId} is not null or ${t.pocId} is not null)`),
  ],
);

/** When a grant's creator was last emailed about a view (one email per grant per hour). */
export const grantViewNotices = pgTable("grant_view_notices", {
  grantId: uuid("grant_id")
    .primaryKey()
    .references(() => sharingGrants.id, { onDelete: "cascade" }),
  lastSentAt: tstz("last_sent_at").notNull(),
});

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    // A token acts as the admin who created it, with that user's role checked on each request.
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // The first characters of the token, shown in lists so people can tell tokens apart.
    displayPrefix: text("display_prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    lastUsedAt: tstz("last_used_at"),
    revokedAt: tstz("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash_key").on(t.tokenHash), index("api_tokens_tenant_idx").on(t.tenantId)],
);

export const scimTokens = pgTable(
  "scim_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    displayPrefix: text("display_prefix").notNull().default(""),
    tokenHash: text("token_hash").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastUsedAt: tstz("last_used_at"),
    revokedAt: tstz("revoked_at"),
  },
  (t) => [uniqueIndex("scim_tokens_hash_key").on(t.tokenHash), index("scim_tokens_tenant_idx").on(t.tenantId)],
);

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id"),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    // The message's one link (an invitation), stored apart so the outbox copies exactly it.
    linkUrl: text("link_url"),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at").notNull().defaultNow(),
    lastError: text("last_error"),
    // One-time codes: the body is replaced once delivered (or given up on), so no code outlives its email.
    redactAfterSend: boolean("redact_after_send").notNull().default(false),
    createdAt: createdAt(),
    sentAt: tstz("sent_at"),
  },
  (t) => [index("email_outbox_pending_idx").on(t.status, t.nextAttemptAt)],
);

/**
 * One-time email codes of verified links: 6 digits, stored only as an HMAC (keyed by the
 * server secret, bound to the row id), valid 10 minutes and 5 tries. A newer code for the
 * same link and email replaces the older one (replaced_at).
 */
export const shareEmailCodes = pgTable(
  "share_email_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    grantId: uuid("grant_id").notNull().references(() => sharingGrants.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: createdAt(),
    expiresAt: tstz("expires_at").notNull(),
    usedAt: tstz("used_at"),
    replacedAt: tstz("replaced_at"),
  },
  (t) => [index("share_email_codes_lookup_idx").on(t.grantId, t.email, t.createdAt)],
);

/** Single-use invitations to sign up, sent with a grant to an email that has no account yet. */
export const invites = pgTable(
  "invites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    grantId: uuid("grant_id").references(() => sharingGrants.id, { onDelete: "cascade" }),
    // Set (and grant_id null) on an account-setup link: a SCIM-provisioned member of this tenant
    // choosing the password their account was created without.
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    // Set too on an invitation to join the tenant (Settings → Members): the role the membership
    // is created with when the link is used.
    role: tenantRole("role"),
    tokenHash: text("token_hash").notNull(),
    invitedByUserId: uuid("invited_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: tstz("expires_at").notNull(),
    usedAt: tstz("used_at"),
    // Set when the grant is revoked or edited away, or when the invitation is sent again.
    revokedAt: tstz("revoked_at"),
  },
  (t) => [uniqueIndex("invites_token_hash_key").on(t.tokenHash), index("invites_email_idx").on(t.email)],
);

export type Tenant = typeof tenants.$inferSelect;
export type User = typeof users.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type TenantRole = (typeof tenantRole.enumValues)[number];
export type Poc = typeof pocs.$inferSelect;
export type AccessRequest = typeof accessRequests.$inferSelect;
export type NewPoc = typeof pocs.$inferInsert;
export type TaskGroup = typeof taskGroups.$inferSelect;
export type Task = typeof tasks.$inferSelect;
export type SuccessCriterion = typeof successCriteria.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type SharingGrant = typeof sharingGrants.$inferSelect;
export type GrantAction = (typeof grantAction.enumValues)[number];
export type ApiToken = typeof apiTokens.$inferSelect;
export type ScimToken = typeof scimTokens.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type EmbedSigningKey = typeof embedSigningKeys.$inferSelect;
