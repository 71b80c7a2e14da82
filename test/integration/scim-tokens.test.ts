/** SCIM tokens through /api/v1/scim-tokens: tenant admins only, shown once, hashed, revocable, audited. */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as revokeRoute } from "@/app/api/v1/scim-tokens/[token_id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/scim-tokens/route";
import { getDb } from "@/db/client";
import { auditEvents, scimTokens } from "@/db/schema";
import { sha256 } from "@/lib/security/crypto";
import { asToken, asUser, expectProblem, problemFields, seed } from "../helpers";
import { expectScimError, scimClient } from "../scim-helpers";

beforeAll(() => seed());

describe("SCIM tokens API", () => {
  it("creates a token shown once with the base URL, stores only its hash, and audits it", async () => {
    const admin = await asUser("acmeAdmin");
    const res = await admin(createRoute, { method: "POST", path: "/api/v1/scim-tokens", body: { name: "Okta" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Okta", scim_base_url: "http://localhost:3999/scim/v2", revoked_at: null, last_used_at: null });
    expect(res.body.token).toMatch(/^pmscim_[A-Za-z0-9_-]{43}$/);
    const [row] = await getDb().select().from(scimTokens).where(eq(scimTokens.id, res.body.id));
    expect(row!.tokenHash).toBe(sha256(res.body.token));
    expect(JSON.stringify(row)).not.toContain(res.body.token.slice(7));

    const list = await admin(listRoute, { path: "/api/v1/scim-tokens" });
    expect(list.body.data.map((t: { id: string }) => t.id)).toContain(res.body.id);
    expect(JSON.stringify(list.body)).not.toContain(res.body.token.slice(7));

    const audit = await getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectId, res.body.id), eq(auditEvents.action, "scim_token.created")));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.payload)).not.toContain(res.body.token.slice(7));
  });

  it("records the last use, and a revoked token stops on the next SCIM request", async () => {
    const client = await scimClient("acmeAdmin");
    expect((await client.listUsers()).status).toBe(200);
    await expect.poll(async () => (await getDb().select().from(scimTokens).where(eq(scimTokens.id, client.tokenId)))[0]!.lastUsedAt).not.toBeNull();
    const admin = await asUser("acmeAdmin");
    const res = await admin(revokeRoute, { method: "DELETE", path: `/api/v1/scim-tokens/${client.tokenId}`, params: { token_id: client.tokenId } });
    expect(res.status).toBe(204);
    expectScimError(await client.listUsers(), 401);
    const again = await admin(revokeRoute, { method: "DELETE", path: `/api/v1/scim-tokens/${client.tokenId}`, params: { token_id: client.tokenId } });
    expectProblem(again, 404, "resource/not-found");
    const audit = await getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectId, client.tokenId), eq(auditEvents.action, "scim_token.revoked")));
    expect(audit).toHaveLength(1);
  });

  it("members are refused; other tenants' tokens are 404; names are validated", async () => {
    expectProblem(await (await asUser("acmeMark"))(createRoute, { method: "POST", path: "/api/v1/scim-tokens", body: { name: "x" } }), 403, "auth/forbidden");
    expectProblem(await (await asUser("acmeMark"))(listRoute, { path: "/api/v1/scim-tokens" }), 403, "auth/forbidden");
    const globex = await scimClient("globexAdmin");
    const res = await (await asUser("acmeAdmin"))(revokeRoute, { method: "DELETE", path: `/api/v1/scim-tokens/${globex.tokenId}`, params: { token_id: globex.tokenId } });
    expectProblem(res, 404, "resource/not-found");
    expect((await globex.listUsers()).status).toBe(200);
    const blank = await (await asUser("acmeAdmin"))(createRoute, { method: "POST", path: "/api/v1/scim-tokens", body: { name: " " } });
    expectProblem(blank, 422, "request/invalid");
    expect(problemFields(blank)).toEqual(["name"]);
  });

  it("works for automation with an admin's API token", async () => {
    const integrator = await asToken("acmeAdmin");
    const res = await integrator(createRoute, { method: "POST", path: "/api/v1/scim-tokens", body: { name: "Terraform" } });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^pmscim_/);
  });
});
