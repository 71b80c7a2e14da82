import { LocalTime } from "@/components/ui/local-time";
import type { PocViewComment } from "@/lib/pocs/view-model";
import type { PocCommenting } from "./capabilities";

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join("");

function CommentItem({ comment, commenting }: { comment: PocViewComment; commenting: PocCommenting | null }) {
  const authorId = `comment-${comment.id}-author`;
  return (
    <li className="comment-item">
      <article className="comment" aria-labelledby={authorId}>
        <div className="avatar" aria-hidden="true">
          {initials(comment.author_name)}
        </div>
        <div className="comment-main">
          <header className="comment-meta">
            <span id={authorId} className="comment-author">
              {comment.author_name}
            </span>
            {comment.author_kind === "guest" ? <span className="tag">Guest</span> : null}
            <span className="muted small">
              <LocalTime value={comment.created_at} />
            </span>
          </header>
          <p className="prose comment-body">{comment.body}</p>
          {commenting ? commenting.reply(comment) : null}
        </div>
      </article>
      {comment.replies.length > 0 ? (
        <ul className="comment-replies" aria-label={`Replies to ${comment.author_name}`}>
          {comment.replies.map((reply) => (
            <CommentItem key={reply.id} comment={reply} commenting={commenting} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

const countOf = (threads: PocViewComment[]): number => threads.reduce((n, c) => n + 1 + countOf(c.replies), 0);

/** Threads, oldest first, replies under their parents; forms only where commenting is allowed. */
export function CommentsSection({ threads, commenting }: { threads: PocViewComment[]; commenting: PocCommenting | null }) {
  const count = countOf(threads);
  return (
    <section className="section detail-comments" aria-labelledby="comments-heading">
      <div className="section-header">
        <h2 id="comments-heading">Comments</h2>
        {count > 0 ? <span className="muted small">{count}</span> : null}
      </div>
      <div className="card">
        {threads.length === 0 ? (
          <p className="muted">No comments yet.{commenting ? " Start the conversation below." : ""}</p>
        ) : (
          <ul className="comment-list">
            {threads.map((comment) => (
              <CommentItem key={comment.id} comment={comment} commenting={commenting} />
            ))}
          </ul>
        )}
        {commenting ? <div className="comment-new">{commenting.newThread}</div> : null}
      </div>
    </section>
  );
}
