/** Body limits (SECURITY 30), without imports: next.config.ts reads them at build time too. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;
export const MAX_FORM_BODY_BYTES = 64 * 1024;
