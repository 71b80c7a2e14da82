import { desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { databaseKind, getDb } from "@/db/client";
import { auditEvents, memberships, pocs, tenants, users } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { recordAudit } from "@/lib/audit/service";
import { executeRows, sendLast, transaction } from "@/lib/db/repo";
import { countRows } from "../helpers";

/** The messages of an error and its causes (drizzle wraps driver errors). */
function messagesOf(error: unknown): string {
  const parts: string[] = [];
  for (let e = error; e instanceof Error; e = e.cause) parts.push(e.message);
  return parts.join(" | ");
}

async function expectRefusedAsAppendOnly(query: PromiseLike<unknown>) {
  let caught: unknown;
  try {
    await query;
  } catch (error) {
    caught = error;
  }
  expect(messagesOf(caught)).toContain("audit_events is append-only");
}

describe("demo seed", () => {
  it("writes the demo once: true, then false, with the same rows", async () => {
    expect(await seedDemo(getDb())).toBe(true);
    const counts = async () => ({ users: await countRows(users), tenants: await countRows(tenants), memberships: await countRows(memberships), pocs: await countRows(pocs) });
    expect(await counts()).toEqual({ users: 5, tenants: 2, memberships: 5, pocs: 4 });
    expect(await seedDemo(getDb())).toBe(false);
    expect(await counts()).toEqual({ users: 5, tenants: 2, memberships: 5, pocs: 4 });
  });

  it("stores passwords only as Argon2id hashes", async () => {
    const rows = await getDb().select({ hash: users.passwordHash }).from(users);
    for (const { hash } of rows) expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe("audit_events is append-only (SECURITY 22)", () => {
  // Through the audit service, the only writer: a bare INSERT without chain fields is refused.
  async function insertEvent() {
    await transaction((tx) => recordAudit(tx, { system: true }, { tenantId: null, action: "test.event", subjectType: "poc", subjectId: null, payload: { note: "original" } }));
    const [row] = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "test.event")).orderBy(desc(auditEvents.id)).limit(1);
    return row!;
  }

  it("accepts inserts", async () => {
    const row = await insertEvent();
    expect(row).toMatchObject({ action: "test.event", payload: { note: "original" } });
    expect(await getDb().select().from(auditEvents).where(eq(auditEvents.id, row.id))).toHaveLength(1);
  });

  it("refuses UPDATE, leaving the row as it was", async () => {
    const row = await insertEvent();
    await expectRefusedAsAppendOnly(getDb().update(auditEvents).set({ payload: { note: "rewritten" } }).where(eq(auditEvents.id, row.id)));
    const [after] = await getDb().select().from(auditEvents).where(eq(auditEvents.id, row.id));
    expect(after!.payload).toEqual({ note: "original" });
  });

  it("refuses DELETE and TRUNCATE, keeping every row", async () => {
    const row = await insertEvent();
    const before = await countRows(auditEvents);
    await expectRefusedAsAppendOnly(getDb().delete(auditEvents).where(eq(auditEvents.id, row.id)));
    await expectRefusedAsAppendOnly(getDb().delete(auditEvents));
    await expectRefusedAsAppendOnly(getDb().execute(sql`truncate audit_events`));
    expect(await countRows(auditEvents)).toBe(before);
  });
});

describe("a statement sent with the COMMIT (sendLast)", () => {
  const name = () => `sendLast ${Math.random().toString(36).slice(2)}`;
  const tenantNamed = async (n: string) => getDb().select().from(tenants).where(eq(tenants.name, n));

  it("commits with the transaction's other writes", async () => {
    const n = name();
    await transaction(async (tx) => {
      await tx.insert(tenants).values({ name: n, slug: n.replace(/\W/g, "-") });
      await sendLast(tx, () => tx.execute(sql`select 1`));
    });
    expect(await tenantNamed(n)).toHaveLength(1);
  });

  it("when it fails, the transaction fails with its error and nothing it wrote remains", async () => {
    const n = name();
    let caught: unknown;
    try {
      await transaction(async (tx) => {
        await tx.insert(tenants).values({ name: n, slug: n.replace(/\W/g, "-") });
        await sendLast(tx, () => tx.execute(sql`select 1 / (select count(*) - count(*) from tenants)`));
        return "answered before the database did";
      });
    } catch (error) {
      caught = error;
    }
    expect(messagesOf(caught)).toContain("division by zero");
    expect(await tenantNamed(n)).toHaveLength(0);
  });
});

describe("drizzle's statements on PostgreSQL are named (one round trip, not describe-then-bind)", () => {
  const probe = `probe_${Math.random().toString(36).slice(2)}`;
  // The connection's own prepared statements (pg_prepared_statements is per session); PGlite runs in process and prepares nothing.
  const namedOnThisConnection = (tx: Parameters<Parameters<typeof transaction>[0]>[0], text: string) =>
    executeRows<{ n: number }>(tx, sql`select count(*)::int as n from pg_prepared_statements where statement like ${`%${text}%`}`);

  it("a parameterised statement, in a transaction and out of one, is kept prepared by its connection; a large batch is not", async () => {
    const small = await transaction(async (tx) => {
      await tx.execute(sql`select ${1}::int as ${sql.raw(probe)}`);
      return namedOnThisConnection(tx, probe);
    });
    const batchProbe = `${probe}_batch`;
    const large = await transaction(async (tx) => {
      const many = sql.join(Array.from({ length: 65 }, (_, i) => sql`${i}::int`), sql`, `);
      await tx.execute(sql`select array[${many}] as ${sql.raw(batchProbe)}`);
      return namedOnThisConnection(tx, batchProbe);
    });
    if (databaseKind() === "postgres") {
      expect(small[0]!.n).toBe(1);
      expect(large[0]!.n).toBe(0);
    } else {
      expect([small[0]!.n, large[0]!.n]).toEqual([0, 0]);
    }
  });
});
