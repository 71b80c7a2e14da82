"use client";

import { useState, type ReactNode } from "react";
import { InlineForm } from "@/components/ui/inline-form";
import type { ActionResult } from "@/lib/auth/page";
import { CopyButton } from "./copy-button";

type Created = { name: string; token: string };

/**
 * Creates a token and shows it once, with a Copy button, until dismissed or replaced. Used
 * for API tokens and SCIM tokens (`kind`), with `afterReveal` for what goes with the token.
 */
export function CreateTokenForm({
  action,
  kind = "API token",
  placeholder = "e.g. CRM sync",
  afterReveal,
}: {
  action: (input: { name: string }) => Promise<ActionResult<Created>>;
  kind?: string;
  placeholder?: string;
  afterReveal?: ReactNode;
}) {
  const [created, setCreated] = useState<Created | null>(null);

  async function create(input: { name: string }) {
    const result = await action(input);
    if (result.ok) setCreated({ name: result.data.name, token: result.data.token });
    return result;
  }

  return (
    <section className="card" aria-labelledby="create-token-heading">
      <h2 id="create-token-heading" className="card-title">
        Create a token
      </h2>
      <InlineForm field="name" label="Token name" placeholder={placeholder} submitLabel="Create token" maxLength={100} action={create} />
      {created ? (
        <div className="token-reveal" role="region" aria-label={`New ${kind}`}>
          <p className="token-reveal-title">
            Token <strong>{created.name}</strong> created.
          </p>
          <p>Copy this token now. You won&apos;t be able to see it again.</p>
          <div className="token-reveal-row">
            <code className="token-value" tabIndex={0} aria-label={kind}>
              {created.token}
            </code>
            <CopyButton text={created.token} />
          </div>
          {afterReveal}
          <button type="button" className="btn btn-link btn-sm" onClick={() => setCreated(null)}>
            I have copied it
          </button>
        </div>
      ) : null}
    </section>
  );
}
