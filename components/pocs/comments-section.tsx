import { LocalTime } from "@/components/ui/local-time";
import type { CommentJson, PocDetail } from "@/lib/pocs/schemas";
import type { ActionResult } from "@/lib/auth/page";
import type { PocActions } from "./actions";
import { CommentForm } from "./comment-form";
import { ReplyControl } from "./reply-control";

type CommentAction = (input: { body: string; parent_id: string | null }) => Promise<ActionResult<unknown>>;
type Thread = { comment: CommentJson; replies: Thread[] };

/** Comments as threads: replies under their parents, oldest first at every level. */
export function buildThreads(comments: CommentJson[]): Thread[] {
  const nodes = new Map(comments.map((c) => [c.id, { comment: c, replies: [] as Thread[] }]));
  const roots: Thread[] = [];
  for (const node of nodes.values()) {
    const parent = node.comment.parent_id ? nodes.get(node.comment.parent_id) : undefined;
    (parent ? parent.replies : roots).push(node);
  }
  return roots;
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join("");

function CommentItem({ thread, action }: { thread: Thread; action: CommentAction | null }) {
  const { comment, replies } = thread;
  const authorId = `comment-${comment.id}-author`;
  return (
    <li className="comment-item">
      <article className="comment" aria-labelledby={authorId}>
        <div className="avatar" aria-hidden="true">
          {initials(comment.author.name)}
        </div>
        <div className="comment-main">
          <header className="comment-meta">
            <span id={authorId} className="comment-author">
              {comment.author.name}
            </span>
            {comment.author.kind === "guest" ? <span className="tag">Guest</span> : null}
            <span className="muted small">
              <LocalTime value={comment.created_at} />
            </span>
          </header>
          <p className="prose comment-body">{comment.body}</p>
          {action ? <ReplyControl parentId={comment.id} authorName={comment.author.name} action={action} /> : null}
        </div>
      </article>
      {replies.length > 0 ? (
        <ul className="comment-replies" aria-label={`Replies to ${comment.author.name}`}>
          {replies.map((reply) => (
            <CommentItem key={reply.comment.id} thread={reply} action={action} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function CommentsSection({ poc, canComment, actions }: { poc: PocDetail; canComment: boolean; actions: PocActions }) {
  const threads = buildThreads(poc.comments);
  const action = canComment ? actions.addComment.bind(null, poc.id) : null;
  return (
    <section className="section detail-comments" aria-labelledby="comments-heading">
      <div className="section-header">
        <h2 id="comments-heading">Comments</h2>
        {poc.comments.length > 0 ? <span className="muted small">{poc.comments.length}</span> : null}
      </div>
      <div className="card">
        {threads.length === 0 ? (
          <p className="muted">No comments yet.{canComment ? " Start the conversation below." : ""}</p>
        ) : (
          <ul className="comment-list">
            {threads.map((thread) => (
              <CommentItem key={thread.comment.id} thread={thread} action={action} />
            ))}
          </ul>
        )}
        {action ? (
          <div className="comment-new">
            <CommentForm label="Comment" submitLabel="Post comment" action={action} />
          </div>
        ) : null}
      </div>
    </section>
  );
}
