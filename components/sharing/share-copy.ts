/**
 * What the Share dialog and Settings → Members say after sending an email, true to how email
 * leaves the app: with SMTP the message is sent; without it, it waits in Settings → Outbox and
 * the copy says so. The page passes `emailDelivery()` (lib/email/service) down. Pure.
 */
import type { GrantJson } from "./api";
import { principalLabel } from "./format";

export type EmailDelivery = "smtp" | "outbox";

/** An invitation to `who` (an email, maybe with more words) went out, or waits in the outbox. */
export const invitationText = (who: string, delivery: EmailDelivery): string =>
  delivery === "smtp" ? `Invitation sent to ${who}.` : `Invitation queued in Settings → Outbox for ${who}.`;

/** An invitation was sent again (Resend), or queued again. */
export const invitationResentText = (delivery: EmailDelivery): string =>
  delivery === "smtp" ? "Invitation sent again." : "Invitation queued again in Settings → Outbox.";

/** A set-password link went out to a member (Settings → Members), or waits in the outbox. */
export const passwordLinkText = (delivery: EmailDelivery): string =>
  delivery === "smtp" ? "Link sent." : "Link queued in Settings → Outbox.";

export function sharedText(grant: GrantJson, delivery: EmailDelivery): string {
  if (grant.principal_type === "user" && grant.principal.pending) {
    return `${invitationText(grant.principal.email ?? "them", delivery)} They get access once they sign up.`;
  }
  const label = principalLabel(grant);
  const who = grant.principal_type === "user" && grant.principal.email && grant.principal.name ? `${label} (${grant.principal.email})` : label;
  if (grant.principal_type !== "user") return `Shared with ${who}.`;
  return delivery === "smtp" ? `Shared with ${who}.` : `Shared with ${who}. Their email is queued in Settings → Outbox.`;
}

/** One line for everyone a submit reached. */
export const sharedSummary = (grants: GrantJson[], delivery: EmailDelivery): string => grants.map((g) => sharedText(g, delivery)).join(" ");

/** Emails typed or pasted in one go: split on commas, semicolons and whitespace, lower-cased, without repeats. */
export function splitEmails(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((e) => e.trim().toLowerCase()).filter(Boolean))];
}

/** A light check before the server's: something@something.tld. */
export const looksLikeEmail = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
