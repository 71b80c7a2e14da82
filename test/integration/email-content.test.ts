/**
 * SECURITY 30 (email): user text in subjects and bodies is stripped of control characters and
 * clearly quoted, and the outbox's "Copy invite link" is the stored invite URL, never the
 * first URL found in a body a POC title can put URLs into.
 */
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as pocsRoute from "@/app/api/v1/pocs/route";
import * as grantsRoute from "@/app/api/v1/sharing/grants/route";
import { getDb } from "@/db/client";
import { emailOutbox, users } from "@/db/schema";
import { quoted } from "@/lib/email/compose";
import { listOutbox } from "@/lib/email/service";
import { actor, asUser, seed, userId, type Caller } from "../helpers";

let admin: Caller;
beforeAll(async () => {
  await seed();
  admin = await asUser("acmeAdmin");
});

const EVIL_TITLE = 'Q3 pilot"\r\nBcc: everyone@evil.example\r\n\r\nYour account is locked: https://evil.example/invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA \u202Egnp.exe';

async function inviteWithTitle(title: string, email: string) {
  const poc = await admin(pocsRoute.POST, { method: "POST", body: { title: "placeholder" } });
  // Titles refuse control characters at the API; a title can still hold URLs, quotes and
  // bidi controls, and older rows or other writers may hold anything: set it directly.
  const { pocs } = await import("@/db/schema");
  await getDb().update(pocs).set({ title }).where(eq(pocs.id, poc.body.id));
  expect((await admin(grantsRoute.POST, { method: "POST", body: { subject_type: "poc", subject_id: poc.body.id, principal_type: "user", email } })).status).toBe(201);
  const [mail] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).orderBy(desc(emailOutbox.createdAt)).limit(1);
  return mail!;
}

describe("email content cannot be spoofed", () => {
  it("strips control and bidi characters from the subject and quotes the title", async () => {
    const mail = await inviteWithTitle(EVIL_TITLE, "target@outside.example");
    expect(mail.subject).not.toMatch(/[\r\n\u202e]/);
    expect(mail.subject).toMatch(/^Alice Admin invited you to “Q3 pilot' Bcc: everyone@evil\.example Your account is locked: .*” on poc-manager$/);
    // In the body, the title is one quoted line: it cannot add lines of its own.
    const lines = mail.textBody.split("\n");
    expect(lines.filter((l) => l.includes("Bcc:"))).toHaveLength(1);
    expect(lines.find((l) => l.includes("Bcc:"))!.trim().startsWith("“")).toBe(true);
    expect(mail.textBody).not.toContain("\u202e");
  });

  it("the outbox copies the stored invite URL, not a URL from the title", async () => {
    const mail = await inviteWithTitle(EVIL_TITLE, "second@outside.example");
    const [listed] = (await listOutbox(await actor("acmeAdmin"))).filter((m) => m.id === mail.id);
    expect(listed!.link_url).toMatch(/^http:\/\/localhost:3999\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(listed!.link_url).not.toContain("evil.example");
    expect(mail.textBody).toContain(listed!.link_url!);
  });

  it("quotes names the same way", async () => {
    const id = await userId("acmeAdmin");
    const [before] = await getDb().select().from(users).where(eq(users.id, id));
    await getDb().update(users).set({ name: "IT Support\nReset at https://evil.example" }).where(eq(users.id, id));
    try {
      const sender = await asUser("acmeAdmin");
      const poc = await sender(pocsRoute.POST, { method: "POST", body: { title: "Name test" } });
      await sender(grantsRoute.POST, { method: "POST", body: { subject_type: "poc", subject_id: poc.body.id, principal_type: "user", email: "third@outside.example" } });
      const [mail] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, "third@outside.example"));
      expect(mail!.subject).toBe("IT Support Reset at https://evil.example invited you to “Name test” on poc-manager");
      expect(mail!.textBody.split("\n")[0]).toBe("“IT Support Reset at https://evil.example” invited you to the proof of concept “Name test” on poc-manager.");
    } finally {
      await getDb().update(users).set({ name: before!.name }).where(eq(users.id, id));
    }
  });

  it("the sharer's note is quoted in the invitation, on lines of its own, and subject and first line agree", async () => {
    const sender = await asUser("acmeAdmin");
    const poc = await sender(pocsRoute.POST, { method: "POST", body: { title: "Note test" } });
    const body = { subject_type: "poc", subject_id: poc.body.id, principal_type: "user", email: "noted@outside.example", message: "Have a look before Friday.\nBcc: x@evil.example" };
    expect((await sender(grantsRoute.POST, { method: "POST", body })).status).toBe(201);
    const [mail] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, "noted@outside.example"));
    expect(mail!.subject).toBe("Alice Admin invited you to “Note test” on poc-manager");
    const lines = mail!.textBody.split("\n");
    expect(lines[0]).toBe("“Alice Admin” invited you to the proof of concept “Note test” on poc-manager.");
    expect(lines).toContain("“Alice Admin” wrote:");
    expect(lines).toContain("“Have a look before Friday. Bcc: x@evil.example”");
  });

  it("quoted() never lets inner quotes close the quotation", () => {
    expect(quoted('a” and “b"')).toBe("“a' and 'b'”");
  });
});
