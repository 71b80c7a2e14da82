"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { Dialog } from "@/components/ui/dialog";
import { fetchGrants, sharingKeys, type GrantAction } from "./api";
import { EmbedSection } from "./embed-section";
import { GrantForm, type Audience, type MemberOption, type TeamOption } from "./grant-form";
import { GrantList } from "./grant-list";
import { LoadingBlock, QueryError } from "./share-link-dialog";

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
  /** Tenant admins of the POC's tenant: the Embed option. */
  canEmbed?: boolean;
};

type Tab = Audience | "embed";

const TAB_LABELS: Record<Tab, string> = { user: "People", team: "Teams", role: "Roles", embed: "Embed" };

/** The Share dialog: one tab per audience (people, teams, roles), then who has access. */
export function ShareDialog({ onClose, ...props }: ShareDialogProps & { onClose: () => void }) {
  const { pocId, pocTitle, canManage, currentUserId, availableActions, members, teams, showOrgAudiences, canEmbed } = props;
  const ids = useId();
  const audiences: Tab[] = [...(showOrgAudiences ? (["user", "team", "role"] as const) : (["user"] as const)), ...(canEmbed ? (["embed"] as const) : [])];
  const [tab, setTab] = useState<Tab>("user");
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const accessHeading = useRef<HTMLHeadingElement>(null);
  const grants = useQuery({ queryKey: sharingKeys.grants(pocId), queryFn: () => fetchGrants(pocId), staleTime: 0 });
  const signedInGrants = grants.data?.filter((g) => g.principal_type !== "link" && g.principal_type !== "embed" && g.state === "active") ?? [];

  function onTabKey(event: KeyboardEvent<HTMLDivElement>) {
    const index = audiences.indexOf(tab);
    const next =
      event.key === "ArrowRight"
        ? audiences[(index + 1) % audiences.length]
        : event.key === "ArrowLeft"
          ? audiences[(index - 1 + audiences.length) % audiences.length]
          : event.key === "Home"
            ? audiences[0]
            : event.key === "End"
              ? audiences[audiences.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  }

  return (
    <Dialog onClose={onClose} title={`Share “${pocTitle}”`} description={<p>Give people in your organization access to this POC. They sign in to see it.</p>}>
      <div className="share-dialog share-dialog-wide">
        {audiences.length > 1 ? (
          <div role="tablist" aria-label="Share with" className="share-tabs" onKeyDown={onTabKey}>
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
                className="share-tab"
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
            {...(audiences.length > 1
              ? { role: "tabpanel", "aria-labelledby": `${ids}-tab-${audience}` }
              : { "aria-label": "Share with people" })}
            hidden={tab !== audience}
          >
            {tab !== audience ? null : audience === "embed" ? (
              grants.isSuccess ? (
                <EmbedSection pocId={pocId} grants={grants.data} />
              ) : grants.isError ? (
                <QueryError error={grants.error} onRetry={() => grants.refetch()} />
              ) : (
                <LoadingBlock label="Loading embeds" />
              )
            ) : audience === "team" && teams.length === 0 ? (
              <p className="muted share-empty">No teams yet. Tenant admins create teams under Settings → Teams.</p>
            ) : (
              <GrantForm pocId={pocId} audience={audience} availableActions={availableActions} members={members} teams={teams} />
            )}
          </section>
        ))}

        <section className="share-access" aria-labelledby={`${ids}-access`}>
          <h3 id={`${ids}-access`} ref={accessHeading} tabIndex={-1} className="share-section-title">
            Who has access
          </h3>
          {grants.isPending ? (
            <LoadingBlock label="Loading who has access" />
          ) : grants.isError ? (
            <QueryError error={grants.error} onRetry={() => grants.refetch()} />
          ) : (
            <GrantList pocId={pocId} grants={signedInGrants} canManage={canManage} currentUserId={currentUserId} availableActions={availableActions}
              onRevoked={() => accessHeading.current?.focus()}
            />
          )}
        </section>
        <div className="dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </Dialog>
  );
}
