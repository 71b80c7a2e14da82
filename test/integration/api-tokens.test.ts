import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listPocs } from "@/app/api/v1/pocs/route";
import { getDb } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { actorForApiToken } from "@/lib/auth/service";
import { sha256 } from "@/lib/security/crypto";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/tokens/service";
import { actor, bearer, call, expectProblem, newApiToken, seed, type DemoKey } from "../helpers";

beforeAll(() => seed());

const listWithToken = (token: string) => call(listPocs, { path: "/api/v1/pocs", headers: bearer(token) });

async function tokenRow(id: string) {
  const [row] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, id));
  return row!;
}

/** The API-token actor for a raw token (as the handler wrapper resolves it). */
async function tokenActor(token: string) {
  const a = await actorForApiToken(token, "127.0.0.1");
  if (!a) throw new Error("token did not resolve");
  return a;
}

const forbiddenError = expect.objectContaining({ code: "auth/forbidden", status: 403 });

describe("API tokens", () => {
  it("are created as pm_ + 43 base64url chars and stored only as a SHA-256 hash", async () => {
    const created = await createApiToken(await actor("acmeAdmin"), { name: "CI pipeline" });
    expect(created.token).toMatch(/^pm_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: "CI pipeline", display_prefix: created.token.slice(0, 9), revoked_at: null, last_used_at: null });

    const row = await tokenRow(created.id);
    expect(row.tokenHash).toBe(sha256(created.token));
    // No column holds the token itself (only a 9-character display prefix).
    expect(JSON.stringify(row)).not.toContain(created.token.slice(3));
  });

  it("are never returned by the list", async () => {
    const { token } = await newApiToken("acmeAdmin", "listed");
    const list = await listApiTokens(await actor("acmeAdmin"));
    expect(list.map((t) => t.name)).toContain("listed");
    for (const item of list) expect(item).not.toHaveProperty("token");
    expect(JSON.stringify(list)).not.toContain(token.slice(3));
  });

  it("authenticate GET /api/v1/pocs as their creator within the token's tenant", async () => {
    const { token } = await newApiToken("acmeAdmin");
    const res = await listWithToken(token);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(3);
  });

  it("stop working on the very next request after revocation", async () => {
    const { id, token } = await newApiToken("acmeAdmin");
    expect((await listWithToken(token)).status).toBe(200);
    await revokeApiToken(await actor("acmeAdmin"), id);
    expectProblem(await listWithToken(token), 401, "auth/unauthorized");
    expect((await tokenRow(id)).revokedAt).not.toBeNull();
    // Revoking twice says the live token is gone.
    await expect(revokeApiToken(await actor("acmeAdmin"), id)).rejects.toMatchObject({ code: "resource/not-found" });
  });

  it("cannot be revoked or seen by another tenant's admin", async () => {
    const { id, token } = await newApiToken("acmeAdmin");
    await expect(revokeApiToken(await actor("globexAdmin"), id)).rejects.toMatchObject({ code: "resource/not-found", status: 404 });
    expect((await listApiTokens(await actor("globexAdmin"))).map((t) => t.id)).not.toContain(id);
    expect((await listWithToken(token)).status).toBe(200);
  });

  it.each<DemoKey>(["acmeMark", "acmeExec"])("cannot be created, listed or revoked by %s (not an admin)", async (key) => {
    const before = await getDb().select().from(apiTokens);
    const { id } = await newApiToken("acmeAdmin");
    await expect(createApiToken(await actor(key), { name: "mine" })).rejects.toEqual(forbiddenError);
    await expect(listApiTokens(await actor(key))).rejects.toEqual(forbiddenError);
    await expect(revokeApiToken(await actor(key), id)).rejects.toEqual(forbiddenError);
    expect(await getDb().select().from(apiTokens)).toHaveLength(before.length + 1);
  });

  it("cannot manage tokens themselves", async () => {
    const { id, token } = await newApiToken("acmeAdmin");
    const viaToken = await tokenActor(token);
    expect(viaToken).toMatchObject({ role: "tenant_admin", via: { kind: "api_token", tokenId: id } });
    await expect(createApiToken(viaToken, { name: "minted by a token" })).rejects.toEqual(forbiddenError);
    await expect(listApiTokens(viaToken)).rejects.toEqual(forbiddenError);
    await expect(revokeApiToken(viaToken, id)).rejects.toEqual(forbiddenError);
    expect((await tokenRow(id)).revokedAt).toBeNull();
  });
});
