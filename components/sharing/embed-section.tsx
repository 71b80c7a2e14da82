"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { PendingButton } from "@/components/ui/pending-button";
import { ActionsField } from "./actions-field";
import { asActionResult, createGrant, messageOf, ProblemError, revokeGrant, sharingKeys, type GrantAction, type GrantJson, type NewEmbed } from "./api";
import { CopyField } from "./copy-field";
import { ExpiryField, expiryToApi, initialExpiry, type ExpiryValue } from "./expiry-field";
import { actionsSummary, grantStateLabel, LINK_ACTIONS } from "./format";
import styles from "./embed-section.module.css";

const originsOf = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((o) => o.trim())
    .filter(Boolean);

/**
 * The Share dialog's Embed option (tenant admins): the POC's live embeds with their iframe
 * snippet, and a form for a new one limited to the sites that may frame it.
 */
export function EmbedSection({ pocId, grants }: { pocId: string; grants: GrantJson[] }) {
  const embeds = grants.filter((g) => g.principal_type === "embed" && g.state === "active");
  const [created, setCreated] = useState<string | null>(null);
  return (
    <div className="stack">
      <p className="muted small">
        Show this POC read-only inside another site (an intranet, a customer portal) with an <code>&lt;iframe&gt;</code>. Only the sites you list may frame
        it; browsers refuse every other site. Revoking an embed ends it on its next load without touching any other.
      </p>
      {embeds.length > 0 ? (
        <ul className={`bare-list ${styles.list}`} aria-label="Live embeds">
          {embeds.map((embed) => (
            <EmbedItem key={embed.id} pocId={pocId} embed={embed} highlighted={embed.id === created} />
          ))}
        </ul>
      ) : null}
      <NewEmbedForm pocId={pocId} onCreated={setCreated} />
    </div>
  );
}

function EmbedItem({ pocId, embed, highlighted }: { pocId: string; embed: GrantJson; highlighted: boolean }) {
  const queryClient = useQueryClient();
  const sites = embed.embed_origins ?? [];
  return (
    <li className={styles.item} data-embed-id={embed.id}>
      <div className={styles.itemHead}>
        <div>
          <strong>{sites.join(", ")}</strong>
          <div className="muted small">
            {actionsSummary(embed.actions)}
            {embed.watermark ? " · Watermark" : ""} · {grantStateLabel(embed)}
          </div>
        </div>
        <ConfirmButton
          label="Revoke"
          ariaLabel={`Revoke the embed for ${sites.join(", ")}`}
          title="Revoke this embed?"
          description={<p>Sites showing this embed see &ldquo;This embed is no longer available&rdquo; on their next load. Other embeds keep working.</p>}
          confirmLabel="Revoke"
          onConfirm={async () => {
            const result = await asActionResult(() => revokeGrant(embed.id));
            if (result.ok) await queryClient.invalidateQueries({ queryKey: sharingKeys.grants(pocId) });
            return result;
          }}
        />
      </div>
      {embed.embed_snippet ? <CopyField value={embed.embed_snippet} label="Embed snippet" autoFocus={highlighted} compact /> : null}
      {embed.embed_url ? <CopyField value={embed.embed_url} label="Embed URL" compact /> : null}
    </li>
  );
}

function NewEmbedForm({ pocId, onCreated }: { pocId: string; onCreated: (grantId: string) => void }) {
  const queryClient = useQueryClient();
  const [origins, setOrigins] = useState("");
  const [actions, setActions] = useState<GrantAction[]>(["view"]);
  const [expiry, setExpiry] = useState<ExpiryValue>(initialExpiry(false));
  const [watermark, setWatermark] = useState(false);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  const create = useMutation({
    mutationFn: (embed: NewEmbed) => createGrant(pocId, embed),
    onSuccess: async (grant) => {
      setOrigins("");
      setActions(["view"]);
      setExpiry(initialExpiry(false));
      setWatermark(false);
      await queryClient.invalidateQueries({ queryKey: sharingKeys.grants(pocId) });
      onCreated(grant.id);
    },
  });

  const problem = create.error instanceof ProblemError ? create.error : null;
  const apiErrors: Record<string, string> = {};
  for (const [field, message] of Object.entries(problem?.fields ?? {})) {
    const target = field.startsWith("embed_origins") ? "origins" : field === "actions" || field === "expires_at" ? field : null;
    if (target) apiErrors[target] ??= message;
  }
  const fieldError = (field: string) => clientErrors[field] ?? apiErrors[field];
  const formError = create.isError && Object.keys(apiErrors).length === 0 ? messageOf(create.error) : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const errors: Record<string, string> = {};
    const list = originsOf(origins);
    if (list.length === 0) errors.origins = "Enter at least one site, like https://intranet.example.com";
    const expiresAt = expiryToApi(expiry);
    if (!expiresAt.ok) errors.expires_at = expiresAt.message;
    setClientErrors(errors);
    create.reset();
    if (Object.keys(errors).length > 0 || !expiresAt.ok) return;
    const embed: NewEmbed = { principal_type: "embed", embed_origins: list, actions };
    if (expiresAt.value) embed.expires_at = expiresAt.value;
    if (watermark) embed.watermark = true;
    create.mutate(embed);
  }

  const pending = create.isPending;
  return (
    <form className={`grant-form stack ${styles.form}`} onSubmit={submit} noValidate>
      <h3 className="share-section-title">New embed</h3>
      <Field
        label="Sites that may embed it"
        name="embed_origins"
        error={fieldError("origins")}
        hint="One origin per line: https://host or https://host:port, no path. Up to 10. Plain http only for localhost."
      >
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={2}
            placeholder="https://intranet.example.com"
            value={origins}
            onChange={(event) => setOrigins(event.target.value)}
            disabled={pending}
            spellCheck={false}
          />
        )}
      </Field>
      <ActionsField value={actions} onChange={setActions} available={LINK_ACTIONS} error={fieldError("actions")} disabled={pending} />
      <div className="grant-form-row">
        <ExpiryField value={expiry} onChange={setExpiry} error={fieldError("expires_at")} disabled={pending} name="embed_expiry" />
        <label className="share-check grant-watermark">
          <input type="checkbox" checked={watermark} onChange={(event) => setWatermark(event.target.checked)} disabled={pending} />
          <span>Watermark: show the viewer named by the site (or &ldquo;Embedded view&rdquo;) over the page</span>
        </label>
      </div>
      <FormError message={formError} />
      <div className="grant-form-footer">
        <p className="share-notice small" role="status" aria-live="polite">
          {create.isSuccess ? "Embed created. Copy the snippet into the site's page." : ""}
        </p>
        <PendingButton pending={pending}>Create embed</PendingButton>
      </div>
    </form>
  );
}
