/**
 * Embed grants (issue 14, SECURITY 17 and 18): creation by tenant admins, the JWT's shape,
 * every refusal with its code, key rotation with a grace period, viewer tokens, the access
 * log, and the iframe's own comment and download routes.
 */
import { and, eq } from "drizzle-orm";
import { base64url, decodeJwt, decodeProtectedHeader, SignJWT } from "jose";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as embedCommentsRoute from "@/app/embed/[token]/comments/route";
import * as embedExportRoute from "@/app/embed/[token]/[export_file]/route";
import * as viewerTokensRoute from "@/app/api/v1/sharing/grants/[grant_id]/embed-tokens/route";
import * as grantsRoute from "@/app/api/v1/sharing/grants/route";
import * as grantRoute from "@/app/api/v1/sharing/grants/[grant_id]/route";
import { getDb } from "@/db/client";
import { auditEvents, comments, embedSigningKeys, shareViews, sharingGrants } from "@/db/schema";
import { findCurrentKey } from "@/lib/embed/repo";
import { listEmbedKeys, loadEmbed, openEmbed, recordEmbedView, retireOldEmbedKeys, rotateEmbedKey } from "@/lib/embed/service";
import { EMBED_AUDIENCE, EMBED_TYP, signEmbedToken } from "@/lib/embed/tokens";
import { flushShareViews } from "@/lib/sharing/access-log";
import { actor, APP_ORIGIN, asToken, asUser, call, expectProblem, pocId, problemFields, seed, type Caller } from "../helpers";

let admin: Caller;
let contoso: string; // Mark's POC in Acme

const ORIGIN = "https://intranet.example.com";
const embedReq = (token: string) => ({ token, ip: "203.0.113.9", userAgent: "vitest" });

async function createEmbed(caller: Caller, body: Record<string, unknown> = {}) {
  return caller(grantsRoute.POST, {
    method: "POST",
    path: "/api/v1/sharing/grants",
    body: { subject_type: "poc", subject_id: contoso, principal_type: "embed", embed_origins: [ORIGIN], ...body },
  });
}

async function newEmbed(body: Record<string, unknown> = {}) {
  const res = await createEmbed(admin, body);
  expect(res.status).toBe(201);
  return res.body as { id: string; embed_token: string; embed_url: string; embed_snippet: string; actions: string[] };
}

/** Refusal of a token by the embed service, as its stable code. */
async function refusal(token: string): Promise<string> {
  try {
    await openEmbed(embedReq(token));
    return "opened";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

const revoke = (grantId: string) => admin(grantRoute.DELETE, { method: "DELETE", params: { grant_id: grantId } });

beforeAll(async () => {
  await seed();
  admin = await asUser("acmeAdmin");
  contoso = await pocId("contoso");
});

afterEach(() => {
  vi.useRealTimers();
});

describe("creating an embed grant", () => {
  it("gives tenant admins a signed token, its URL and a sandboxed iframe, audited without the token", async () => {
    const created = await newEmbed({ actions: ["view", "comment"] });
    expect(created.embed_url).toBe(`${APP_ORIGIN}/embed/${created.embed_token}`);
    expect(created.embed_snippet).toContain(`src="${created.embed_url}"`);
    expect(created.embed_snippet).toMatch(/title="Contoso SSO rollout \(POC\)"/);
    expect(created.embed_snippet).toContain('loading="lazy"');
    expect(created.embed_snippet).toContain('referrerpolicy="no-referrer"');
    expect(created.embed_snippet).toContain('sandbox="allow-forms"');
    expect(created).toMatchObject({ principal_type: "embed", embed_origins: [ORIGIN], link_url: null });

    const header = decodeProtectedHeader(created.embed_token);
    expect(header).toMatchObject({ alg: "EdDSA", typ: EMBED_TYP });
    const key = await findCurrentKey((await actor("acmeAdmin")).tenantId!);
    expect(header.kid).toBe(key!.kid);
    const claims = decodeJwt(created.embed_token);
    expect(claims).toMatchObject({ iss: APP_ORIGIN, aud: EMBED_AUDIENCE, sub: created.id, tid: key!.tenantId });
    expect(typeof claims.jti).toBe("string");
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(366 * 24 * 3600);

    // The private key is stored sealed: no column holds the PKCS8 text.
    expect(key!.privateKeyEncrypted).not.toContain("PRIVATE KEY");

    const audit = await getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectId, created.id), eq(auditEvents.action, "grant.created")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.payload).toMatchObject({ principal_type: "embed", embed_origins: [ORIGIN] });
    expect(JSON.stringify(audit)).not.toContain(created.embed_token);

    const opened = await openEmbed(embedReq(created.embed_token));
    expect(opened.view.title).toBe("Contoso SSO rollout");
    expect(opened.embed.origins).toEqual([ORIGIN]);
    expect(opened.view.comments).toBeDefined();
  });

  it("accepts only exact https origins (http for localhost), 1 to 10 of them", async () => {
    const cases: [unknown, string][] = [
      [[], "embed_origins"],
      [["http://intranet.example.com"], "embed_origins.0"],
      [["https://intranet.example.com/path"], "embed_origins.0"],
      [["https://intranet.example.com/"], "embed_origins.0"],
      [["https://*.example.com"], "embed_origins.0"],
      [["https://user:pw@example.com"], "embed_origins.0"],
      [["not a url"], "embed_origins.0"],
      [Array.from({ length: 11 }, (_, i) => `https://site${i}.example.com`), "embed_origins"],
    ];
    for (const [origins, field] of cases) {
      const res = await createEmbed(admin, { embed_origins: origins });
      expectProblem(res, 422, "request/invalid");
      expect(problemFields(res)).toContain(field);
    }
    const missing = await admin(grantsRoute.POST, { method: "POST", body: { subject_type: "poc", subject_id: contoso, principal_type: "embed" } });
    expectProblem(missing, 422, "request/invalid");
    expect(problemFields(missing)).toContain("embed_origins");
    expectProblem(await createEmbed(admin, { actions: ["view", "edit"] }), 422, "request/invalid");
    const dev = await newEmbed({ embed_origins: ["http://localhost:3341", "https://a.example.com:8443"] });
    expect(decodeJwt(dev.embed_token).sub).toBe(dev.id);
  });

  it("is for tenant admins only: the POC's owner is refused, other tenants see nothing", async () => {
    const mark = await asUser("acmeMark");
    expectProblem(await createEmbed(mark), 403, "auth/forbidden");
    const globex = await asUser("globexAdmin");
    expectProblem(await createEmbed(globex), 404, "resource/not-found");
  });
});

describe("refused tokens, each with its code", () => {
  let grantId: string;
  let good: string;

  beforeAll(async () => {
    const created = await newEmbed();
    grantId = created.id;
    good = created.embed_token;
  });

  const [headerPart, payloadPart] = [0, 1];
  const part = (token: string, i: number) => token.split(".")[i]!;
  const encode = (value: object) => base64url.encode(JSON.stringify(value));

  it("opens with the genuine token", async () => {
    expect(await refusal(good)).toBe("opened");
  });

  it("refuses alg none, HS256 signed with the public key, and malformed tokens as embed/invalid", async () => {
    const header = decodeProtectedHeader(good);
    const none = `${encode({ ...header, alg: "none" })}.${part(good, payloadPart)}.`;
    expect(await refusal(none)).toBe("embed/invalid");

    const [row] = await getDb().select().from(embedSigningKeys).where(eq(embedSigningKeys.kid, header.kid!));
    const publicJwk = row!.publicJwk as { x: string };
    for (const secret of [new TextEncoder().encode(JSON.stringify(row!.publicJwk)), base64url.decode(publicJwk.x)]) {
      const hs = await new SignJWT(decodeJwt(good)).setProtectedHeader({ alg: "HS256", kid: header.kid!, typ: EMBED_TYP }).sign(secret);
      expect(await refusal(hs)).toBe("embed/invalid");
    }
    for (const bad of ["", "abc", "a.b.c", `${part(good, headerPart)}..`, "x".repeat(5000), good.slice(0, -2)]) {
      expect(await refusal(bad)).toBe("embed/invalid");
    }
  });

  it("refuses a tampered sub, another tenant's key and a wrong audience as embed/invalid", async () => {
    const other = await newEmbed();
    const tampered = `${part(good, headerPart)}.${encode({ ...decodeJwt(good), sub: other.id })}.${good.split(".")[2]}`;
    expect(await refusal(tampered)).toBe("embed/invalid");

    await listEmbedKeys(await actor("globexAdmin")); // Globex's first key
    const globexKey = (await findCurrentKey((await actor("globexAdmin")).tenantId!))!;
    const acmeTenant = (await actor("acmeAdmin")).tenantId!;
    const now = new Date();
    const later = new Date(now.getTime() + 600_000);
    for (const tenantId of [acmeTenant, globexKey.tenantId]) {
      const forged = await signEmbedToken(globexKey, { grantId, tenantId, viewer: null, issuedAt: now, expiresAt: later });
      expect(await refusal(forged)).toBe("embed/invalid");
    }

    const acmeKey = (await findCurrentKey(acmeTenant))!;
    const { privateKey } = await import("@/lib/embed/keys").then(async (k) => ({ privateKey: await k.signingKeyOf(acmeKey) }));
    const claims = { tid: acmeTenant };
    const base = () => new SignJWT(claims).setProtectedHeader({ alg: "EdDSA", kid: acmeKey.kid, typ: EMBED_TYP }).setSubject(grantId).setIssuedAt().setExpirationTime("10m").setJti("j1");
    expect(await refusal(await base().setIssuer(APP_ORIGIN).setAudience("someone-else").sign(privateKey))).toBe("embed/invalid");
    expect(await refusal(await base().setIssuer("https://evil.example").setAudience(EMBED_AUDIENCE).sign(privateKey))).toBe("embed/invalid");
    const wrongTyp = await new SignJWT(claims).setProtectedHeader({ alg: "EdDSA", kid: acmeKey.kid, typ: "JWT" }).setSubject(grantId).setIssuer(APP_ORIGIN).setAudience(EMBED_AUDIENCE).setIssuedAt().setExpirationTime("10m").setJti("j").sign(privateKey);
    expect(await refusal(wrongTyp)).toBe("embed/invalid");
    expect(await refusal(await base().setIssuer(APP_ORIGIN).setAudience(EMBED_AUDIENCE).sign(privateKey))).toBe("opened");
  });

  it("refuses an expired token as embed/expired, allowing at most 60 s of clock leeway", async () => {
    const key = (await findCurrentKey((await actor("acmeAdmin")).tenantId!))!;
    const sign = (expiredSecondsAgo: number) =>
      signEmbedToken(key, { grantId, tenantId: key.tenantId, viewer: null, issuedAt: new Date(Date.now() - 3600_000), expiresAt: new Date(Date.now() - expiredSecondsAgo * 1000) });
    expect(await refusal(await sign(30))).toBe("opened");
    expect(await refusal(await sign(90))).toBe("embed/expired");
    const notYet = await signEmbedToken(key, { grantId, tenantId: key.tenantId, viewer: null, issuedAt: new Date(Date.now() + 120_000), expiresAt: new Date(Date.now() + 600_000) });
    expect(await refusal(notYet)).toBe("embed/invalid");
  });

  it("answers 404 for a genuine token of an unknown grant, 403 share/revoked once revoked, without touching other embeds", async () => {
    const key = (await findCurrentKey((await actor("acmeAdmin")).tenantId!))!;
    const unknown = await signEmbedToken(key, { grantId: crypto.randomUUID(), tenantId: key.tenantId, viewer: null, issuedAt: new Date(), expiresAt: new Date(Date.now() + 60_000) });
    expect(await refusal(unknown)).toBe("share/not-found");

    const first = await newEmbed();
    const second = await newEmbed();
    expect((await revoke(first.id)).status).toBe(204);
    expect(await refusal(first.embed_token)).toBe("share/revoked");
    expect(await refusal(second.embed_token)).toBe("opened");

    // The page's view of it: the revoked page may still be framed by the grant's origins.
    expect(await loadEmbed(embedReq(first.embed_token))).toEqual({ kind: "error", origins: [ORIGIN], code: "share/revoked", status: 403 });
    expect(await loadEmbed(embedReq(second.embed_token))).toMatchObject({ kind: "view", origins: [ORIGIN], view: { title: "Contoso SSO rollout" } });
    expect(await loadEmbed(embedReq("forged"))).toEqual({ kind: "error", origins: [], code: "embed/invalid", status: 401 });
    expect(await loadEmbed(embedReq(unknown))).toEqual({ kind: "error", origins: [], code: "share/not-found", status: 404 });
  });

  it("answers 403 share/expired when the grant has expired, and never signs past the grant's expiry", async () => {
    const expiresAt = new Date(Date.now() + 5_000);
    const created = await newEmbed({ expires_at: expiresAt.toISOString() });
    expect(decodeJwt(created.embed_token).exp).toBeLessThanOrEqual(Math.floor(expiresAt.getTime() / 1000));
    await getDb().update(sharingGrants).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sharingGrants.id, created.id));
    const code = await refusal(created.embed_token);
    expect(["share/expired", "embed/expired"]).toContain(code);
    // A token still within its own lifetime for a grant that expired: the grant decides.
    const key = (await findCurrentKey((await actor("acmeAdmin")).tenantId!))!;
    const fresh = await signEmbedToken(key, { grantId: created.id, tenantId: key.tenantId, viewer: null, issuedAt: new Date(), expiresAt: new Date(Date.now() + 60_000) });
    expect(await refusal(fresh)).toBe("share/expired");
  });
});

describe("key rotation", () => {
  it("keeps old-key tokens working for the grace period, then refuses them; every rotation is audited", async () => {
    const acmeAdmin = await actor("acmeAdmin");
    const created = await newEmbed();
    const oldToken = created.embed_token;
    const oldKid = decodeProtectedHeader(oldToken).kid;

    const keys = await rotateEmbedKey(acmeAdmin);
    const current = keys.find((k) => k.state === "current")!;
    expect(current.kid).not.toBe(oldKid);
    const old = keys.find((k) => k.kid === oldKid)!;
    expect(old.state).toBe("grace");
    expect(new Date(old.retires_at!).getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);

    // New snippets are signed with the new key; the old token still opens.
    const fresh = (await admin(grantRoute.GET, { params: { grant_id: created.id } })).body.embed_token as string;
    expect(decodeProtectedHeader(fresh).kid).toBe(current.kid);
    expect(await refusal(oldToken)).toBe("opened");

    // 25 hours later the grace period is over: the old kid is refused, the new one is not.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() + 25 * 3600_000));
    expect(await refusal(oldToken)).toBe("embed/expired");
    expect(await refusal(fresh)).toBe("opened");
    vi.useRealTimers();

    const rotations = await getDb().select().from(auditEvents).where(and(eq(auditEvents.tenantId, acmeAdmin.tenantId!), eq(auditEvents.action, "embed_key.rotated")));
    expect(rotations.at(-1)!.payload).toMatchObject({ old_kid: oldKid, new_kid: current.kid });
    expect(JSON.stringify(rotations)).not.toMatch(/PRIVATE|"d":/);
  });

  it("'revoke the old key now' ends the grace period at once, audited", async () => {
    const acmeAdmin = await actor("acmeAdmin");
    const created = await newEmbed();
    await rotateEmbedKey(acmeAdmin);
    expect(await refusal(created.embed_token)).toBe("opened");
    const keys = await retireOldEmbedKeys(acmeAdmin);
    expect(keys.filter((k) => k.state === "grace")).toEqual([]);
    expect(await refusal(created.embed_token)).toBe("embed/expired");
    const retired = await getDb().select().from(auditEvents).where(and(eq(auditEvents.tenantId, acmeAdmin.tenantId!), eq(auditEvents.action, "embed_key.retired")));
    expect(retired).toHaveLength(1);
    await expect(rotateEmbedKey(await actor("acmeMark"))).rejects.toMatchObject({ code: "auth/forbidden" });
  });
});

describe("viewer tokens for integrators", () => {
  it("issues a short-lived token per viewer (bearer API token), watermarked and logged with that viewer", async () => {
    const created = await newEmbed({ watermark: true, actions: ["view", "download"] });
    const integrator = await asToken("acmeAdmin");
    const issued = await integrator(viewerTokensRoute.POST, { method: "POST", params: { grant_id: created.id }, body: { viewer: "cust-4711", ttl_seconds: 120 } });
    expect(issued.status).toBe(201);
    expect(Object.keys(issued.body).sort()).toEqual(["embed_url", "expires_at", "token"]);
    expect(issued.body.embed_url).toBe(`${APP_ORIGIN}/embed/${issued.body.token}`);
    const claims = decodeJwt(issued.body.token);
    expect(claims.exp! - claims.iat!).toBe(120);
    expect(claims.viewer).toBe("cust-4711");
    expect(new Date(issued.body.expires_at).getTime()).toBe(claims.exp! * 1000);

    const opened = await openEmbed(embedReq(issued.body.token));
    expect(opened.view.viewer_email).toBe("cust-4711");
    recordEmbedView(opened.embed, embedReq(issued.body.token));
    await flushShareViews();
    const views = await getDb().select().from(shareViews).where(eq(shareViews.grantId, created.id));
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ viewerExternalId: "cust-4711", viewerEmail: null, ip: "203.0.113.9", userAgent: "vitest" });

    const byDefault = await integrator(viewerTokensRoute.POST, { method: "POST", params: { grant_id: created.id }, body: { viewer: "Ann@Example.com" } });
    const c2 = decodeJwt(byDefault.body.token);
    expect(c2.exp! - c2.iat!).toBe(600);
  });

  it("refuses ttl_seconds outside 60-3600, non-embed grants, members and other tenants", async () => {
    const created = await newEmbed();
    const integrator = await asToken("acmeAdmin");
    for (const ttl of [4000, 59, 1.5]) {
      const res = await integrator(viewerTokensRoute.POST, { method: "POST", params: { grant_id: created.id }, body: { ttl_seconds: ttl } });
      expectProblem(res, 422, "request/invalid");
      expect(problemFields(res)).toEqual(["ttl_seconds"]);
    }
    expectProblem(await integrator(viewerTokensRoute.POST, { method: "POST", params: { grant_id: created.id }, body: { viewer: "a\u0000b" } }), 422, "request/invalid");
    const mark = await asUser("acmeMark");
    expectProblem(await mark(viewerTokensRoute.POST, { method: "POST", params: { grant_id: created.id }, body: {} }), 403, "auth/forbidden");
    const globex = await asToken("globexAdmin");
    expectProblem(await globex(viewerTokensRoute.POST, { method: "POST", params: { grant_id: created.id }, body: {} }), 404, "resource/not-found");
    const link = await admin(grantsRoute.POST, { method: "POST", body: { subject_type: "poc", subject_id: await pocId("fabrikam"), principal_type: "link" } });
    expectProblem(await integrator(viewerTokensRoute.POST, { method: "POST", params: { grant_id: link.body.id }, body: {} }), 422, "request/invalid");
    await revoke(created.id);
    expectProblem(await integrator(viewerTokensRoute.POST, { method: "POST", params: { grant_id: created.id }, body: {} }), 403, "share/revoked");
  });

  it("caps a viewer token at the grant's expiry", async () => {
    const expiresAt = new Date(Date.now() + 90_000);
    const created = await newEmbed({ expires_at: expiresAt.toISOString() });
    const integrator = await asToken("acmeAdmin");
    const issued = await integrator(viewerTokensRoute.POST, { method: "POST", params: { grant_id: created.id }, body: { ttl_seconds: 3600 } });
    expect(decodeJwt(issued.body.token).exp).toBe(Math.floor(expiresAt.getTime() / 1000));
  });
});

describe("the iframe's own routes: comments and downloads, authenticated by the token", () => {
  const postComment = (token: string, fields: Record<string, string>) =>
    call(embedCommentsRoute.POST as never, {
      method: "POST",
      params: { token },
      rawBody: new URLSearchParams(fields).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "null" },
    });
  const comment = { name: "Iris Integrator", email: "iris@customer.example", body: "Looks good from our intranet" };

  it("posts a guest comment when the grant allows it, refuses it when not, and shows revoked after revoke", async () => {
    const withComments = await newEmbed({ actions: ["view", "comment"] });
    const res = await postComment(withComments.embed_token, comment);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/embed/${withComments.embed_token}?comment=posted#comments`);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const rows = await getDb().select().from(comments).where(eq(comments.viaGrantId, withComments.id));
    expect(rows.map((r) => r.body)).toEqual([comment.body]);

    const invalid = await postComment(withComments.embed_token, { ...comment, email: "nope" });
    expect(invalid.headers.get("location")).toContain("comment=invalid");

    const viewOnly = await newEmbed();
    expectProblem(await postComment(viewOnly.embed_token, comment), 403, "auth/forbidden");
    expect(await getDb().select().from(comments).where(eq(comments.viaGrantId, viewOnly.id))).toEqual([]);

    await revoke(withComments.id);
    // After the revoke the form lands on the embed page (which shows "revoked"), posting nothing.
    const afterRevoke = await postComment(withComments.embed_token, { ...comment, body: "too late" });
    expect(afterRevoke.status).toBe(303);
    expect(afterRevoke.headers.get("location")).toBe(`/embed/${withComments.embed_token}`);
    expect((await getDb().select().from(comments).where(eq(comments.viaGrantId, withComments.id))).map((r) => r.body)).toEqual([comment.body]);
  });

  it("downloads the CSV only with download, with the embed headers", async () => {
    const withDownload = await newEmbed({ actions: ["view", "download"] });
    const csv = await call(embedExportRoute.GET as never, { params: { token: withDownload.embed_token, export_file: "export.csv" } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.body).toContain("Exchange SAML metadata");
    expect(csv.headers.get("cache-control")).toBe("private, no-store");
    expect(csv.headers.get("x-frame-options")).toBeNull();
    const viewOnly = await newEmbed();
    for (const file of ["export.csv", "export.pdf", "export.png", "export.xlsx"]) {
      expectProblem(await call(embedExportRoute.GET as never, { params: { token: viewOnly.embed_token, export_file: file } }), 403, "auth/forbidden");
    }
    expectProblem(await call(embedExportRoute.GET as never, { params: { token: "garbage", export_file: "export.csv" } }), 401, "embed/invalid");
  });
});

describe("the OpenAPI document", () => {
  it("describes the embed grant and the embed-token endpoint", async () => {
    const { openApiDocument } = await import("@/lib/api/openapi");
    const doc = JSON.stringify(openApiDocument(APP_ORIGIN));
    const parsed = JSON.parse(doc);
    const op = parsed.paths["/api/v1/sharing/grants/{grant_id}/embed-tokens"]?.post;
    expect(op).toBeDefined();
    expect(JSON.stringify(op)).toContain("ttl_seconds");
    expect(JSON.stringify(op)).toContain("3600");
    const create = JSON.stringify(parsed.paths["/api/v1/sharing/grants"].post);
    expect(create).toContain("embed_origins");
    expect(doc).toContain("embed_snippet");
  });
});

describe("the JSON variant", () => {
  it("sends the allowlisted view for a live embed and the same refusals as the page", async () => {
    const { GET } = await import("@/app/api/v1/public/embeds/[token]/route");
    const created = await newEmbed({ actions: ["view", "comment"] });
    const res = await call(GET as never, { params: { token: created.embed_token } });
    expect(res.status).toBe(200);
    expect(res.body.title).toBe("Contoso SSO rollout");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(JSON.stringify(res.body)).not.toMatch(/@acme\.test|tenant/);
    expectProblem(await call(GET as never, { params: { token: "garbage" } }), 401, "embed/invalid");
    await revoke(created.id);
    expectProblem(await call(GET as never, { params: { token: created.embed_token } }), 403, "share/revoked");
  });

  it("changes an embed's origins with PATCH, and refuses origins on other grants", async () => {
    const created = await newEmbed();
    const patched = await admin(grantRoute.PATCH, { method: "PATCH", params: { grant_id: created.id }, body: { embed_origins: ["https://portal.example.com"] } });
    expect(patched.status).toBe(200);
    expect(patched.body.embed_origins).toEqual(["https://portal.example.com"]);
    expect((await loadEmbed(embedReq(patched.body.embed_token))).origins).toEqual(["https://portal.example.com"]);
    const bad = await admin(grantRoute.PATCH, { method: "PATCH", params: { grant_id: created.id }, body: { embed_origins: ["https://x.example.com/path"] } });
    expectProblem(bad, 422, "request/invalid");
  });
});
