"use client";

import { useQuery } from "@tanstack/react-query";
import { Link2, Code } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { fetchEndedLinks, sharingKeys, type GrantJson } from "./api";
import { EmbedSection } from "./embed-section";
import { formatLocal } from "./format";
import { CreateLinkForm } from "./link-create";
import { ManageLink } from "./link-manage";
import { QueryError } from "./query-states";
import styles from "./general-access.module.css";

/**
 * The Share dialog's "General access" (tenant admins): the public link (create it with its
 * protections, or manage the live one), the links that ended with when and by whom, and
 * embeds on other sites.
 */
export function GeneralAccess({
  pocId,
  grants,
  onBusyChange,
  onLinkChange,
}: {
  pocId: string;
  grants: GrantJson[];
  onBusyChange: (busy: boolean, failed: boolean) => void;
  /** The page's header shows whether a live link exists. */
  onLinkChange: () => void;
}) {
  const ids = useId();
  const link = grants.find((g) => g.principal_type === "link" && g.state === "active") ?? null;
  const ended = useQuery({ queryKey: sharingKeys.endedLinks(pocId), queryFn: () => fetchEndedLinks(pocId), staleTime: 0 });
  const [creating, setCreating] = useState(false);
  const [justCreated, setJustCreated] = useState(false);
  const [embedOpen, setEmbedOpen] = useState(false);
  const createButton = useRef<HTMLButtonElement>(null);
  const formBox = useRef<HTMLDivElement>(null);
  const [focusAfter, setFocusAfter] = useState<"create-button" | "form" | null>(null);

  // After a deletion or when the form opens, focus lands on what replaced the control.
  useEffect(() => {
    if (focusAfter === "create-button" && createButton.current) createButton.current.focus();
    else if (focusAfter === "form") formBox.current?.querySelector<HTMLElement>("input:not([disabled])")?.focus();
    else return;
    setFocusAfter(null);
  }, [focusAfter, link, creating]);

  const history = ended.data ?? [];
  return (
    <section className={styles.general} aria-labelledby={`${ids}-general`}>
      <h3 id={`${ids}-general`} className="share-section-title">
        General access
      </h3>
      <section className={styles.block} aria-labelledby={`${ids}-link`}>
        <div className={styles.blockHead}>
          <Link2 size={18} aria-hidden="true" className={styles.icon} />
          <div>
            <h4 id={`${ids}-link`} className={styles.blockTitle}>
              Public link
            </h4>
            <p className="muted small">{link ? "Anyone with the link can view this POC, with the protections below." : "Off: only the people above have access."}</p>
          </div>
        </div>
        {link ? (
          <ManageLink
            key={link.id}
            pocId={pocId}
            link={link}
            justCreated={justCreated}
            onDeleted={() => {
              setJustCreated(false);
              setCreating(false);
              setFocusAfter("create-button");
              onLinkChange();
            }}
          />
        ) : creating ? (
          <div ref={formBox}>
            <CreateLinkForm
              pocId={pocId}
              onBusyChange={onBusyChange}
              onCreated={() => {
                setJustCreated(true);
                setCreating(false);
                onLinkChange();
              }}
            />
          </div>
        ) : (
          <div>
            <button
              ref={createButton}
              type="button"
              className="btn btn-secondary btn-sm"
              onClick={() => {
                setCreating(true);
                setFocusAfter("form");
              }}
            >
              {history.length > 0 ? "Create a new link" : "Create a public link"}
            </button>
          </div>
        )}
        {ended.isError ? <QueryError error={ended.error} onRetry={() => ended.refetch()} /> : null}
        {history.length > 0 ? (
          <div>
            <h5 className={styles.historyTitle}>Earlier links</h5>
            <ul className={styles.history} aria-label="Earlier links">
              {history.map((h) => (
                <li key={h.id}>
                  <span className={`badge ${h.ended.reason === "revoked" ? "badge-share-expired" : "badge"}`}>{h.ended.reason === "revoked" ? "Revoked" : "Expired"}</span>{" "}
                  <span>
                    {h.ended.reason === "revoked" ? `Revoked ${formatLocal(h.ended.at)} by ${h.ended.by ?? "someone"}` : `Expired ${formatLocal(h.ended.at)}`}
                  </span>
                  <span className="muted small"> · created {formatLocal(h.created_at)}{h.created_by ? ` by ${h.created_by.name}` : ""}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
      <section className={styles.block} aria-labelledby={`${ids}-embed`}>
        <div className={styles.blockHead}>
          <Code size={18} aria-hidden="true" className={styles.icon} />
          <div className={styles.grow}>
            <h4 id={`${ids}-embed`} className={styles.blockTitle}>
              Embed
            </h4>
            <p className="muted small">Show the POC inside another site.</p>
          </div>
          <button type="button" className="btn btn-secondary btn-sm" aria-expanded={embedOpen} aria-controls={embedOpen ? `${ids}-embeds` : undefined} onClick={() => setEmbedOpen((on) => !on)}>
            {embedOpen ? "Hide embeds" : "Embeds"}
          </button>
        </div>
        {embedOpen ? (
          <div id={`${ids}-embeds`}>
            <EmbedSection pocId={pocId} grants={grants} />
          </div>
        ) : null}
      </section>
    </section>
  );
}
