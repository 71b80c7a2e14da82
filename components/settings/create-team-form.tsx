"use client";

import { InlineForm } from "@/components/ui/inline-form";
import type { ActionResult } from "@/lib/auth/page";

export function CreateTeamForm({ action }: { action: (input: { name: string }) => Promise<ActionResult<unknown>> }) {
  return (
    <section className="card" aria-labelledby="create-team-heading">
      <h2 id="create-team-heading" className="card-title">
        Create a team
      </h2>
      <InlineForm field="name" label="Team name" placeholder="e.g. Solutions engineering" submitLabel="Create team" maxLength={100} action={action} />
    </section>
  );
}
