/**
 * "Request access": someone holding an expired or revoked link asks the POC's owner for a
 * way in. The owner and the tenant's admins are told through the outbox; anyone who may
 * share the POC sees the request in the Share dialog and approves it (a user grant or
 * invitation, under the usual re-share rules) or dismisses it. Audited; rate-limited per IP
 * before any lookup, so the form cannot be used to probe tokens.
 */
import type { Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { config } from "@/lib/config";
import { transaction } from "@/lib/db/repo";
import { queueEmail } from "@/lib/email/service";
import { requirePocAccess } from "@/lib/pocs/service";
import { consume } from "@/lib/ratelimit/service";
import { sha256 } from "@/lib/security/crypto";
import { createGrant } from "@/lib/sharing/service";
import * as repo from "./repo";
import { AccessRequestInput, ApproveAccessRequestInput, type AccessRequestJson } from "./schemas";

const HOUR = 3600;

/** User text in a plain-text email: one line, no control characters, quoted. */
const quoted = (text: string) => `"${text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim()}"`;

const json = (row: Awaited<ReturnType<typeof repo.listForPoc>>[number]): AccessRequestJson => ({
  id: row.request.id,
  poc_id: row.request.pocId,
  name: row.request.name,
  email: row.request.email,
  message: row.request.message,
  status: row.request.status,
  created_at: row.request.createdAt.toISOString(),
  decided_at: row.request.decidedAt?.toISOString() ?? null,
  decided_by: row.decider,
  grant_id: row.request.grantId,
});

/** From a dead link's page. Answers the same way whether or not a request was already open. */
export async function requestAccess(req: { token: string; ip: string | null }, raw: AccessRequestInput): Promise<void> {
  const input = AccessRequestInput.parse(raw);
  await consume([{ key: `access-request:ip:${req.ip ?? "unknown"}`, max: 5, windowSeconds: HOUR }], "Too many requests from your network. Try again later.");
  const link = await repo.findLinkByTokenHash(sha256(req.token.slice(0, 512)));
  if (!link) throw new AppError("share/not-found", "This link does not exist");
  if (!link.revokedAt && !link.ended) throw new AppError("resource/conflict", "This link still works: open it instead");
  await consume([{ key: `access-request:link:${link.grantId}`, max: 20, windowSeconds: HOUR }], "This link has had many requests. Try again later.");
  const recipients = await repo.notifiedEmails(link.tenantId, link.ownerId);
  await transaction(async (tx) => {
    const created = await repo.insertPending(tx, { tenantId: link.tenantId, pocId: link.pocId, viaGrantId: link.grantId, name: input.name, email: input.email, message: input.message, ip: req.ip });
    if (!created) return;
    await recordAudit(tx, { system: true }, {
      tenantId: link.tenantId,
      action: "access_request.created",
      subjectType: "poc",
      subjectId: link.pocId,
      payload: { request_id: created.id, via_grant_id: link.grantId, name: input.name, email: input.email, ip: req.ip },
    });
    for (const to of recipients) {
      await queueEmail(tx, {
        tenantId: link.tenantId,
        to,
        subject: `Access request for ${quoted(link.pocTitle)}`,
        text: [
          `${quoted(input.name)} <${input.email}> asked for access to the proof of concept ${quoted(link.pocTitle)} through a link that no longer works.`,
          ...(input.message ? ["", "Their message:", quoted(input.message)] : []),
          "",
          `Approve or dismiss it in the POC's Share dialog: ${config().appUrl}/pocs/${link.pocId}`,
        ].join("\n"),
      });
    }
  });
}

export async function listAccessRequests(actor: Actor, pocId: string): Promise<AccessRequestJson[]> {
  await requirePocAccess(actor, pocId, "share");
  return (await repo.listForPoc(pocId)).map(json);
}

async function pendingRequest(actor: Actor, pocId: string, requestId: string) {
  const { row } = await requirePocAccess(actor, pocId, "share");
  const found = await repo.findForPoc(pocId, requestId);
  if (!found) throw notFound("Access request");
  if (found.request.status !== "pending") throw new AppError("resource/conflict", `This request was already ${found.request.status}`);
  return { poc: row.poc, request: found.request };
}

/** Shares the POC with the requester (an invitation when they have no account), then closes the request. */
export async function approveAccessRequest(actor: Actor, pocId: string, requestId: string, raw: ApproveAccessRequestInput = {}): Promise<AccessRequestJson> {
  const input = ApproveAccessRequestInput.parse(raw);
  const { poc, request } = await pendingRequest(actor, pocId, requestId);
  const grant = await createGrant(actor, { subject_type: "poc", subject_id: pocId, principal_type: "user", email: request.email, actions: input.actions });
  await transaction(async (tx) => {
    if (!(await repo.decide(tx, requestId, { status: "approved", decidedBy: actor.userId, grantId: grant.id }))) throw new AppError("resource/conflict", "This request was decided meanwhile");
    await recordAudit(tx, actor, { tenantId: poc.tenantId, action: "access_request.approved", subjectType: "poc", subjectId: pocId, payload: { request_id: requestId, grant_id: grant.id, email: request.email } });
  });
  return json((await repo.findForPoc(pocId, requestId))!);
}

export async function dismissAccessRequest(actor: Actor, pocId: string, requestId: string): Promise<AccessRequestJson> {
  const { poc, request } = await pendingRequest(actor, pocId, requestId);
  await transaction(async (tx) => {
    if (!(await repo.decide(tx, requestId, { status: "dismissed", decidedBy: actor.userId }))) throw new AppError("resource/conflict", "This request was decided meanwhile");
    await recordAudit(tx, actor, { tenantId: poc.tenantId, action: "access_request.dismissed", subjectType: "poc", subjectId: pocId, payload: { request_id: requestId, email: request.email } });
  });
  return json((await repo.findForPoc(pocId, requestId))!);
}
