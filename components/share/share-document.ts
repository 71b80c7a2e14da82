/**
 * The anonymous share view as plain server HTML: no client script, no React server payload,
 * only the allowlisted fields of PublicPocView. Used by the /share/[token] route handler.
 */
import type { ExportDownload } from "@/lib/exports/formats";
import { formatDate, formatDateRange } from "@/components/format";
import { statusLabel } from "@/components/status-labels";
import type { PublicPocView } from "@/lib/sharing/schemas";
import { commentsSection, type CommentFormState } from "./comments";
import { html, SafeHtml } from "./html";
import { WATERMARK_STYLES, watermarkOverlay } from "./watermark";

const STYLES = `
:root { --fg:#1f2933; --muted:#616e7c; --line:#e4e7eb; --bg:#f5f7fa; --card:#fff; --accent:#2f5bea; }
* { box-sizing: border-box; }
body { margin:0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg); background:var(--bg); }
header.bar { background:#102a43; color:#fff; padding:.75rem 1.5rem; font-weight:600; }
header.bar small { font-weight:400; opacity:.8; margin-left:.5rem; }
main { max-width: 960px; margin: 2rem auto; padding: 0 1rem; position: relative; }
.card { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:1.25rem 1.5rem; margin-bottom:1rem; }
h1 { margin:.25rem 0 .5rem; font-size:1.75rem; }
h2 { font-size:1.15rem; margin:0 0 .75rem; }
h3 { font-size:1rem; margin:1rem 0 .5rem; }
.muted { color:var(--muted); }
.meta { display:flex; flex-wrap:wrap; gap:1rem; color:var(--muted); font-size:.95rem; }
.badge { display:inline-block; padding:.1rem .55rem; border-radius:999px; font-size:.8rem; font-weight:600; background:#e8eefc; color:#1d3fb8; }
.badge.s-done,.badge.s-met,.badge.s-won { background:#e3f9e5; color:#207227; }
.badge.s-blocked,.badge.s-not_met,.badge.s-lost { background:#ffe3e3; color:#a61b1b; }
.badge.s-in_progress,.badge.s-active { background:#fff3c4; color:#8d6708; }
table { width:100%; border-collapse:collapse; }
th, td { text-align:left; padding:.5rem .4rem; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-size:.85rem; color:var(--muted); font-weight:600; }
p.pre { white-space: pre-wrap; margin:.25rem 0 0; }
.center { max-width: 520px; margin: 4rem auto; text-align:center; }
footer { text-align:center; color:var(--muted); font-size:.85rem; margin:2rem 0; }
form { display:grid; gap:.5rem; margin-top:.75rem; text-align:left; }
label { font-weight:600; font-size:.9rem; }
input, textarea { font:inherit; padding:.5rem .6rem; border:1px solid #9aa5b1; border-radius:6px; width:100%; }
input:focus-visible, textarea:focus-visible, button:focus-visible, a:focus-visible { outline:3px solid #8fb1ff; outline-offset:2px; }
button { font:inherit; font-weight:600; padding:.55rem 1rem; border:0; border-radius:6px; background:var(--accent); color:#fff; cursor:pointer; justify-self:start; }
.error { color:#a61b1b; background:#ffe3e3; padding:.5rem .75rem; border-radius:6px; }
.actions { display:flex; gap:.75rem; margin-top:.75rem; }
a.button { display:inline-block; padding:.45rem .9rem; border:1px solid var(--accent); border-radius:6px; color:var(--accent); text-decoration:none; font-weight:600; }
ul.comments, ul.replies { list-style:none; padding:0; margin:0; }
ul.replies { margin-left:1.25rem; border-left:3px solid var(--line); padding-left:.9rem; }
li.comment { padding:.6rem 0; border-bottom:1px solid var(--line); }
.comment-form .row { display:grid; grid-template-columns:auto 1fr auto 1fr; gap:.5rem; align-items:center; }
@media (max-width: 640px) { .comment-form .row { grid-template-columns:1fr; } }
@media print { form, details, .actions { display:none; } }
${WATERMARK_STYLES}
@media print { header.bar { background:none; color:#000; } body { background:#fff; } .card { border:none; } }
`;

export function shareDocument(title: string, body: SafeHtml): string {
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${new SafeHtml(STYLES)}</style>
</head>
<body>
<header class="bar">poc-manager <small>shared proof of concept</small></header>
${body}
</body>
</html>`}`;
}

const badge = (kind: "poc" | "task" | "criterion", status: string) => html`<span class="badge s-${status}">${statusLabel(kind, status)}</span>`;

export type SharePageOptions = { downloads: ExportDownload[]; comments: CommentFormState; viewedAt: Date };

export function sharePocBody(view: PublicPocView, options: SharePageOptions): SafeHtml {
  return html`${view.viewer_email ? watermarkOverlay(view.viewer_email, options.viewedAt) : ""}<main>
  <section class="card" aria-labelledby="poc-title">
    <div class="muted">${view.customer || "Proof of concept"}</div>
    <h1 id="poc-title">${view.title}</h1>
    <div class="meta"><span>Status: ${badge("poc", view.status)}</span><span>${formatDateRange(view.start_date, view.end_date)}</span></div>
    ${view.description ? html`<h3>Description</h3><p class="pre">${view.description}</p>` : ""}
    ${view.objectives ? html`<h3>Objectives</h3><p class="pre">${view.objectives}</p>` : ""}
    ${
      options.downloads.length
        ? html`<nav class="actions" aria-label="Downloads"><span class="muted">Download:</span> ${options.downloads.map((d) => html`<a class="button" href="${d.href}" download>${d.label}</a> `)}</nav>`
        : ""
    }
  </section>
  <section class="card" aria-labelledby="tasks-heading">
    <h2 id="tasks-heading">Tasks</h2>
    ${view.task_groups.length === 0 ? html`<p class="muted">No tasks yet.</p>` : ""}
    ${view.task_groups.map(
      (group) => html`<h3>${group.name}</h3>
      ${
        group.tasks.length === 0
          ? html`<p class="muted">No tasks in this group.</p>`
          : html`<table><thead><tr><th scope="col">Task</th><th scope="col">Status</th><th scope="col">Assignee</th><th scope="col">Due</th></tr></thead><tbody>
        ${group.tasks.map(
          (task) => html`<tr><td>${task.title}</td><td>${badge("task", task.status)}</td><td>${task.assignee_name ?? "Unassigned"}</td><td>${formatDate(task.due_date)}</td></tr>`,
        )}
        </tbody></table>`
      }`,
    )}
  </section>
  <section class="card" aria-labelledby="criteria-heading">
    <h2 id="criteria-heading">Success criteria</h2>
    ${
      view.success_criteria.length === 0
        ? html`<p class="muted">No success criteria yet.</p>`
        : html`<table><thead><tr><th scope="col">Criterion</th><th scope="col">Status</th></tr></thead><tbody>
      ${view.success_criteria.map((c) => html`<tr><td>${c.description}</td><td>${badge("criterion", c.status)}</td></tr>`)}
      </tbody></table>`
    }
  </section>
  ${view.comments ? commentsSection(view.comments, view.viewer_email, options.comments) : ""}
  <footer>${view.actions.includes("comment") ? "Shared with you through a link." : "Read-only view shared with you through a link."}</footer>
</main>`;
}

const MESSAGES = {
  "share/not-found": { title: "Link not found", text: "This link does not exist. Check that you copied the whole address." },
  "share/revoked": { title: "This link is no longer available", text: "The person who shared it has turned it off. Ask them for a new link." },
  "share/expired": { title: "This link has expired", text: "Ask the person who shared it for a new link." },
} as const;

export type ShareErrorCode = keyof typeof MESSAGES;

export function shareErrorBody(code: ShareErrorCode): { title: string; body: SafeHtml } {
  const m = MESSAGES[code];
  return { title: m.title, body: html`<main class="center"><section class="card" data-code="${code}"><h1>${m.title}</h1><p class="muted">${m.text}</p></section></main>` };
}
