/**
 * zod schemas of the embed area: allowed framing origins, the viewer-token request and the
 * JSON the API answers with. Pure.
 */
import { z } from "zod";

export const MAX_EMBED_ORIGINS = 10;
export const VIEWER_TTL = { min: 60, max: 3600, default: 600 } as const;

/** Plain-http origins allowed for development; everything else must be https. */
const DEV_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Why a string is not an exact `https://host[:port]` origin, or null when it is one. */
export function embedOriginProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${value} is not a URL; use an origin like https://intranet.example.com`;
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && DEV_HOSTS.has(url.hostname))) {
    return `${value}: use https (plain http only for localhost)`;
  }
  if (url.username || url.password || value.includes("*")) return `${value}: an origin has no credentials or wildcards`;
  // URL.origin drops paths, queries and default ports and lower-cases the host: demand exactly that.
  if (url.origin !== value) return `${value}: use the exact origin ${url.origin} (scheme, host and port only)`;
  return null;
}

export const EmbedOrigins = z
  .array(z.string().max(300, "At most 300 characters"))
  .min(1, "Give at least one origin that may embed this POC")
  .max(MAX_EMBED_ORIGINS, `At most ${MAX_EMBED_ORIGINS} origins`)
  .superRefine((origins, ctx) => {
    origins.forEach((origin, index) => {
      const problem = embedOriginProblem(origin);
      if (problem) ctx.addIssue({ code: "custom", path: [index], message: problem });
    });
  })
  .transform((origins) => [...new Set(origins)]);

/** Viewer ids end up in watermarks and the access log: printable text only. */
const Viewer = z
  .string()
  .trim()
  .min(1, "Give an email or an id, or leave viewer out")
  .max(254, "At most 254 characters")
  .regex(/^[^\p{Cc}\p{Cf}]*$/u, "No control characters");

export const ViewerTokenInput = z.strictObject({
  viewer: Viewer.optional().describe("The viewer's email or your own id for them: shown in the watermark and written to the access log"),
  ttl_seconds: z
    .number()
    .int("Whole seconds")
    .min(VIEWER_TTL.min, `At least ${VIEWER_TTL.min} seconds`)
    .max(VIEWER_TTL.max, `At most ${VIEWER_TTL.max} seconds`)
    .default(VIEWER_TTL.default),
});
export type ViewerTokenInput = z.infer<typeof ViewerTokenInput>;

const timestamp = z.iso.datetime({ offset: true });

export const ViewerTokenJson = z.object({
  token: z.string().describe("A signed JWT for one viewer; put embed_url in your iframe"),
  embed_url: z.string(),
  expires_at: timestamp.describe("Never later than the grant's own expiry"),
});
export type ViewerTokenJson = z.infer<typeof ViewerTokenJson>;

export const EmbedKeyJson = z.object({
  kid: z.string(),
  alg: z.string(),
  state: z.enum(["current", "grace", "retired"]),
  created_at: timestamp,
  rotated_at: timestamp.nullable(),
  retires_at: timestamp.nullable(),
});
export type EmbedKeyJson = z.infer<typeof EmbedKeyJson>;
export const EmbedKeyList = z.object({ data: z.array(EmbedKeyJson) });
