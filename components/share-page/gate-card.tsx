import type { ReactNode } from "react";

/** The card a gate or a share message sits in, centred on the page. */
export function GateCard({ title, text, code, children }: { title: string; text: ReactNode; code?: string; children?: ReactNode }) {
  return (
    <div className="centered-page">
      <section className="card message-card" aria-labelledby="gate-title" data-code={code}>
        <h1 id="gate-title">{title}</h1>
        <p className="muted">{text}</p>
        {children}
      </section>
    </div>
  );
}
