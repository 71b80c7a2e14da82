/**
 * The shared zod building blocks for user text and dates (SECURITY 30), used by every area's
 * schemas so the rule lives once: NUL and other control characters are refused in any text
 * field (tab and line breaks only where a field is multi-line), and dates must lie in years
 * 1-9999, which both Postgres and JavaScript hold (so "0000-01-01" is a 422, never a 500).
 * Pure: no db, no Next.
 */
import { z } from "zod";

/** C0 and C1 controls, DEL, and the Unicode line/paragraph separators. */
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** The same, but tab, line feed and carriage return are text in a multi-line field. */
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;

const CONTROL_MESSAGE = "Remove control characters (such as NUL) from this text";

type TextOptions = { min?: number; required?: string; multiline?: boolean };

/** A trimmed text field of at most `max` characters, refusing control characters. */
export function text(max: number, options: TextOptions = {}) {
  const pattern = options.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE;
  let schema = z
    .string()
    .refine((v) => !pattern.test(v), CONTROL_MESSAGE)
    .trim()
    .max(max, `At most ${max} characters`);
  if (options.min) schema = schema.min(options.min, options.required ?? `At least ${options.min} characters`);
  return schema;
}

const MIN_YEAR = 1;
const MAX_YEAR = 9999;
const yearInRange = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;

/** A calendar date (YYYY-MM-DD) in years 1-9999. */
export const isoDate = z.iso
  .date({ message: "Use a date like 2026-12-31" })
  .refine((v) => yearInRange(Number(v.slice(0, 4))), `Use a date between the years ${MIN_YEAR} and ${MAX_YEAR}`);

/** An RFC 3339 date-time with offset whose instant, in UTC, lies in years 1-9999. */
export function isoDateTime(message = "Use an RFC 3339 date-time, e.g. 2026-12-31T17:00:00Z") {
  return z.iso.datetime({ offset: true, message }).refine((v) => {
    const date = new Date(v);
    return !Number.isNaN(date.getTime()) && yearInRange(date.getUTCFullYear());
  }, `Use a date-time between the years ${MIN_YEAR} and ${MAX_YEAR} (in UTC)`);
}
