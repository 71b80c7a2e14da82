/**
 * The /embed/[token] page's state, status and framing origins, run as Next.js would for one
 * request (the entry server turns the origins into `frame-ancestors`, unit-tested in
 * security-headers.test.ts). Revocation holds on the very next load; the page logs each view.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as grantsRoute from "@/app/api/v1/sharing/grants/route";
import * as grantRoute from "@/app/api/v1/sharing/grants/[grant_id]/route";
import { getDb } from "@/db/client";
import { shareViews } from "@/db/schema";
import { loadEmbedPage } from "@/lib/embed/page";
import { flushShareViews } from "@/lib/sharing/access-log";
import { asUser, pocId, seed, type Caller } from "../helpers";
import { onRequest } from "../next-request";

vi.mock("next/headers", async () => (await import("../next-request")).nextHeadersMock);

const ORIGINS = ["https://intranet.example.com", "http://localhost:3341"];
let admin: Caller;
let contoso: string;

const embedPage = (token: string) => onRequest({ headers: { "x-poc-manager-client-ip": "198.51.100.7", "user-agent": "page-test" } }, () => loadEmbedPage(token));

beforeAll(async () => {
  await seed();
  admin = await asUser("acmeAdmin");
  contoso = await pocId("contoso");
});

async function newEmbed(body: Record<string, unknown> = {}) {
  const res = await admin(grantsRoute.POST, {
    method: "POST",
    body: { subject_type: "poc", subject_id: contoso, principal_type: "embed", embed_origins: ORIGINS, ...body },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; embed_token: string };
}

describe("the embed page", () => {
  it("shows the POC, framable by exactly the grant's origins, and logs the view", async () => {
    const embed = await newEmbed({ actions: ["view", "comment", "download"] });
    const res = await embedPage(embed.embed_token);
    expect(res.status).toBe(200);
    expect(res.frameAncestors).toEqual(ORIGINS);
    expect(res.result).toMatchObject({ kind: "view", actions: ["view", "download", "comment"], view: { title: "Contoso SSO rollout" } });
    const view = res.result!.kind === "view" ? res.result!.view : null;
    expect(view!.comments).not.toBeNull();
    expect(JSON.stringify(view)).not.toMatch(/@acme\.test|tenant_id/);
    await flushShareViews();
    const logged = await getDb().select().from(shareViews).where(eq(shareViews.grantId, embed.id));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ userAgent: "page-test", ip: "198.51.100.7" });
  });

  it("hides comments without the comment action and watermarks with 'Embedded view' when the snippet names no viewer", async () => {
    const embed = await newEmbed({ watermark: true });
    const res = await embedPage(embed.embed_token);
    expect(res.result).toMatchObject({ kind: "view", watermark: "Embedded view" });
    expect(res.result!.kind === "view" && res.result!.view.comments).toBeNull();
  });

  it("shows the revoked page on the next load, still framable by the grant's origins (403)", async () => {
    const embed = await newEmbed();
    expect((await embedPage(embed.embed_token)).status).toBe(200);
    expect((await admin(grantRoute.DELETE, { method: "DELETE", params: { grant_id: embed.id } })).status).toBe(204);
    const res = await embedPage(embed.embed_token);
    expect(res.status).toBe(403);
    expect(res.result).toEqual({ kind: "error", code: "share/revoked" });
    expect(res.frameAncestors).toEqual(ORIGINS);
  });

  it("answers 401 for bad tokens, framable by no one", async () => {
    for (const token of ["garbage", "a.b.c", "x".repeat(3000)]) {
      const res = await embedPage(token);
      expect(res.status, token).toBe(401);
      expect(res.result).toEqual({ kind: "error", code: "embed/invalid" });
      expect(res.frameAncestors).toEqual([]);
    }
  });
});
