/** Comment threads on a share page whose link carries `comment`: display names only. */
import { formatDateTime } from "@/components/format";
import type { PublicPocView } from "@/lib/sharing/schemas";
import { html, type SafeHtml } from "./html";

type ShareComment = NonNullable<PublicPocView["comments"]>[number];

export type CommentFormState = { error?: string; values?: { name?: string; email?: string; body?: string } };

/** Who is commenting: a verified address is not asked for again (and cannot be changed). */
function authorFields(id: string, viewerEmail: string | null, verifiedEmail: string | null, state: CommentFormState): SafeHtml {
  if (verifiedEmail) return html`<p class="muted">Commenting as <strong>${verifiedEmail}</strong> (verified)</p>`;
  return html`<div class="row">
      <label for="name-${id}">Your name</label><input id="name-${id}" name="name" required maxlength="100" value="${state.values?.name ?? ""}">
      <label for="email-${id}">Your email</label><input id="email-${id}" name="email" type="email" required maxlength="254" value="${state.values?.email ?? viewerEmail ?? ""}">
    </div>`;
}

function commentForm(viewerEmail: string | null, verifiedEmail: string | null, state: CommentFormState, parentId?: string): SafeHtml {
  const id = parentId ? `reply-${parentId}` : "new";
  return html`<form method="post" class="comment-form" aria-label="${parentId ? "Reply" : "New comment"}">
    <input type="hidden" name="intent" value="comment">
    ${parentId ? html`<input type="hidden" name="parent_id" value="${parentId}">` : ""}
    ${authorFields(id, viewerEmail, verifiedEmail, state)}
    <label for="body-${id}">${parentId ? "Reply" : "Comment"}</label>
    <textarea id="body-${id}" name="body" required maxlength="2000" rows="3">${parentId ? "" : (state.values?.body ?? "")}</textarea>
    <button type="submit">${parentId ? "Post reply" : "Post comment"}</button>
  </form>`;
}

function thread(comment: ShareComment, all: ShareComment[], viewerEmail: string | null, verifiedEmail: string | null, state: CommentFormState): SafeHtml {
  const replies = all.filter((c) => c.parent_id === comment.id);
  return html`<li class="comment">
    <div class="comment-head"><strong>${comment.author_name}</strong>${comment.author_kind === "guest" ? html` <span class="badge">Guest</span>` : ""} <span class="muted">${formatDateTime(comment.created_at, "UTC")} UTC</span></div>
    <p class="pre">${comment.body}</p>
    ${replies.length ? html`<ul class="replies">${replies.map((r) => thread(r, all, viewerEmail, verifiedEmail, state))}</ul>` : ""}
    ${comment.parent_id === null ? html`<details><summary>Reply</summary>${commentForm(viewerEmail, verifiedEmail, {}, comment.id)}</details>` : ""}
  </li>`;
}

export function commentsSection(comments: ShareComment[], viewerEmail: string | null, state: CommentFormState, verifiedEmail: string | null = null): SafeHtml {
  const roots = comments.filter((c) => c.parent_id === null);
  return html`<section class="card" aria-labelledby="comments-heading">
    <h2 id="comments-heading">Comments</h2>
    ${roots.length === 0 ? html`<p class="muted">No comments yet. Start the conversation below.</p>` : html`<ul class="comments">${roots.map((c) => thread(c, comments, viewerEmail, verifiedEmail, state))}</ul>`}
    <h3>Start a thread</h3>
    ${state.error ? html`<p class="error" role="alert">${state.error}</p>` : ""}
    ${commentForm(viewerEmail, verifiedEmail, state)}
  </section>`;
}
