import type { Metadata } from "next";
import { OperationCard, type OperationView } from "@/components/api-docs/operation-card";
import { ScimSection } from "@/components/api-docs/scim-section";
import { openApiDocument } from "@/lib/api/openapi";
import { config } from "@/lib/config";
import { scimBaseUrl } from "@/lib/scim-tokens/service";

export const metadata: Metadata = { title: "API reference · poc-manager" };
export const dynamic = "force-dynamic";

type RawOperation = {
  tags: string[];
  summary: string;
  parameters: { name: string; in: string }[];
  requestBody?: { content: { "application/json": { schema: OperationView["requestSchema"] } } };
  responses: Record<string, { description: string }>;
};

export default function ApiReferencePage() {
  const doc = openApiDocument(config().appUrl);
  const byTag = new Map<string, OperationView[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods as Record<string, RawOperation>)) {
      const view: OperationView = {
        method,
        path,
        summary: raw.summary,
        requestSchema: raw.requestBody?.content["application/json"].schema ?? null,
        responses: Object.entries(raw.responses).map(([status, r]) => ({ status, description: r.description })),
        idempotent: raw.parameters.some((p) => p.name === "Idempotency-Key"),
      };
      const tag = raw.tags[0] ?? "Other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), view]);
    }
  }
  return (
    <main className="container docs">
      <h1>API reference</h1>
      <p>{doc.info.description}</p>
      <p>
        Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI {doc.openapi}).
      </p>
      <pre className="code-block">{`curl -H "Authorization: Bearer pm_..." ${doc.servers[0]!.url}/api/v1/pocs`}</pre>
      <nav aria-label="Sections">
        <ul className="inline-list">
          {[...byTag.keys()].map((tag) => (
            <li key={tag}>
              <a href={`#tag-${tag}`}>{tag}</a>
            </li>
          ))}
          <li>
            <a href="#scim">SCIM 2.0</a>
          </li>
        </ul>
      </nav>
      {[...byTag.entries()].map(([tag, ops]) => (
        <section key={tag} id={`tag-${tag}`} aria-labelledby={`heading-${tag}`}>
          <h2 id={`heading-${tag}`}>{tag}</h2>
          {ops.map((op) => (
            <OperationCard key={`${op.method} ${op.path}`} op={op} />
          ))}
        </section>
      ))}
      <ScimSection baseUrl={scimBaseUrl()} />
    </main>
  );
}
