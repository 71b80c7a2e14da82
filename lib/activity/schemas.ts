/** zod schemas of link and grant activity (the access log's API). Pure. */
import { z } from "zod";

const timestamp = z.iso.datetime({ offset: true });

export const ActivitySummary = z.object({
  views: z.number().int().describe("Page views"),
  unique_viewers: z.number().int().describe("Distinct gate emails, signed-in users or (anonymous links) client addresses"),
  last_viewed_at: timestamp.nullable(),
  exports: z.number().int().describe("Downloads and exports"),
});
export type ActivitySummary = z.infer<typeof ActivitySummary>;

export const EMPTY_ACTIVITY: ActivitySummary = { views: 0, unique_viewers: 0, last_viewed_at: null, exports: 0 };

export const ViewJson = z.object({
  id: z.string(),
  at: timestamp,
  kind: z.enum(["view", "gate", "export"]).describe("A page view, an email given at the watermark gate, or a download/export"),
  viewer: z.object({
    kind: z.enum(["email", "user", "embed", "anonymous"]),
    email: z.string().nullable(),
    user_id: z.uuid().nullable(),
    name: z.string().nullable(),
  }),
  ip: z.string().nullable(),
  browser: z.string().nullable().describe("Browser and system, read from the user agent"),
  user_agent: z.string().nullable(),
  format: z.string().nullable().describe("Exports: csv, pdf, png, xlsx"),
  export_id: z.string().nullable().describe("Exports: the forensic id in the file"),
});
export type ViewJson = z.infer<typeof ViewJson>;

export const ViewsQuery = z.strictObject({
  cursor: z.string().max(100).optional().describe("The `next` value of the previous page"),
  limit: z.coerce.number().int().min(1).max(100).optional().describe("Page size, 20 by default"),
});
export type ViewsQuery = z.infer<typeof ViewsQuery>;

export const GrantViewsPage = z.object({
  summary: ActivitySummary,
  data: z.array(ViewJson),
  next: z.string().nullable(),
});
export type GrantViewsPage = z.infer<typeof GrantViewsPage>;

export const NotifyViews = z.enum(["off", "first", "every"]).describe("Email the grant's creator on the first view, or on every view (at most one email per hour)");
