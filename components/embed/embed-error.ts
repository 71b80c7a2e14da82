/**
 * The small page an embed shows when it cannot show the POC. Plain HTML (the proxy answers
 * with it before any page renders): the status, one sentence, the stable code, nothing about
 * which check failed beyond it.
 */
import type { ErrorCode } from "@/lib/api/errors";

export type EmbedErrorCode = Extract<ErrorCode, "embed/invalid" | "embed/expired" | "share/revoked" | "share/expired" | "share/not-found">;

const PAGES: Record<EmbedErrorCode, { status: number; title: string; text: string }> = {
  "embed/invalid": { status: 401, title: "This embed link is not valid", text: "The link is incomplete or was not issued by poc-manager." },
  "embed/expired": { status: 401, title: "This embed link has expired", text: "Ask the site that shows it for a fresh link." },
  "share/revoked": { status: 403, title: "This embed is no longer available", text: "Its owner stopped sharing it." },
  "share/expired": { status: 403, title: "This embed has expired", text: "Its owner shared it for a limited time." },
  "share/not-found": { status: 404, title: "This embed does not exist", text: "Check the link with the site that shows it." },
};

export const isEmbedErrorCode = (code: string): code is EmbedErrorCode => code in PAGES;

export function embedErrorPage(code: EmbedErrorCode): { status: number; html: string } {
  const page = PAGES[code];
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>${page.title}</title>
<style>body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#f5f7fa;display:grid;place-items:center;min-height:100vh}main{max-width:28rem;padding:1.5rem;text-align:center}h1{font-size:1.15rem;margin:0 0 .5rem}p{margin:0 0 .75rem;color:#52606d}code{font-size:.8rem;color:#616e7c}</style></head>
<body><main data-embed-error="${code}"><h1>${page.title}</h1><p>${page.text}</p><code>${code}</code></main></body></html>`;
  return { status: page.status, html };
}
