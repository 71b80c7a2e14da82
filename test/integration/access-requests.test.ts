/**
 * "Request access" from a dead link: the owner and admins are told through the outbox, the
 * request waits in the Share dialog's list, and approving it shares the POC with the
 * requester. Rate-limited per IP before any lookup; audited; nothing for live or unknown links.
 */
import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as approveRoute from "@/app/api/v1/pocs/[poc_id]/access-requests/[request_id]/approve/route";
import * as dismissRoute from "@/app/api/v1/pocs/[poc_id]/access-requests/[request_id]/dismiss/route";
import * as listRoute from "@/app/api/v1/pocs/[poc_id]/access-requests/route";
import * as requestRoute from "@/app/api/v1/public/pocs/[token]/access-requests/route";
import { getDb } from "@/db/client";
import { accessRequests, auditEvents, emailOutbox, sharingGrants } from "@/db/schema";
import { CLIENT_IP_HEADER } from "@/lib/api/client-ip";
import { submitAccessRequest } from "@/lib/access-requests/form";
import * as sharing from "@/lib/sharing/service";
import { actor, asUser, call, demoEmail, expectProblem, pocId, seed, type Caller } from "../helpers";

let contoso: string;
let mark: Caller;
let revokedToken: string;
let liveToken: string;
let nextIp = 10;

beforeAll(async () => {
  await seed();
  contoso = await pocId("contoso");
  mark = await asUser("acmeMark");
  const alice = await actor("acmeAdmin");
  const first = await sharing.createPublicLink(alice, contoso, {});
  await sharing.deletePublicLink(alice, contoso);
  revokedToken = first.access_token;
  liveToken = (await sharing.createPublicLink(alice, contoso, {})).access_token;
});

/** Each test asks from its own address unless it says otherwise, so the IP limit stays out of the way. */
const ask = (token: string, body: Record<string, unknown>, ip = `198.51.100.${nextIp++}`) =>
  call(requestRoute.POST as never, { method: "POST", params: { token }, body, headers: { [CLIENT_IP_HEADER]: ip } });

const requestsFor = (email: string) => getDb().select().from(accessRequests).where(and(eq(accessRequests.pocId, contoso), eq(accessRequests.email, email)));

describe("asking for access", () => {
  it("records one request, emails the owner and the admins once, and audits it", async () => {
    const body = { name: "Dana Buyer", email: "dana@customer.example", message: "We need this for Monday's review" };
    expect((await ask(revokedToken, body)).status).toBe(202);
    expect((await ask(revokedToken, body)).status).toBe(202); // again: same answer, nothing new
    expect(await requestsFor("dana@customer.example")).toHaveLength(1);
    const mails = await getDb().select().from(emailOutbox).where(like(emailOutbox.textBody, "%dana@customer.example%"));
    expect(mails.map((m) => m.toAddress).sort()).toEqual([demoEmail("acmeAdmin"), demoEmail("acmeMark")].sort());
    expect(mails[0]!.textBody).toContain("“We need this for Monday's review”");
    expect(mails[0]!.textBody).not.toContain(revokedToken);
    const audits = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, "access_request.created"), eq(auditEvents.subjectId, contoso)));
    expect(audits.filter((a) => (a.payload as { email: string }).email === "dana@customer.example")).toHaveLength(1);
  });

  it("keeps typed text from forging lines or headers in the email", async () => {
    // A line break in a one-line field is refused outright (lib/validation); a message may have them.
    expectProblem(await ask(revokedToken, { name: "Eve\r\nBcc: all@acme.test", email: "eve@customer.example" }), 422, "request/invalid");
    expect((await ask(revokedToken, { name: "Eve Bcc: all@acme.test", email: "eve@customer.example", message: "line one\n\nApproved by admin" })).status).toBe(202);
    const [mail] = await getDb().select().from(emailOutbox).where(like(emailOutbox.textBody, "%eve@customer.example%"));
    expect(mail!.subject).not.toMatch(/[\r\n]/);
    expect(mail!.textBody).toContain("“Eve Bcc: all@acme.test” <eve@customer.example>");
    expect(mail!.textBody).toContain("“line one Approved by admin”");
  });

  it("answers 409 for a link that still works and 404 for an unknown token, storing nothing", async () => {
    expectProblem(await ask(liveToken, { name: "Live", email: "live@customer.example" }), 409, "resource/conflict");
    expectProblem(await ask("x".repeat(43), { name: "Nobody", email: "nobody@customer.example" }), 404, "share/not-found");
    expect(await requestsFor("live@customer.example")).toHaveLength(0);
  });

  it("validates the form and limits each address to 5 requests an hour", async () => {
    expectProblem(await ask(revokedToken, { name: "", email: "not-an-email" }), 422, "request/invalid");
    const ip = "203.0.113.77";
    for (let i = 0; i < 5; i++) await ask(revokedToken, { name: "Flood", email: `flood${i}@customer.example` }, ip);
    const limited = await ask(revokedToken, { name: "Flood", email: "flood5@customer.example" }, ip);
    expectProblem(limited, 429, "share/rate-limited");
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await requestsFor("flood5@customer.example")).toHaveLength(0);
  });
});

describe("the dead-link page's form (lib/access-requests/form)", () => {
  const form = (values: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(values)) data.set(k, v);
    return data;
  };

  it("sends, shows field errors with the typed values, and is limited per IP like the API", async () => {
    const ip = "203.0.113.90";
    expect(await submitAccessRequest({ token: revokedToken, ip }, form({ name: "Form Person", email: "form@customer.example", message: "Please" }))).toEqual({ sent: true, status: 202 });
    expect(await requestsFor("form@customer.example")).toHaveLength(1);
    const invalid = await submitAccessRequest({ token: revokedToken, ip }, form({ name: "", email: "nope" }));
    expect(invalid.status).toBe(422);
    expect(invalid.fields).toEqual({ name: "Tell the owner who you are", email: "Enter a valid email address" });
    expect(invalid.values).toEqual({ name: "", email: "nope", message: "" });
    for (let i = 0; i < 4; i++) await submitAccessRequest({ token: revokedToken, ip }, form({ name: "Again", email: `again${i}@customer.example` }));
    const limited = await submitAccessRequest({ token: revokedToken, ip }, form({ name: "Late", email: "late@customer.example" }));
    expect(limited.status).toBe(429);
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(await requestsFor("late@customer.example")).toHaveLength(0);
  });

  it("says plainly that an unknown link has no one to ask", async () => {
    const unknown = await submitAccessRequest({ token: "y".repeat(43), ip: "203.0.113.91" }, form({ name: "Lost", email: "lost@customer.example" }));
    expect(unknown).toMatchObject({ status: 404, message: "This link does not exist, so there is no one to ask from here." });
  });
});

describe("deciding", () => {
  it("lists requests for those who may share, approves into a user grant once, and dismisses", async () => {
    await ask(revokedToken, { name: "Ola", email: "ola@customer.example" });
    await ask(revokedToken, { name: "Per", email: "per@customer.example" });
    const list = await mark(listRoute.GET, { params: { poc_id: contoso } });
    expect(list.status).toBe(200);
    const ola = list.body.data.find((r: { email: string }) => r.email === "ola@customer.example");
    const per = list.body.data.find((r: { email: string }) => r.email === "per@customer.example");
    expect(ola).toMatchObject({ name: "Ola", status: "pending", decided_by: null });

    const exec = await asUser("acmeExec");
    expectProblem(await exec(listRoute.GET, { params: { poc_id: contoso } }), 404, "resource/not-found");

    const approved = await mark(approveRoute.POST, { method: "POST", params: { poc_id: contoso, request_id: ola.id }, body: { actions: ["view", "comment"] } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", decided_by: { name: "Mark Member" }, grant_id: expect.any(String) });
    const [grant] = await getDb().select().from(sharingGrants).where(eq(sharingGrants.id, approved.body.grant_id));
    expect(grant).toMatchObject({ principalType: "user", principalEmail: "ola@customer.example", actions: ["view", "comment"] });
    expectProblem(await mark(approveRoute.POST, { method: "POST", params: { poc_id: contoso, request_id: ola.id }, body: {} }), 409, "resource/conflict");

    const dismissed = await mark(dismissRoute.POST, { method: "POST", params: { poc_id: contoso, request_id: per.id } });
    expect(dismissed.body).toMatchObject({ status: "dismissed", grant_id: null });
    // Asking again after a decision opens a new request.
    expect((await ask(revokedToken, { name: "Per", email: "per@customer.example" })).status).toBe(202);
    expect((await requestsFor("per@customer.example")).map((r) => r.status).sort()).toEqual(["dismissed", "pending"]);
  });
});
