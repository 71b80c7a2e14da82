import { describeConstraints, describeType, exampleBody, flattenFields, type JsonSchema } from "./json-schema";
import { Markdown } from "./markdown";
import styles from "./api-docs.module.css";

export type OperationView = {
  method: string;
  path: string;
  summary: string;
  requestSchema: JsonSchema | null;
  query: { name: string; schema: JsonSchema }[];
  responses: { status: string; description: string }[];
  idempotent: boolean;
  authenticated: boolean;
};

/** A copy-paste curl command: the path as documented, a token variable, an example body. */
export function curlExample(op: OperationView, baseUrl: string): string {
  const lines = [`curl -X ${op.method.toUpperCase()} "${baseUrl}${op.path}"`];
  if (op.authenticated) lines.push(`-H "Authorization: Bearer $POC_MANAGER_TOKEN"`);
  if (op.requestSchema) lines.push(`-H "Content-Type: application/json"`);
  if (op.idempotent) lines.push(`-H "Idempotency-Key: $(uuidgen)"`);
  if (op.requestSchema) lines.push(`-d '${JSON.stringify(exampleBody(op.requestSchema))}'`);
  return lines.join(" \\\n  ");
}

function FieldTable({ caption, rows }: { caption: string; rows: { name: string; schema: JsonSchema; required: boolean }[] }) {
  return (
    <div className={styles.tableScroll}>
      <table className={styles.fields}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Required</th>
            <th scope="col">Constraints and notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ name, schema, required }) => (
            <tr key={name}>
              <td>
                <code>{name}</code>
              </td>
              <td>{describeType(schema)}</td>
              <td>{required ? "yes" : "no"}</td>
              <td>
                {describeConstraints(schema).map((c) => (
                  <Markdown key={c}>{c}</Markdown>
                ))}
                {schema.description ? <Markdown>{schema.description}</Markdown> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OperationCard({ op, baseUrl }: { op: OperationView; baseUrl: string }) {
  const fields = flattenFields(op.requestSchema);
  return (
    <article className={styles.operation} id={`${op.method}-${op.path}`}>
      <h3 className={styles.title}>
        <span className={`${styles.method} ${styles[op.method] ?? ""}`}>{op.method.toUpperCase()}</span> <code>{op.path}</code>
      </h3>
      <Markdown>{op.summary}</Markdown>
      {op.idempotent ? (
        <p className={styles.note}>
          Accepts an <code>Idempotency-Key</code> header: a retry with the same key and body replays the first response; another body with the same key is a 422.
        </p>
      ) : null}
      {!op.authenticated ? <p className={styles.note}>No API token: the share token in the path is the credential.</p> : null}
      {op.query.length > 0 ? <FieldTable caption="Query parameters" rows={op.query.map((q) => ({ ...q, required: false }))} /> : null}
      {fields.length > 0 ? <FieldTable caption="Request body (JSON; unknown fields are rejected)" rows={fields} /> : null}
      <h4 className={styles.subheading}>Example</h4>
      <pre className={styles.code}>
        <code>{curlExample(op, baseUrl)}</code>
      </pre>
      <h4 className={styles.subheading}>Responses</h4>
      <ul className={styles.responses}>
        {op.responses.map((r) => (
          <li key={r.status}>
            <code>{r.status}</code> <Markdown>{r.description}</Markdown>
          </li>
        ))}
      </ul>
    </article>
  );
}
