import { CopyButton } from "@/components/tokens/copy-button";
import { LocalTime } from "@/components/ui/local-time";
import type { listOutbox } from "@/lib/email/service";

export type OutboxMessage = Awaited<ReturnType<typeof listOutbox>>[number];

const STATUS_LABELS: Record<OutboxMessage["status"], string> = { pending: "Queued", sent: "Sent", failed: "Failed" };

export function OutboxList({ messages }: { messages: OutboxMessage[] }) {
  if (messages.length === 0) {
    return (
      <div className="card empty-state">
        <h2>No emails yet</h2>
        <p className="muted">When you share a POC with someone by email, the invitation or notice shows up here.</p>
      </div>
    );
  }
  return (
    <ul className="bare-list outbox-list" aria-label="Emails">
      {messages.map((message) => {
        // The invite URL stored with the message, never a URL found in its (user-influenced) text.
        const link = message.link_url;
        return (
          <li key={message.id} className="card outbox-item" aria-labelledby={`email-${message.id}-subject`}>
            <div className="outbox-item-top">
              <h2 id={`email-${message.id}-subject`} className="outbox-subject">
                {message.subject}
              </h2>
              <span className={`badge badge-email-${message.status}`}>{STATUS_LABELS[message.status]}</span>
            </div>
            <dl className="meta-list outbox-meta">
              <div>
                <dt>To</dt>
                <dd>{message.to}</dd>
              </div>
              <div>
                <dt>Created</dt>
                <dd>
                  <LocalTime value={message.created_at} />
                </dd>
              </div>
              <div>
                <dt>Sent</dt>
                <dd>{message.sent_at ? <LocalTime value={message.sent_at} /> : <span className="muted">Not yet</span>}</dd>
              </div>
              <div>
                <dt>Attempts</dt>
                <dd>{message.attempts}</dd>
              </div>
            </dl>
            {message.last_error ? (
              <p className="outbox-error">
                <strong>Last error:</strong> {message.last_error}
              </p>
            ) : null}
            {link ? (
              <div className="outbox-link">
                <CopyButton text={link} label="Copy invite link" />
              </div>
            ) : null}
            <details className="outbox-body">
              <summary>Message text</summary>
              <pre>{message.text}</pre>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
