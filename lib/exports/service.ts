/**
 * Exports of a POC as PDF, PNG, XLSX or CSV: one function for every kind of caller holding
 * `download` (a signed-in user, a link viewer, and — with #14 — an embed viewer). Each call
 * checks the grant live, refuses POCs over the limits (413) before loading them, renders the
 * one POC view model (lib/pocs/view-model) off the event loop, stamps the file with a forensic
 * id and, for watermarked grants, the viewer's email, and writes the access-log row before
 * the file leaves.
 */
import type { Actor } from "@/lib/auth/actor";
import { AppError, forbidden, notFound } from "@/lib/api/errors";
import { getPoc, getPocSummary } from "@/lib/pocs/service";
import { pocViewFromDetail, pocViewFromPublic, todayIso, type PocView } from "@/lib/pocs/view-model";
import { openEmbedForExport, type EmbedRequest } from "@/lib/embed/service";
import { openShareForExport, type ShareRequest } from "@/lib/sharing/public-service";
import type { PublicPocView } from "@/lib/sharing/schemas";
import { CONTENT_TYPES, EXPORT_LIMITS, type ExportFormat, type PaperSize } from "./formats";
import { renderInWorker } from "./render-queue";
import { renderCsv } from "./render/csv";
import * as repo from "./repo";
import { ExportIdParams, type ExportRecord } from "./schemas";
import { exportFileName, newExportId, type ExportStamp } from "./stamp";

/**
 * Who is exporting: a signed-in user (session or API token), a link viewer (token + pass) or
 * an embed viewer (signed token). Each kind has its live grant check in `sourceOf`; everything
 * after it is shared.
 */
export type ExportCaller = { kind: "user"; actor: Actor; pocId: string } | { kind: "link"; share: ShareRequest } | { kind: "embed"; embed: EmbedRequest };

export type ExportFile = { bytes: Uint8Array; filename: string; contentType: string; exportId: string };

/** What the grant check hands to the renderer and the access log. */
type ExportSource = {
  view: PocView;
  pocId: string;
  grantId: string | null;
  /** Who: a member's user id and email, a link's gate email, an embed token's viewer (an email or an integrator's id). */
  viewer: { kind: "user" | "link" | "embed"; userId: string | null; email: string | null; externalId?: string | null };
  /** The email to tile into the file, when the grant asks for a watermark. */
  watermarkEmail: string | null;
  ip: string | null;
  userAgent: string | null;
};

type PartCounts = { tasks: number; comments: number; criteria: number };

function assertWithinLimits(counts: PartCounts): void {
  const over = (Object.keys(EXPORT_LIMITS) as (keyof PartCounts)[]).filter((k) => counts[k] > EXPORT_LIMITS[k]);
  if (over.length === 0) return;
  const what = over.map((k) => `${counts[k].toLocaleString("en-US")} ${k === "criteria" ? "success criteria" : k}`).join(" and ");
  const limits = over.map((k) => `${EXPORT_LIMITS[k].toLocaleString("en-US")} ${k === "criteria" ? "success criteria" : k}`).join(" and ");
  throw new AppError("export/too-large", `This POC has ${what}; one export holds at most ${limits}. Export the tasks through the API in pages instead.`, {
    extra: { limits: EXPORT_LIMITS, counts },
  });
}

async function userSource(actor: Actor, pocId: string, userAgent: string | null): Promise<ExportSource> {
  // The live access check first (404 without view, 403 without download), then the limits,
  // so an oversized POC is never loaded whole and a hidden one reveals nothing.
  const summary = await getPocSummary(actor, pocId);
  if (!summary.permissions.actions.includes("download")) throw forbidden('You need the "download" permission on this POC');
  const facts = await repo.memberExportFacts(pocId, actor.userId);
  if (!facts) throw notFound("POC");
  assertWithinLimits(facts);
  const poc = await getPoc(actor, pocId);
  return {
    // Exports are what gets sent to customers: never internal comments, not even a member's own
    // export (issue 17), as share pages and embeds.
    view: pocViewFromDetail(poc, { today: todayIso(), organisation: facts.tenantName }),
    pocId,
    grantId: facts.grantId,
    viewer: { kind: "user", userId: actor.userId, email: actor.email },
    watermarkEmail: poc.permissions.watermark ? actor.email : null,
    ip: actor.ip,
    userAgent,
  };
}

/** Part counts of an anonymous view document (already in memory: the grant check read it). */
const publicCounts = (view: PublicPocView): PartCounts => ({
  tasks: view.task_groups.reduce((n, g) => n + g.tasks.length, 0),
  comments: view.comments?.length ?? 0,
  criteria: view.success_criteria.length,
});

async function linkSource(share: ShareRequest): Promise<ExportSource> {
  const opened = await openShareForExport(share);
  const { view } = opened;
  assertWithinLimits(publicCounts(view));
  return {
    view: pocViewFromPublic(view, { today: todayIso() }),
    pocId: opened.pocId,
    grantId: opened.grantId,
    viewer: { kind: "link", userId: null, email: opened.viewerEmail },
    watermarkEmail: opened.watermark ? opened.viewerEmail : null,
    ip: share.ip,
    userAgent: share.userAgent,
  };
}

async function embedSource(req: EmbedRequest): Promise<ExportSource> {
  const opened = await openEmbedForExport(req);
  const { view } = opened;
  assertWithinLimits(publicCounts(view));
  const isEmail = opened.viewer !== null && opened.viewer.includes("@");
  return {
    view: pocViewFromPublic(view, { today: todayIso() }),
    pocId: opened.pocId,
    grantId: opened.grantId,
    viewer: { kind: "embed", userId: null, email: isEmail ? opened.viewer : null, externalId: isEmail ? null : opened.viewer },
    // The document names the token's viewer (or "Embedded view") only when the grant is watermarked.
    watermarkEmail: view.viewer_email,
    ip: req.ip,
    userAgent: req.userAgent?.slice(0, 500) ?? null,
  };
}

function sourceOf(caller: ExportCaller, userAgent: string | null): Promise<ExportSource> {
  switch (caller.kind) {
    case "user":
      return userSource(caller.actor, caller.pocId, userAgent);
    case "link":
      return linkSource(caller.share);
    case "embed":
      return embedSource(caller.embed);
  }
}

export async function exportPoc(
  caller: ExportCaller,
  format: ExportFormat,
  options: { paper?: PaperSize; userAgent?: string | null } = {},
): Promise<ExportFile> {
  const source = await sourceOf(caller, options.userAgent?.slice(0, 500) ?? null);
  const stamp: ExportStamp = { exportId: newExportId(), exportedAt: new Date().toISOString(), watermarkEmail: source.watermarkEmail };
  const job = { format, view: source.view, stamp, paper: options.paper ?? "a4" } as const;
  // CSV is a string join: cheaper on the event loop than a round trip to a worker.
  const bytes = format === "csv" ? new TextEncoder().encode(renderCsv(source.view, stamp)) : await renderInWorker(job);
  await repo.insertExportLog({
    format,
    exportId: stamp.exportId,
    pocId: source.pocId,
    grantId: source.grantId,
    viewerUserId: source.viewer.userId,
    viewerEmail: source.viewer.email,
    viewerExternalId: source.viewer.externalId ?? null,
    ip: source.ip,
    userAgent: source.userAgent,
    viewedAt: new Date(stamp.exportedAt),
  });
  return { bytes, filename: exportFileName(source.view.title, stamp, format), contentType: CONTENT_TYPES[format], exportId: stamp.exportId };
}

/** A tenant admin looks up who exported a file, by the id printed in it. */
export async function findExport(actor: Actor, exportId: string): Promise<ExportRecord> {
  if (actor.role !== "tenant_admin" || !actor.tenantId) throw forbidden("Only tenant admins can look up exports");
  const row = await repo.findExport(actor.tenantId, exportId);
  if (!row) throw notFound("Export");
  // Link and embed viewers are anonymous; every other export (with a user, team or role grant,
  // or none for admins and owners) was made by a signed-in user.
  const kind = row.principalType === "link" ? "link" : row.principalType === "embed" ? "embed" : "user";
  return {
    export_id: row.exportId!,
    format: row.format as ExportFormat,
    exported_at: row.exportedAt.toISOString(),
    poc: { id: row.pocId, title: row.pocTitle },
    grant: row.grantId && row.principalType ? { id: row.grantId, principal_type: row.principalType } : null,
    viewer: { kind, email: row.viewerEmail ?? row.userEmail ?? row.viewerExternalId, user: row.userId && row.userName ? { id: row.userId, name: row.userName } : null },
    ip: row.ip,
    user_agent: row.userAgent,
  };
}

/** The Settings lookup form: a typed-in id → the record, or a sentence saying why there is none. */
export async function lookUpExport(actor: Actor, raw: string): Promise<{ result: ExportRecord | null; error: string | null }> {
  if (!raw.trim()) return { result: null, error: null };
  const parsed = ExportIdParams.safeParse({ export_id: raw.trim() });
  if (!parsed.success) return { result: null, error: "An export id has 10 letters and digits, like X7K3M9Q2TD." };
  try {
    return { result: await findExport(actor, parsed.data.export_id), error: null };
  } catch (error) {
    if (error instanceof AppError && error.code === "resource/not-found") return { result: null, error: "No export of this tenant has that id." };
    throw error;
  }
}
