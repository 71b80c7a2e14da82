/** The Share dialog's copy after sharing tells the truth about email delivery (issue 17). */
import { describe, expect, it } from "vitest";
import { invitationResentText, invitationText, looksLikeEmail, passwordLinkText, sharedSummary, sharedText, splitEmails } from "@/components/sharing/share-copy";
import type { GrantJson } from "@/components/sharing/api";

const grant = (principal: Partial<GrantJson["principal"]>, type: GrantJson["principal_type"] = "user") =>
  ({ principal_type: type, principal: { id: null, name: null, email: null, pending: false, ...principal } }) as GrantJson;

describe("share copy", () => {
  it("says an invitation was sent only when SMTP is configured", () => {
    const invite = grant({ email: "new@outside.example", pending: true });
    expect(sharedText(invite, "smtp")).toBe("Invitation sent to new@outside.example. They get access once they sign up.");
    expect(sharedText(invite, "outbox")).toBe("Invitation queued in Settings → Outbox for new@outside.example. They get access once they sign up.");
    expect(sharedText(invite, "outbox")).not.toContain("sent");
  });

  it("names a member with their email, and says where their email waits without SMTP", () => {
    const mark = grant({ id: "u1", name: "Mark Member", email: "mark@acme.test" });
    expect(sharedText(mark, "smtp")).toBe("Shared with Mark Member (mark@acme.test).");
    expect(sharedText(mark, "outbox")).toBe("Shared with Mark Member (mark@acme.test). Their email is queued in Settings → Outbox.");
    expect(sharedSummary([mark, grant({ id: "member" }, "role")], "smtp")).toBe("Shared with Mark Member (mark@acme.test). Shared with All members.");
  });

  it("Settings → Members and Resend say sent only with SMTP, else where the email waits", () => {
    // Settings → Members passes "email as Role"; the Share dialog's and Members' Resend the delivery alone.
    expect(invitationText("new@outside.example as Member", "smtp")).toBe("Invitation sent to new@outside.example as Member.");
    expect(invitationText("new@outside.example as Member", "outbox")).toBe("Invitation queued in Settings → Outbox for new@outside.example as Member.");
    expect(invitationResentText("smtp")).toBe("Invitation sent again.");
    expect(invitationResentText("outbox")).toBe("Invitation queued again in Settings → Outbox.");
    expect(passwordLinkText("smtp")).toBe("Link sent.");
    expect(passwordLinkText("outbox")).toBe("Link queued in Settings → Outbox.");
    for (const text of [invitationText("a@b.example", "outbox"), invitationResentText("outbox"), passwordLinkText("outbox")]) expect(text).not.toMatch(/\bsent\b/);
  });

  it("splits pasted lists of emails on commas, semicolons and whitespace", () => {
    expect(splitEmails(" A@x.example, b@y.example;c@z.example\n\td@w.example  a@x.example ")).toEqual(["a@x.example", "b@y.example", "c@z.example", "d@w.example"]);
    expect(looksLikeEmail("a@x.example")).toBe(true);
    expect(looksLikeEmail("not an email")).toBe(false);
  });
});
