/**
 * SECURITY 34 (issue 18): one-time email codes are hashed, expire, are rate-limited per email,
 * IP and link, never reach logs, and no GET spends a code or an invitation (mail scanners open
 * every URL they find).
 */
import { captureLogs, logger } from "@/lib/log";
import { once } from "node:events";
import { readdirSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as grantsRoute from "@/app/api/v1/sharing/grants/route";
import { requestCodeAction, verifyCodeAction } from "@/app/share/[token]/actions";
import { getDb } from "@/db/client";
import { emailOutbox, invites, rateLimitBuckets, shareEmailCodes } from "@/db/schema";
import { CLIENT_IP_HEADER } from "@/lib/api/client-ip";
import { reloadConfig } from "@/lib/config";
import { deliverDueEmail } from "@/lib/email/service";
import { inspectInvite, signUpWithInvite } from "@/lib/invites/service";
import { sha256 } from "@/lib/security/crypto";
import { codeHash, purgeExpiredCodes } from "@/lib/viewer-codes/service";
import { onRequest } from "../next-request";
import { sharePage } from "../share-page";
import { APP_ORIGIN, asUser, expectProblem, pocId, seed, sessionCookie } from "../helpers";
import { apiView, askCode, codeMails, codeRows, enterCode, latestCode, nextIp, verifiedLink, verifiedPass, wrongCodes } from "./verified-helpers";

// The invite page reads the session through next/headers; outside a request it has none.
vi.mock("@/lib/auth/page", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/auth/page")>()), getPageActor: async () => null }));
vi.mock("next/headers", async () => (await import("../next-request")).nextHeadersMock);

const pageForm = (action: typeof requestCodeAction, token: string, fields: Record<string, string>, cookie = "") => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return onRequest({ cookie, headers: { origin: APP_ORIGIN, [CLIENT_IP_HEADER]: nextIp() } }, () => action(token, {}, data));
};

beforeAll(async () => {
  await seed();
});
afterEach(() => vi.restoreAllMocks());

describe("codes at rest", () => {
  it("stores only a keyed hash bound to the row, link and email; the table holds no code", async () => {
    const l = await verifiedLink("contoso");
    const email = "hash@customer.example";
    expect((await askCode(l.token, email)).status).toBe(202);
    const code = await latestCode(email);
    const [row] = await codeRows(l.grantId, email);
    expect(row!.codeHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row!.codeHash).toBe(codeHash(row!.id, l.grantId, email, code));
    // Not a plain digest of the code that a dump could be brute-forced against.
    for (const candidate of [code, `${row!.id}${code}`, `${email}${code}`]) expect(row!.codeHash).not.toBe(sha256(candidate));
    expect(row!.codeHash).not.toBe(codeHash(row!.id, l.grantId, "other@customer.example", code));
    expect(JSON.stringify(await getDb().select().from(shareEmailCodes))).not.toContain(code);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(10 * 60 * 1000);
    // Rate-limit rows hold no email either.
    expect(JSON.stringify(await getDb().select().from(rateLimitBuckets))).not.toContain(email);
  });

  it("purges codes a day after they expired, and only those", async () => {
    const l = await verifiedLink("northwind");
    for (const email of ["old@customer.example", "fresh@customer.example"]) expect((await askCode(l.token, email)).status).toBe(202);
    const [old] = await codeRows(l.grantId, "old@customer.example");
    await getDb().update(shareEmailCodes).set({ expiresAt: sql`now() - interval '25 hours'` }).where(eq(shareEmailCodes.id, old!.id));
    expect(await purgeExpiredCodes()).toBe(1);
    expect(await codeRows(l.grantId, "old@customer.example")).toEqual([]);
    expect(await codeRows(l.grantId, "fresh@customer.example")).toHaveLength(1);
  });

  it("removes the code from the outbox once the email is delivered", async () => {
    const received: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, callback) {
        let raw = "";
        stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
        stream.on("end", () => {
          received.push(raw);
          callback();
        });
      },
    });
    smtp.listen(0, "127.0.0.1");
    await once(smtp.server, "listening");
    const l = await verifiedLink("fabrikam");
    const email = "delivered@customer.example";
    expect((await askCode(l.token, email)).status).toBe(202);
    const code = await latestCode(email);
    process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    reloadConfig();
    try {
      await deliverDueEmail();
    } finally {
      delete process.env.SMTP_URL;
      reloadConfig();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
    expect(received.some((raw) => raw.includes(code))).toBe(true);
    const [mail] = await codeMails(email);
    expect(mail!.status).toBe("sent");
    expect(mail!.textBody).not.toContain(code);
    expect(mail!.textBody).toContain("removed after delivery");
    // The code still works: only its copy in the outbox is gone.
    expect((await enterCode(l.token, email, code)).status).toBe(200);
  });
});

describe("rate limits", () => {
  it("per email: the 4th code in 15 minutes is refused, on any link and from any address", async () => {
    const a = await verifiedLink("contoso");
    const b = await verifiedLink("northwind");
    const email = "popular@customer.example";
    for (const token of [a.token, a.token, b.token]) expect((await askCode(token, email)).status).toBe(202);
    const fourth = await askCode(b.token, email, nextIp());
    expectProblem(fourth, 429, "share/rate-limited");
    expect(Number(fourth.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await codeMails(email)).toHaveLength(3);
  });

  it("per client IP: the 31st code request from one address is refused, whichever emails it names", async () => {
    const l = await verifiedLink("fabrikam");
    const ip = "192.0.2.77";
    for (let i = 0; i < 30; i++) expect((await askCode(l.token, `ip${i}@customer.example`, ip)).status).toBe(202);
    expectProblem(await askCode(l.token, "ip-last@customer.example", ip), 429, "share/rate-limited");
    expect(await codeMails("ip-last@customer.example")).toEqual([]);
    expect((await askCode(l.token, "ip-last@customer.example", "192.0.2.78")).status).toBe(202);
  });

  it("per link: 100 codes in 15 minutes across addresses and emails, then 429", async () => {
    const l = await verifiedLink("northwind");
    for (let i = 0; i < 100; i++) expect((await askCode(l.token, `link${i}@customer.example`)).status).toBe(202);
    expectProblem(await askCode(l.token, "link-last@customer.example"), 429, "share/rate-limited");
  });

  it("entering codes: 20 tries per client IP and link, counted before the code is checked", async () => {
    const l = await verifiedLink("contoso");
    const email = "guesser@customer.example";
    expect((await askCode(l.token, email)).status).toBe(202);
    const code = await latestCode(email);
    const ip = "192.0.2.90";
    for (const wrong of wrongCodes(code, 20)) expect((await enterCode(l.token, email, wrong, ip)).status).toBe(401);
    expectProblem(await enterCode(l.token, email, code, ip), 429, "share/rate-limited");
  });

  it("refused and rate-limited requests are counted before the lists are read", async () => {
    const l = await verifiedLink("fabrikam", { allowed_viewers: ["@initech.example"] });
    const ip = "192.0.2.99";
    for (let i = 0; i < 30; i++) expectProblem(await askCode(l.token, `probe${i}@elsewhere.example`, ip), 403, "share/viewer-not-allowed");
    expectProblem(await askCode(l.token, "dana@initech.example", ip), 429, "share/rate-limited");
  });
});

describe("logs", () => {
  it("a whole verification never logs the email or the code", async () => {
    const logged: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
      });
    }
    // The app's own lines go through the one logger (pino, at warn in tests); read its info lines too.
    const capture = captureLogs();
    const level = logger.level;
    logger.level = "info";
    const l = await verifiedLink("northwind", { require_verified_email: true, watermark: true, actions: ["view", "comment"] });
    const email = "quiet@customer.example";
    const asked = await askCode(l.token, email);
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    const code = await latestCode(email);
    await enterCode(l.token, email, wrongCodes(code, 1)[0]!);
    const pass = (await enterCode(l.token, email, code)).body.access_token;
    await apiView(l.token, pass);
    await askCode(l.token, "other@x.example");
    capture.stop();
    logger.level = level;
    logged.push(...capture.lines);
    expect(logged.some((line) => line.includes("a link viewer") && line.includes("email queued"))).toBe(true);
    for (const line of logged) {
      expect(line).not.toContain(email);
      expect(line).not.toContain(code);
    }
  });
});

/** Every route handler under app/ that answers GET, with its URL pattern. */
function getRoutes(dir = path.resolve("app"), prefix = ""): { file: string; pattern: string }[] {
  const found: { file: string; pattern: string }[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...getRoutes(full, name.startsWith("(") ? prefix : `${prefix}/${name}`));
    else if (name === "route.ts") found.push({ file: full, pattern: prefix || "/" });
  }
  return found;
}

describe("no GET spends a code or an invitation", () => {
  it("every GET route handler, given the link's token, the viewer's cookies and the invite token, leaves both usable", async () => {
    const admin = await asUser("acmeAdmin");
    const l = await verifiedLink("contoso", { require_verified_email: true, actions: ["view", "download", "comment"] });
    const email = "scanner@customer.example";
    // A code requested in the browser (challenge cookie) and an invitation to a new address.
    const asked = await pageForm(requestCodeAction, l.token, { email });
    expect(asked.redirect).toBe(`/share/${l.token}`);
    const set = asked.setCookies.find((c) => c.name === "pm_share_code")!;
    const challenge = `${set.name}=${set.value}`;
    const code = await latestCode(email);
    const invited = await admin(grantsRoute.POST, { method: "POST", body: { subject_type: "poc", subject_id: l.pocId, principal_type: "user", email: "scanned@outside.example" } });
    expect(invited.status).toBe(201);
    const [mail] = await codeMails("scanned@outside.example");
    const inviteToken = /\/invite\/([A-Za-z0-9_-]{43})/.exec(mail!.textBody)![1]!;

    const routes = getRoutes().filter((r) => !r.pattern.includes("[...nextauth]"));
    expect(routes.map((r) => r.pattern)).toEqual(expect.arrayContaining(["/api/v1/public/pocs/[token]", "/share/[token]/[export_file]", "/invite/[token]"]));
    const cookie = `${challenge}; ${await sessionCookie("acmeAdmin")}`;
    let called = 0;
    for (const route of routes) {
      const mod = (await import(route.file)) as { GET?: (req: Request, ctx: unknown) => Promise<Response> };
      if (!mod.GET) continue;
      for (const token of [l.token, inviteToken, code]) {
        const params: Record<string, string> = {};
        for (const [, name] of route.pattern.matchAll(/\[(\w+)\]/g)) params[name!] = name === "token" ? token : name === "poc_id" ? l.pocId : l.grantId;
        const url = `${APP_ORIGIN}${route.pattern.replace(/\[(\w+)\]/g, (_, name: string) => params[name]!)}?code=${code}&email=${encodeURIComponent(email)}&intent=verify-code`;
        const res = await mod.GET(new Request(url, { headers: { cookie, [CLIENT_IP_HEADER]: nextIp() } }), { params: Promise.resolve(params) });
        await res.text();
        called += 1;
      }
    }
    expect(called).toBeGreaterThan(10);
    // The share page itself (a server component) with the browser's cookies, as a scanner in that browser would load it.
    for (let i = 0; i < 3; i++) expect((await sharePage(l.token, { cookie: challenge })).result).toMatchObject({ kind: "gate", gate: "verify", challengeEmail: email });
    // The invite page behind it (a server component) only inspects the invitation too.
    const { default: InvitePage } = await import("@/app/invite/[token]/accept/page");
    await InvitePage({ params: Promise.resolve({ token: inviteToken }) });
    expect(await inspectInvite(inviteToken)).toMatchObject({ state: "open" });

    const [row] = await codeRows(l.grantId, email);
    expect(row).toMatchObject({ attempts: 0, usedAt: null, replacedAt: null });
    const [invite] = await getDb().select().from(invites).where(eq(invites.email, "scanned@outside.example"));
    expect(invite!.usedAt).toBeNull();

    // Both still work through their POSTs.
    const verified = await pageForm(verifyCodeAction, l.token, { code }, challenge);
    expect(verified.setCookies.some((c) => c.name === "pm_share" && c.value !== "")).toBe(true);
    await signUpWithInvite(inviteToken, { name: "Scanned Person", password: "a-long-password-1" } as never);
    expect((await getDb().select().from(invites).where(eq(invites.email, "scanned@outside.example")))[0]!.usedAt).not.toBeNull();
    // The outbox still holds only the two messages asked for.
    expect(await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))).toHaveLength(1);
  });

  it("revoking the link ends verified passes and code requests on the next request", async () => {
    const l = await verifiedLink("fabrikam");
    const pass = await verifiedPass(l.token, "outlive@customer.example");
    expect((await apiView(l.token, pass)).status).toBe(200);
    const admin = await asUser("acmeAdmin");
    const { DELETE } = await import("@/app/api/v1/pocs/[poc_id]/public-link/route");
    expect((await admin(DELETE, { method: "DELETE", params: { poc_id: await pocId("fabrikam") } })).status).toBe(204);
    expectProblem(await apiView(l.token, pass), 403, "share/revoked");
    expectProblem(await askCode(l.token, "late@customer.example"), 403, "share/revoked");
  });
});
