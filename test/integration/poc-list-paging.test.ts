/**
 * The POC list's keyset pages (GET /api/v1/pocs?…&limit=…&cursor=…): every POC exactly once
 * and in order for each sort, also across ties (same title, same end date, the same
 * updated_at, and updated_at a microsecond apart); bad cursors and page sizes are 422s.
 */
import { inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { pocs } from "@/db/schema";
import * as pocsRoute from "@/app/api/v1/pocs/route";
import { listPocOwners } from "@/lib/pocs/service";
import { actor, asToken, asUser, expectProblem, problemFields, seed, type Caller } from "../helpers";

type Item = { id: string; title: string; end_date: string | null; updated_at: string };

let admin: Caller;
/** The test's own POCs (their titles all contain "Paging"), and how the database stores their keys. */
let mine: { id: string; title: string; endDate: string | null; updatedAt: string }[] = [];

const list = (caller: Caller, query: string) => caller(pocsRoute.GET, { path: `/api/v1/pocs${query}` });

/** Follows `next` until the last page; returns each page's items. */
async function allPages(caller: Caller, query: string): Promise<Item[][]> {
  const pages: Item[][] = [];
  let cursor: string | null = null;
  do {
    const res = await list(caller, `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body.data);
    cursor = res.body.next;
    expect(pages.length).toBeLessThan(50);
  } while (cursor);
  return pages;
}

beforeAll(async () => {
  await seed();
  admin = await asUser("acmeAdmin");
  const acme = await actor("acmeAdmin");
  const titles = ["Paging b", "PAGING a", "paging same", "Paging same", "paging same", "Paging c", "paging Ä", "Paging 10", "Paging 9", "Paging z", "Paging same", "Paging d", "Paging e"];
  const ends = [null, "2027-01-31", "2027-01-31", null, "2026-12-01", "2027-01-31", null, "2027-01-31", "2026-12-01", "2027-03-01", "2027-01-31", null, "2027-01-31"];
  const rows = await getDb()
    .insert(pocs)
    .values(titles.map((title, i) => ({ tenantId: acme.tenantId!, ownerId: acme.userId, title, customer: `Paging customer ${i}`, endDate: ends[i] })))
    .returning({ id: pocs.id });
  const ids = rows.map((r) => r.id);
  // Ties: five share one updated_at exactly; two more sit a microsecond either side of it.
  await getDb().update(pocs).set({ updatedAt: sql`'2026-11-30 10:00:00.500000+00'::timestamptz` }).where(inArray(pocs.id, ids.slice(0, 5)));
  await getDb().update(pocs).set({ updatedAt: sql`'2026-11-30 10:00:00.500001+00'::timestamptz` }).where(inArray(pocs.id, [ids[5]!]));
  await getDb().update(pocs).set({ updatedAt: sql`'2026-11-30 10:00:00.499999+00'::timestamptz` }).where(inArray(pocs.id, [ids[6]!]));
  const stored = await getDb()
    .select({ id: pocs.id, title: pocs.title, endDate: pocs.endDate, updatedAt: sql<string>`to_char(${pocs.updatedAt} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')` })
    .from(pocs)
    .where(inArray(pocs.id, ids));
  mine = stored;
});

/** The expected order, computed here from the stored keys (uuids compare as their hex text). */
function expectedOrder(sort: "updated" | "due" | "title"): string[] {
  const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
  const byUpdatedDesc = (a: (typeof mine)[number], b: (typeof mine)[number]) => desc(a.updatedAt, b.updatedAt) || desc(a.id, b.id);
  const sorted = [...mine].sort((a, b) => {
    if (sort === "updated") return byUpdatedDesc(a, b);
    if (sort === "due") return (a.endDate ?? "9999-12-31").localeCompare(b.endDate ?? "9999-12-31") || byUpdatedDesc(a, b);
    return 0;
  });
  return sorted.map((p) => p.id);
}

describe("paging through the POC list", () => {
  it.each(["updated", "due"] as const)("sort=%s: pages of 4 give every POC once, in order, ties broken by id", async (sort) => {
    const pages = await allPages(admin, `?q=paging&sort=${sort}&limit=4`);
    expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 1]);
    const ids = pages.flat().map((p) => p.id);
    expect(ids).toEqual(expectedOrder(sort));
    // The same order as one big page.
    expect((await list(admin, `?q=paging&sort=${sort}&limit=100`)).body.data.map((p: Item) => p.id)).toEqual(ids);
  });

  it("sort=title: pages give every POC once, A–Z case-insensitively, equal titles by id", async () => {
    const pages = await allPages(admin, "?q=paging&sort=title&limit=3");
    expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 3, 1]);
    const items = pages.flat();
    expect(new Set(items.map((p) => p.id)).size).toBe(mine.length);
    expect(items.map((p) => p.id).sort()).toEqual(mine.map((p) => p.id).sort());
    const single = (await list(admin, "?q=paging&sort=title&limit=100")).body.data.map((p: Item) => p.id);
    expect(items.map((p) => p.id)).toEqual(single);
    // The database's lower() and collation decide the letters' order; equal titles go by id.
    const same = items.filter((p) => p.title.toLowerCase() === "paging same").map((p) => p.id);
    expect(same).toHaveLength(4);
    expect(same).toEqual([...same].sort());
    expect(items.findIndex((p) => p.title === "PAGING a")).toBeLessThan(items.findIndex((p) => p.title === "Paging b"));
    expect(items.findIndex((p) => p.title === "Paging e")).toBeLessThan(items.findIndex((p) => p.title === "Paging z"));
  });

  it("pages the same with an API token, with filters, and the default page is 50", async () => {
    const acme = await actor("acmeAdmin");
    await getDb()
      .insert(pocs)
      .values(Array.from({ length: 60 }, (_, i) => ({ tenantId: acme.tenantId!, ownerId: acme.userId, title: `Bulk ${i}`, status: "active" as const })));
    const token = await asToken("acmeAdmin");
    const first = await list(token, "?q=bulk");
    expect(first.body.data).toHaveLength(50);
    expect(first.body.next).toEqual(expect.any(String));
    const second = await list(token, `?q=bulk&cursor=${encodeURIComponent(first.body.next)}`);
    expect(second.body.data).toHaveLength(10);
    expect(second.body.next).toBeNull();
    const ids = [...first.body.data, ...second.body.data].map((p: Item) => p.id);
    expect(new Set(ids).size).toBe(60);
    const active = await allPages(token, "?status=active&sort=title&limit=7");
    expect(active.flat().every((p) => (p as Item & { status: string }).status === "active")).toBe(true);
    expect(active.flat().filter((p) => p.title.startsWith("Bulk "))).toHaveLength(60);
    // The largest page, and the last page has no cursor.
    const all = await list(token, "?limit=100");
    expect(all.status).toBe(200);
    expect(all.body.data.length).toBeLessThanOrEqual(100);
  });

  it("refuses bad cursors with 422 request/invalid on cursor", async () => {
    const title = await list(admin, "?q=paging&sort=title&limit=2");
    const cursor: string = title.body.next;
    for (const bad of ["abc", "pl1.", `pl1.${Buffer.from("not json").toString("base64url")}`, cursor.slice(0, -4), `ae1.${cursor.slice(4)}`]) {
      const res = await list(admin, `?q=paging&sort=title&cursor=${encodeURIComponent(bad)}`);
      expectProblem(res, 422, "request/invalid");
      expect(problemFields(res)).toEqual(["cursor"]);
    }
    // A cursor altered to point at a non-uuid, and one from another sort.
    const keys = JSON.parse(Buffer.from(cursor.slice(4), "base64url").toString());
    const altered = `pl1.${Buffer.from(JSON.stringify({ ...keys, i: "1; drop table pocs" })).toString("base64url")}`;
    expect(problemFields(await list(admin, `?sort=title&cursor=${encodeURIComponent(altered)}`))).toEqual(["cursor"]);
    const otherSort = await list(admin, `?sort=updated&cursor=${encodeURIComponent(cursor)}`);
    expectProblem(otherSort, 422, "request/invalid");
    expect(problemFields(otherSort)).toEqual(["cursor"]);
    expect(problemFields(await list(admin, `?cursor=${"x".repeat(2001)}`))).toEqual(["query.cursor"]);
  });

  it("bounds limit to 1–100 whole numbers", async () => {
    for (const bad of ["0", "101", "-1", "2.5", "ten"]) expect(problemFields(await list(admin, `?limit=${bad}`)), bad).toEqual(["query.limit"]);
    expect((await list(admin, "?limit=1")).body.data).toHaveLength(1);
    expect((await list(admin, "?limit=100")).status).toBe(200);
  });

  it("offers as owners only the people who own a POC the caller sees, each once, A–Z", async () => {
    const owners = await listPocOwners(await actor("acmeAdmin"));
    const names = owners.map((o) => o.name);
    expect(names).toEqual([...new Set(names)].sort((a, b) => (a < b ? -1 : 1)));
    expect(names).toContain("Alice Admin");
    expect(names).toContain("Mark Member");
    expect(names).not.toContain("Erin Executive");
    expect((await listPocOwners(await actor("globexAdmin"))).map((o) => o.name)).toEqual(["Gus Globex"]);
  });
});
