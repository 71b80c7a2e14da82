type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  default?: unknown;
  description?: string;
};

export type OperationView = {
  method: string;
  path: string;
  summary: string;
  requestSchema: JsonSchema | null;
  responses: { status: string; description: string }[];
  idempotent: boolean;
};

function describeType(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map(describeType).join(" | ");
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.type === "array" && schema.items) return `${describeType(schema.items)}[]`;
  const base = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  return schema.format ? `${base} (${schema.format})` : base;
}

function constraints(schema: JsonSchema): string {
  const parts: string[] = [];
  if (schema.minLength !== undefined) parts.push(`min ${schema.minLength} chars`);
  if (schema.maxLength !== undefined) parts.push(`max ${schema.maxLength} chars`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.description) parts.push(schema.description);
  return parts.join(", ");
}

export function OperationCard({ op }: { op: OperationView }) {
  const fields = Object.entries(op.requestSchema?.properties ?? {});
  const required = new Set(op.requestSchema?.required ?? []);
  return (
    <article className="card api-op" id={`${op.method}-${op.path}`}>
      <h3 className="api-op__title">
        <span className={`method method--${op.method}`}>{op.method.toUpperCase()}</span> <code>{op.path}</code>
      </h3>
      <p>{op.summary}</p>
      {op.idempotent && (
        <p className="muted">
          Accepts an <code>Idempotency-Key</code> header: a retry with the same key and body replays the first response.
        </p>
      )}
      {fields.length > 0 && (
        <table className="table">
          <caption>Request body (JSON; unknown fields are rejected)</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Type</th>
              <th scope="col">Required</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {fields.map(([name, schema]) => (
              <tr key={name}>
                <td>
                  <code>{name}</code>
                </td>
                <td>{describeType(schema)}</td>
                <td>{required.has(name) && schema.default === undefined ? "yes" : "no"}</td>
                <td>{constraints(schema)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ul className="api-op__responses">
        {op.responses.map((r) => (
          <li key={r.status}>
            <code>{r.status}</code> {r.description}
          </li>
        ))}
      </ul>
    </article>
  );
}
