"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { Dialog } from "@/components/ui/dialog";
import { fetchGrants, sharingKeys, type GrantAction } from "./api";
import { AccessRequests } from "./access-requests";
import { GeneralAccess } from "./general-access";
import { GrantForm, type Audience, type MemberOption, type TeamOption } from "./grant-form";
import { GrantList, type OwnerEntry } from "./grant-list";
import { PeopleForm } from "./people-form";
import { LoadingBlock, QueryError } from "./query-states";
import type { EmailDelivery } from "./share-copy";
import styles from "./share-dialog.module.css";

export type ShareDialogProps = {
  pocId: string;
  pocTitle: string;
  /** Admins and the owner: every action, every grant. */
  canManage: boolean;
  currentUserId: string;
  /** The actions the sharer may give (their own). */
  availableActions: readonly GrantAction[];
  members: MemberOption[];
  teams: TeamOption[];
  /** Teams and roles are the POC tenant's: offered only to people of that tenant. */
  showOrgAudiences: boolean;
  /** Tenant admins of the POC's tenant: General access (public link, embeds). */
  canManageLinks: boolean;
  owner: OwnerEntry | null;
  /** When the sharer's own right to share ends (null: never); new shares default to it. */
  ownExpiresAt: string | null;
  /** Whether email leaves the app (SMTP) or waits in Settings → Outbox: the copy says which. */
  emailDelivery: EmailDelivery;
};

const TAB_LABELS: Record<Audience, string> = { user: "People", team: "Teams", role: "Roles" };

/**
 * The one Share dialog: people, teams and roles at the top, who has access (the owner first),
 * then General access for the public link and embeds. Its body scrolls; Done stays visible.
 * Closing while a share is in flight waits for it ("Sharing…") and closes once it went
 * through; a failure keeps the dialog open with the inline retry.
 */
export function ShareDialog({ onClose, onLinkChange, ...props }: ShareDialogProps & { onClose: () => void; onLinkChange: () => void }) {
  const { pocId, pocTitle, canManage, currentUserId, availableActions, members, teams, showOrgAudiences, canManageLinks, owner, ownExpiresAt, emailDelivery } = props;
  const ids = useId();
  const audiences: Audience[] = showOrgAudiences ? ["user", "team", "role"] : ["user"];
  const [tab, setTab] = useState<Audience>("user");
  const tabRefs = useRef<Partial<Record<Audience, HTMLButtonElement | null>>>({});
  const accessHeading = useRef<HTMLHeadingElement>(null);
  const grants = useQuery({ queryKey: sharingKeys.grants(pocId), queryFn: () => fetchGrants(pocId), staleTime: 0 });
  const signedInGrants = grants.data?.filter((g) => g.principal_type !== "link" && g.principal_type !== "embed" && g.state === "active") ?? [];

  // In-flight shares, and whether Done was pressed meanwhile.
  const [busy, setBusy] = useState(0);
  const [closeRequested, setCloseRequested] = useState(false);
  const [closeBlocked, setCloseBlocked] = useState(false);
  // Read by forms whose requests started before Done was pressed.
  const closeRequestedRef = useRef(false);
  function onBusyChange(nowBusy: boolean, failed: boolean) {
    setBusy((n) => Math.max(0, n + (nowBusy ? 1 : -1)));
    if (nowBusy) setCloseBlocked(false);
    if (!nowBusy && failed) {
      setCloseBlocked(closeRequestedRef.current);
      closeRequestedRef.current = false;
      setCloseRequested(false);
    }
  }
  useEffect(() => {
    if (closeRequested && busy === 0) onClose();
  }, [closeRequested, busy, onClose]);
  function requestClose() {
    if (busy === 0) return onClose();
    closeRequestedRef.current = true;
    setCloseRequested(true);
  }

  // After a revocation the row (and its focused button) is gone: focus the list's heading.
  const [refocus, setRefocus] = useState(0);
  useEffect(() => {
    if (refocus > 0) accessHeading.current?.focus();
  }, [refocus, grants.data]);

  function onTabKey(event: KeyboardEvent<HTMLDivElement>) {
    const index = audiences.indexOf(tab);
    const keys: Record<string, Audience | undefined> = {
      ArrowRight: audiences[(index + 1) % audiences.length],
      ArrowLeft: audiences[(index - 1 + audiences.length) % audiences.length],
      Home: audiences[0],
      End: audiences[audiences.length - 1],
    };
    const next = keys[event.key];
    if (!next) return;
    event.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  }

  const footer = (
    <>
      <p className={`small ${styles.inflight}`} role="status" aria-live="polite">
        {closeRequested && busy > 0 ? "Sharing… the dialog closes when it is done." : closeBlocked ? "Not everything was shared: see the message above." : ""}
      </p>
      <button type="button" className="btn btn-secondary" onClick={requestClose} aria-busy={closeRequested || undefined}>
        {closeRequested && busy > 0 ? "Sharing…" : "Done"}
      </button>
    </>
  );

  return (
    <Dialog onClose={requestClose} title={`Share “${pocTitle}”`} footer={footer} wide>
      <div className="share-dialog">
        {audiences.length > 1 ? (
          <div role="tablist" aria-label="Share with" className={styles.tabs} onKeyDown={onTabKey}>
            {audiences.map((audience) => (
              <button
                key={audience}
                ref={(el) => {
                  tabRefs.current[audience] = el;
                }}
                type="button"
                role="tab"
                id={`${ids}-tab-${audience}`}
                aria-selected={tab === audience}
                aria-controls={`${ids}-panel-${audience}`}
                tabIndex={tab === audience ? 0 : -1}
                className={styles.tab}
                onClick={() => setTab(audience)}
              >
                {TAB_LABELS[audience]}
              </button>
            ))}
          </div>
        ) : null}
        {audiences.map((audience) => (
          <section
            key={audience}
            id={`${ids}-panel-${audience}`}
            className="share-panel"
            {...(audiences.length > 1 ? { role: "tabpanel", "aria-labelledby": `${ids}-tab-${audience}` } : { "aria-label": "Share with people" })}
            hidden={tab !== audience}
          >
            {/* Kept mounted while hidden: a share in flight finishes and reports in its own panel. */}
            {audience === "user" ? (
              <PeopleForm pocId={pocId} availableActions={availableActions} members={members} ownExpiresAt={ownExpiresAt} emailDelivery={emailDelivery} onBusyChange={onBusyChange} />
            ) : audience === "team" && teams.length === 0 ? (
              <p className="muted share-empty">No teams yet. Tenant admins create teams under Settings → Teams.</p>
            ) : (
              <GrantForm pocId={pocId} audience={audience} availableActions={availableActions} teams={teams} ownExpiresAt={ownExpiresAt} onBusyChange={onBusyChange} />
            )}
          </section>
        ))}

        <AccessRequests pocId={pocId} onDecided={() => accessHeading.current?.focus()} />

        <section className="share-access" aria-labelledby={`${ids}-access`}>
          <h3 id={`${ids}-access`} ref={accessHeading} tabIndex={-1} className="share-section-title">
            Who has access
          </h3>
          {grants.isPending ? (
            <LoadingBlock label="Loading who has access" />
          ) : grants.isError ? (
            <QueryError error={grants.error} onRetry={() => grants.refetch()} />
          ) : (
            <GrantList
              pocId={pocId}
              owner={owner}
              grants={signedInGrants}
              canManage={canManage}
              currentUserId={currentUserId}
              availableActions={availableActions}
              emailDelivery={emailDelivery}
              onRevoked={() => setRefocus((n) => n + 1)}
            />
          )}
        </section>

        {canManageLinks ? (
          grants.isSuccess ? (
            <GeneralAccess pocId={pocId} grants={grants.data} onBusyChange={onBusyChange} onLinkChange={onLinkChange} />
          ) : grants.isError ? null : (
            <LoadingBlock label="Loading general access" />
          )
        ) : null}
      </div>
    </Dialog>
  );
}
