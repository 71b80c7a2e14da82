"use client";

// A client component only so the RSC payload carries each card's few fields once instead of
// its element tree (the /pocs page renders up to a page of cards; bench target list_page).
// It has no state of its own.
import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import type { PocListItem } from "@/lib/pocs/schemas";
import { PocProgress } from "./poc-progress";

/** What a card shows, no more: dates come formatted from the server (no locale drift on hydration). */
export type PocCardView = Pick<PocListItem, "id" | "title" | "customer" | "status" | "progress"> & { dates: string; owner: string };

function PocCard({ poc }: { poc: PocCardView }) {
  return (
    <li className="card poc-card">
      <div className="poc-card-top">
        <h2 className="poc-card-title">
          <Link href={`/pocs/${poc.id}`} className="stretched-link">
            {poc.title}
          </Link>
        </h2>
        <StatusBadge kind="poc" status={poc.status} />
      </div>
      <p className="poc-card-customer">{poc.customer || <span className="muted">No customer yet</span>}</p>
      <dl className="meta-list">
        <div>
          <dt>Dates</dt>
          <dd>{poc.dates}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{poc.owner}</dd>
        </div>
      </dl>
      <PocProgress progress={poc.progress} />
    </li>
  );
}

export function PocCards({ cards }: { cards: PocCardView[] }) {
  return (
    <ul className="poc-grid" aria-label="POCs">
      {cards.map((poc) => (
        <PocCard key={poc.id} poc={poc} />
      ))}
    </ul>
  );
}
