/**
 * Transactional email through an outbox: messages are written in the same transaction as the
 * change that causes them, then delivered by `deliverDueEmail` (SMTP via nodemailer when
 * SMTP_URL is set) with retries and exponential backoff. Without SMTP_URL they stay in the
 * outbox, visible to tenant admins, so the demo works offline.
 */
import nodemailer from "nodemailer";
import type { Actor } from "@/lib/auth/actor";
import { forbidden } from "@/lib/api/errors";
import { config } from "@/lib/config";
import type { Executor } from "@/lib/db/repo";
import { countEmailDelivery } from "@/lib/metrics/registry";
import * as repo from "./repo";
import { logger } from "@/lib/log";

const MAX_ATTEMPTS = 8;
const BATCH = 20;
const LEASE_SECONDS = 120;

/**
 * `oneTimeSecret`: the body holds a one-time code. Such a message is logged without its
 * recipient, and its body is removed from the outbox once delivered or given up on.
 */
export function queueEmail(tx: Executor, message: { tenantId: string | null; to: string; subject: string; text: string; linkUrl?: string; oneTimeSecret?: boolean }): Promise<void> {
  // Recipient and subject only: bodies carry single-use links that must not reach logs.
  if (!config().smtpUrl) logger.info({ to: message.oneTimeSecret ? "a link viewer" : message.to, subject: message.subject }, "email queued (SMTP_URL not set: see Settings → Outbox)");
  return repo.enqueue(tx, {
    tenantId: message.tenantId,
    toAddress: message.to,
    subject: message.subject,
    textBody: message.text,
    linkUrl: message.linkUrl ?? null,
    redactAfterSend: message.oneTimeSecret ?? false,
  });
}

let transport: { url: string; transporter: nodemailer.Transporter } | null = null;
function smtp(): nodemailer.Transporter | null {
  const url = config().smtpUrl;
  if (!url) return null;
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

/** Backoff: 30 s, 1 min, 2 min, ... up to about an hour, then the message is marked failed. */
export const retryDelaySeconds = (attempts: number): number | null => (attempts >= MAX_ATTEMPTS ? null : Math.min(30 * 2 ** (attempts - 1), 3600));

/** Sends what is due. Returns how many were sent. Safe to run on several instances at once. */
export async function deliverDueEmail(): Promise<number> {
  const transporter = smtp();
  if (!transporter) return 0;
  let sent = 0;
  for (const message of await repo.claimDue(BATCH, LEASE_SECONDS)) {
    try {
      await transporter.sendMail({ from: config().mailFrom, to: message.toAddress, subject: message.subject, text: message.textBody });
      await repo.markSent(message.id);
      countEmailDelivery("sent");
      sent += 1;
    } catch (error) {
      const raw = error instanceof Error ? error.message : String(error);
      // SMTP errors can quote the recipient; a code's recipient stays out of logs and the outbox.
      const reason = message.redactAfterSend ? raw.replaceAll(message.toAddress, "<recipient>") : raw;
      await repo.markFailedAttempt(message.id, reason.slice(0, 500), retryDelaySeconds(message.attempts));
      countEmailDelivery("failed");
      // The recipient and subject only: bodies can carry invite links.
      logger.error({ to: message.redactAfterSend ? `a link viewer (message ${message.id})` : message.toAddress, attempt: message.attempts, reason }, "email delivery failed");
    }
  }
  return sent;
}

/** Settings → Outbox (tenant admins): what was sent, or waits for SMTP to be configured. */
export async function listOutbox(actor: Actor) {
  if (actor.role !== "tenant_admin" || !actor.tenantId) throw forbidden("Only tenant admins see the outbox");
  const rows = await repo.listTenantOutbox(actor.tenantId);
  return rows.map((m) => ({
    id: m.id,
    to: m.toAddress,
    subject: m.subject,
    text: m.textBody,
    link_url: m.linkUrl,
    status: m.status,
    attempts: m.attempts,
    last_error: m.lastError,
    created_at: m.createdAt.toISOString(),
    sent_at: m.sentAt?.toISOString() ?? null,
  }));
}

/** How email leaves this instance: over SMTP, or into Settings → Outbox (the UI says which). */
export const emailDelivery = (): "smtp" | "outbox" => (config().smtpUrl ? "smtp" : "outbox");

/** Starts a delivery round in the background right after a commit (no-op without SMTP). */
export function kickEmailDelivery(): void {
  if (!config().smtpUrl) return;
  deliverDueEmail().catch((error: unknown) => logger.error({ err: error }, "email delivery round failed"));
}

/** Queue depth and the age of the oldest undelivered message, for /api/metrics and /api/ready. */
export const outboxStats = repo.outboxStats;
