import type { Metadata } from "next";
import Link from "next/link";
import { PocForm } from "@/components/pocs/poc-form";
import { Forbidden } from "@/components/ui/forbidden";
import { updatePocAction } from "../actions";
import { loadPocSummary, loadPocToEdit } from "../data";

type Props = { params: Promise<{ poc_id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const poc = await loadPocSummary((await params).poc_id);
  return { title: `Edit ${poc.title}` };
}

export default async function EditPocPage({ params }: Props) {
  const poc = await loadPocToEdit((await params).poc_id);
  if (!poc.permissions.actions.includes("edit")) return <Forbidden message="You need the edit permission on this POC to change it." />;
  return (
    <div className="narrow">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/pocs">POCs</Link>
        <span aria-hidden="true">/</span>
        <Link href={`/pocs/${poc.id}`}>{poc.title}</Link>
      </nav>
      <h1>Edit POC</h1>
      <PocForm
        action={updatePocAction.bind(null, poc.id)}
        cancelHref={`/pocs/${poc.id}`}
        initial={{
          title: poc.title,
          customer: poc.customer,
          status: poc.status,
          start_date: poc.start_date,
          end_date: poc.end_date,
          description: poc.description,
          objectives: poc.objectives,
        }}
      />
    </div>
  );
}
