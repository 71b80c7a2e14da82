import type { Metadata } from "next";
import Link from "next/link";
import styles from "@/components/api-docs/api-docs.module.css";
import type { JsonSchema } from "@/components/api-docs/json-schema";
import { Markdown } from "@/components/api-docs/markdown";
import { OperationCard, type OperationView } from "@/components/api-docs/operation-card";
import { ScimSection } from "@/components/api-docs/scim-section";
import { AppHeader } from "@/components/layout/app-header";
import { openApiDocument } from "@/lib/api/openapi";
import { getPageActor } from "@/lib/auth/page";
import { config } from "@/lib/config";
import { scimBaseUrl } from "@/lib/scim-tokens/service";

export const metadata: Metadata = { title: "API reference · poc-manager" };
export const dynamic = "force-dynamic";

type RawOperation = {
  tags: string[];
  summary: string;
  parameters: { name: string; in: string; schema: JsonSchema }[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, { description: string }>;
  security: unknown[];
};

function operationsByTag(doc: ReturnType<typeof openApiDocument>): Map<string, OperationView[]> {
  const byTag = new Map<string, OperationView[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods as Record<string, RawOperation>)) {
      const tag = raw.tags[0] ?? "Other";
      byTag.set(tag, [
        ...(byTag.get(tag) ?? []),
        {
          method,
          path,
          summary: raw.summary,
          requestSchema: raw.requestBody?.content["application/json"].schema ?? null,
          query: raw.parameters.filter((p) => p.in === "query").map((p) => ({ name: p.name, schema: p.schema })),
          responses: Object.entries(raw.responses).map(([status, r]) => ({ status, description: r.description })),
          idempotent: raw.parameters.some((p) => p.name === "Idempotency-Key"),
          authenticated: raw.security.length > 0,
        },
      ]);
    }
  }
  return byTag;
}

const slug = (tag: string) => tag.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/** Public, so integrators can read it before they have an account; signed in, it wears the app's header. */
export default async function ApiReferencePage() {
  const actor = await getPageActor();
  const baseUrl = config().appUrl;
  const doc = openApiDocument(baseUrl);
  const byTag = operationsByTag(doc);
  return (
    <>
      {actor ? (
        <AppHeader actor={actor} />
      ) : (
        <header className={styles.publicHeader}>
          <Link href="/" className="brand-name">
            poc-manager
          </Link>
          <Link href="/login?callbackUrl=%2Fdocs%2Fapi">Sign in</Link>
        </header>
      )}
      <main id="main" className={`page ${styles.page}`}>
        <h1>API reference</h1>
        <Markdown>{doc.info.description}</Markdown>
        <p>
          Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI {doc.openapi}).
          {actor?.role === "tenant_admin" ? (
            <>
              {" "}
              Create a token under <Link href="/settings/api-tokens">Settings → API tokens</Link>.
            </>
          ) : null}
        </p>
        <nav aria-label="Sections">
          <ul className={styles.toc}>
            {[...byTag.keys()].map((tag) => (
              <li key={tag}>
                <a href={`#${slug(tag)}`}>{tag}</a>
              </li>
            ))}
            <li>
              <a href="#scim">SCIM 2.0</a>
            </li>
          </ul>
        </nav>
        {[...byTag.entries()].map(([tag, ops]) => (
          <section key={tag} id={slug(tag)} aria-labelledby={`heading-${slug(tag)}`} className={styles.section}>
            <h2 id={`heading-${slug(tag)}`}>{tag}</h2>
            {ops.map((op) => (
              <OperationCard key={`${op.method} ${op.path}`} op={op} baseUrl={baseUrl} />
            ))}
          </section>
        ))}
        <ScimSection baseUrl={scimBaseUrl()} />
      </main>
    </>
  );
}
