import type { Metadata } from "next";
import Link from "next/link";
import { PocForm } from "@/components/pocs/poc-form";
import { createPocAction } from "../actions";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePageActor } from "@/lib/auth/page";
import { canCreatePoc } from "@/lib/sharing/policy";

export const metadata: Metadata = { title: "New POC" };

export default async function NewPocPage() {
  const actor = await requirePageActor();
  if (!canCreatePoc(actor.role)) return <Forbidden message="Only tenant admins and members can create POCs." />;
  return (
    <div className="narrow">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/pocs">POCs</Link>
      </nav>
      <h1>New POC</h1>
      <PocForm action={createPocAction} cancelHref="/pocs" />
    </div>
  );
}
