/**
 * One allow/deny entry of a verified link: an exact email or `@domain` (that domain only),
 * lower case. Pure and tiny, so the Share dialog checks entries with the server's own rule.
 */
import { z } from "zod";

export const MAX_VIEWER_ENTRIES = 500;
const DOMAIN_ENTRY = /^@(?=.{4,254}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;
const EmailEntry = z.email().max(254);

export const VIEWER_ENTRY_MESSAGE = "Enter an email address (dana@example.com) or a domain (@example.com)";

export const ViewerEntry = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => DOMAIN_ENTRY.test(v) || EmailEntry.safeParse(v).success, VIEWER_ENTRY_MESSAGE);

/** Entries as typed in a text box: one per line or separated by commas, semicolons or spaces. */
export function splitViewerEntries(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== "");
}

/** The first entry that is neither an email nor a domain, for a message that names it. */
export const firstInvalidEntry = (entries: readonly string[]): string | null => entries.find((entry) => !ViewerEntry.safeParse(entry).success) ?? null;
