/**
 * The demo data a fresh install starts with: tenant "Acme" (admin, two members, an executive,
 * three POCs) and tenant "Globex" (admin, one POC). Runs once: a second start finds the
 * marker tenant and does nothing.
 */
import { eq, sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "./client";
import * as t from "./schema";

export const DEMO_PASSWORD = "demo-pass-2026";

export const DEMO_USERS = [
  { key: "acmeAdmin", email: "admin@acme.test", name: "Alice Admin", tenant: "acme", role: "tenant_admin" },
  { key: "acmeMark", email: "mark@acme.test", name: "Mark Member", tenant: "acme", role: "member" },
  { key: "acmeMia", email: "mia@acme.test", name: "Mia Member", tenant: "acme", role: "member" },
  { key: "acmeExec", email: "erin@acme.test", name: "Erin Executive", tenant: "acme", role: "executive" },
  { key: "globexAdmin", email: "admin@globex.test", name: "Gus Globex", tenant: "globex", role: "tenant_admin" },
] as const;

type UserKey = (typeof DEMO_USERS)[number]["key"];

type DemoPoc = {
  tenant: "acme" | "globex";
  owner: UserKey;
  title: string;
  customer: string;
  description: string;
  objectives: string;
  status: t.Poc["status"];
  start: string;
  end: string;
  groups: { name: string; tasks: { title: string; status: t.Task["status"]; assignee?: UserKey; due?: string }[] }[];
  criteria: { description: string; status: t.SuccessCriterion["status"] }[];
  comments: { author: UserKey; body: string; replies?: { author: UserKey; body: string }[] }[];
};

const DEMO_POCS: DemoPoc[] = [
  {
    tenant: "acme",
    owner: "acmeAdmin",
    title: "Northwind data platform pilot",
    customer: "Northwind Traders",
    description: "Prove that the streaming ingestion pipeline handles Northwind's order volume.",
    objectives: "Ingest 50k orders/min with < 2 s end-to-end latency; self-serve dashboards for ops.",
    status: "active",
    start: "2026-11-02",
    end: "2026-12-18",
    groups: [
      {
        name: "Setup",
        tasks: [
          { title: "Provision sandbox environment", status: "done", assignee: "acmeMark", due: "2026-11-06" },
          { title: "Connect order database via CDC", status: "in_progress", assignee: "acmeMia", due: "2026-11-20" },
        ],
      },
      {
        name: "Validation",
        tasks: [
          { title: "Replay one week of production traffic", status: "todo", assignee: "acmeMark", due: "2026-12-04" },
          { title: "Latency report for the steering committee", status: "blocked", due: "2026-12-11" },
        ],
      },
    ],
    criteria: [
      { description: "Sustains 50k orders/min for 1 hour", status: "pending" },
      { description: "p95 end-to-end latency under 2 s", status: "met" },
    ],
    comments: [
      {
        author: "acmeAdmin",
        body: "Kick-off went well; Northwind wants the latency report before the holidays.",
        replies: [{ author: "acmeMark", body: "Sandbox is up, sharing credentials in the vault." }],
      },
    ],
  },
  {
    tenant: "acme",
    owner: "acmeMark",
    title: "Contoso SSO rollout",
    customer: "Contoso Ltd",
    description: "Single sign-on for 3,000 Contoso employees through their existing IdP.",
    objectives: "SAML and SCIM provisioning working for two pilot departments.",
    status: "draft",
    start: "2026-11-16",
    end: "2027-01-15",
    groups: [
      {
        name: "Identity",
        tasks: [
          { title: "Exchange SAML metadata", status: "done", assignee: "acmeMark", due: "2026-11-18" },
          { title: "Map Contoso groups to roles", status: "todo", assignee: "acmeMark", due: "2026-11-30" },
          { title: "SCIM provisioning dry run", status: "todo", due: "2026-12-09" },
        ],
      },
    ],
    criteria: [
      { description: "Pilot users sign in without a password prompt", status: "pending" },
      { description: "Leavers lose access within 15 minutes", status: "pending" },
    ],
    comments: [{ author: "acmeMark", body: "Contoso's IdP team is available Tuesdays and Thursdays." }],
  },
  {
    tenant: "acme",
    owner: "acmeMia",
    title: "Fabrikam analytics evaluation",
    customer: "Fabrikam Inc",
    description: "Replace Fabrikam's nightly reports with live dashboards.",
    objectives: "Five core reports rebuilt; finance signs off on the numbers.",
    status: "on_hold",
    start: "2026-10-05",
    end: "2026-11-27",
    groups: [
      {
        name: "Reports",
        tasks: [
          { title: "Rebuild revenue by region", status: "done", assignee: "acmeMia", due: "2026-10-20" },
          { title: "Rebuild churn cohort report", status: "in_progress", assignee: "acmeMia", due: "2026-11-10" },
        ],
      },
      { name: "Sign-off", tasks: [{ title: "Finance review session", status: "todo", due: "2026-11-25" }] },
    ],
    criteria: [{ description: "Finance accepts all five reports", status: "not_met" }],
    comments: [
      {
        author: "acmeMia",
        body: "On hold until Fabrikam's fiscal year closes.",
        replies: [{ author: "acmeAdmin", body: "Agreed, let's revisit in December." }],
      },
    ],
  },
  {
    tenant: "globex",
    owner: "globexAdmin",
    title: "Globex warehouse robotics trial",
    customer: "Initech Logistics",
    description: "Pick-rate trial of autonomous carts in one Initech warehouse.",
    objectives: "20% more picks per hour with no safety incidents.",
    status: "active",
    start: "2026-11-09",
    end: "2027-02-01",
    groups: [{ name: "Trial", tasks: [{ title: "Map warehouse aisles", status: "in_progress", assignee: "globexAdmin" }] }],
    criteria: [{ description: "Pick rate up 20%", status: "pending" }],
    comments: [{ author: "globexAdmin", body: "Safety officer signed the trial plan." }],
  },
];

const SEED_LOCK = 7_240_002;

/** Seeds the demo once. Returns true when it wrote the data, false when it was already there. */
export async function seedDemo(db: Db): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const existing = await tx.select({ id: t.tenants.id }).from(t.tenants).where(eq(t.tenants.slug, "acme"));
    if (existing.length > 0) return false;

    const [acme, globex] = await tx
      .insert(t.tenants)
      .values([
        { name: "Acme", slug: "acme" },
        { name: "Globex", slug: "globex" },
      ])
      .returning();
    const tenantIds = { acme: acme!.id, globex: globex!.id };

    const userIds = {} as Record<UserKey, string>;
    for (const u of DEMO_USERS) {
      const [row] = await tx.insert(t.users).values({ email: u.email, name: u.name, passwordHash }).returning();
      userIds[u.key] = row!.id;
      await tx.insert(t.memberships).values({ tenantId: tenantIds[u.tenant], userId: row!.id, role: u.role });
    }

    for (const p of DEMO_POCS) {
      const [poc] = await tx
        .insert(t.pocs)
        .values({
          tenantId: tenantIds[p.tenant],
          ownerId: userIds[p.owner],
          title: p.title,
          customer: p.customer,
          description: p.description,
          objectives: p.objectives,
          status: p.status,
          startDate: p.start,
          endDate: p.end,
        })
        .returning();
      const pocId = poc!.id;
      for (const [gi, g] of p.groups.entries()) {
        const [group] = await tx.insert(t.taskGroups).values({ pocId, name: g.name, position: gi }).returning();
        await tx.insert(t.tasks).values(
          g.tasks.map((task, ti) => ({
            pocId,
            groupId: group!.id,
            title: task.title,
            status: task.status,
            assigneeId: task.assignee ? userIds[task.assignee] : null,
            dueDate: task.due ?? null,
            position: ti,
          })),
        );
      }
      await tx.insert(t.successCriteria).values(p.criteria.map((c, i) => ({ pocId, ...c, position: i })));
      for (const c of p.comments) {
        const [parent] = await tx.insert(t.comments).values({ pocId, authorUserId: userIds[c.author], body: c.body }).returning();
        for (const r of c.replies ?? []) {
          await tx.insert(t.comments).values({ pocId, parentId: parent!.id, authorUserId: userIds[r.author], body: r.body });
        }
      }
    }
    return true;
  });
}
