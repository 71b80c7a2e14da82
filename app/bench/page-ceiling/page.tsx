import { notFound } from "next/navigation";
import { config } from "@/lib/config";

/**
 * The benchmark's page ceiling (`npm run bench`): a trivial dynamic server-component page, no
 * database, through the same root layout as every page. Pages are measured against it, route
 * handlers against /api/health. Only served with BENCH_QUERY_COUNTER=true (bench servers).
 */
export default function PageCeiling() {
  if (!config().benchQueryCounter) notFound();
  return (
    <main className="page">
      <h1>Page ceiling</h1>
      <p>{new Date().toISOString()}</p>
    </main>
  );
}
