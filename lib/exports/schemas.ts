/** Request and response shapes of the export routes (also the OpenAPI source). */
import { z } from "zod";
import { EXPORT_FORMATS, PAPER_SIZES } from "./formats";
import { EXPORT_ID_PATTERN } from "./stamp";

/** `export.pdf` etc.; any other name in that place is an unknown file (404). */
export const ExportFileName = z.string().regex(/^export\.(pdf|png|xlsx|csv)$/);

export const ExportQuery = z.strictObject({
  paper: z.enum(PAPER_SIZES).optional().describe("PDF page size (default a4)"),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

export const ExportIdParams = z.object({ export_id: z.string().transform((s) => s.toUpperCase()).pipe(z.string().regex(EXPORT_ID_PATTERN)) });

/** What an admin sees about an export found by its forensic id. */
export const ExportRecord = z.object({
  export_id: z.string(),
  format: z.enum(EXPORT_FORMATS),
  exported_at: z.string(),
  poc: z.object({ id: z.uuid(), title: z.string() }),
  grant: z.object({ id: z.uuid(), principal_type: z.string() }).nullable(),
  viewer: z.object({
    kind: z.enum(["user", "link", "embed"]),
    email: z.string().nullable(),
    user: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  }),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
});
export type ExportRecord = z.infer<typeof ExportRecord>;
