/**
 * The stamp every export carries: a short random forensic id (in the file and in the access
 * log), the export time, and — for watermarked grants — the viewer's email. Pure.
 */
import { randomBytes } from "node:crypto";

export type ExportStamp = {
  /** e.g. "X7K3M9Q2TD": 10 Crockford base32 characters (50 bits), easy to read out loud. */
  exportId: string;
  /** ISO 8601, UTC. */
  exportedAt: string;
  /** Set when the grant asks for a watermark: the viewer's email, tiled into the file. */
  watermarkEmail: string | null;
};

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const EXPORT_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{10}$/;

export function newExportId(): string {
  const bytes = randomBytes(10);
  let id = "";
  for (const b of bytes) id += ALPHABET[b & 31];
  return id;
}

/** "2026-12-01 17:05 UTC": the export time as people read it in a file. */
export const stampTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** The one-line notice at the top of a spreadsheet / CSV and in PDF footers. */
export function stampLine(stamp: ExportStamp): string {
  const who = stamp.watermarkEmail ? `Exported for ${stamp.watermarkEmail} on ${stampTime(stamp.exportedAt)}` : `Exported on ${stampTime(stamp.exportedAt)}`;
  return `${who} · Export ID ${stamp.exportId}`;
}

/** The tiled watermark text: who and when. */
export const watermarkText = (stamp: ExportStamp): string | null =>
  stamp.watermarkEmail ? `${stamp.watermarkEmail} · ${stampTime(stamp.exportedAt)}` : null;

/**
 * The download's file name: the POC's slug, the time, the viewer's email for watermarked
 * grants, and the export id. ASCII only (the email's other characters become "_").
 */
export function exportFileName(title: string, stamp: ExportStamp, ext: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "poc";
  const time = stamp.exportedAt.slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  const who = stamp.watermarkEmail ? `-for-${stamp.watermarkEmail.toLowerCase().replace(/[^a-z0-9@._+-]/g, "_")}` : "";
  return `${slug}-${time}Z${who}-${stamp.exportId}.${ext}`;
}
