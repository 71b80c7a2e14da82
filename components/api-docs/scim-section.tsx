import styles from "./scim-section.module.css";

const ENDPOINTS: [string, string, string][] = [
  ["GET", "/ServiceProviderConfig", "What is supported: PATCH and filter (maxResults 1000) yes; bulk, sort, ETags, changePassword no; bearer tokens"],
  ["GET", "/ResourceTypes, /Schemas", "User (with the enterprise extension) and Group, with the attributes stored"],
  ["GET", "/Users", "filter (eq ne co sw ew gt ge lt le pr, and or not, emails[type eq \"work\"].value), startIndex, count, attributes, excludedAttributes"],
  ["POST", "/Users", "Create a member (role member); 409 uniqueness when the userName, externalId or email exists in the tenant. A new account has no password: it is emailed a single-use link (7 days) to choose one"],
  ["GET PUT PATCH DELETE", "/Users/{id}", "active: false deactivates in this tenant (access, sessions and API tokens end on the next request); DELETE removes the membership. The tenant's only active admin cannot be deactivated or deleted: 400 mutability, nothing changes"],
  ["GET", "/Groups", "filter on displayName, externalId, members[value eq \"id\"]; excludedAttributes=members"],
  ["POST", "/Groups", "Create a team with source scim (read-only in the app)"],
  ["GET PUT PATCH DELETE", "/Groups/{id}", "PATCH add/remove/replace members (Okta and Entra shapes), rename; team grants follow membership on the next request"],
];

/** The SCIM 2.0 part of the API reference (SCIM describes itself through its discovery endpoints). */
export function ScimSection({ baseUrl }: { baseUrl: string }) {
  return (
    <section id="scim" aria-labelledby="heading-scim">
      <h2 id="heading-scim">SCIM 2.0 provisioning</h2>
      <p>
        Identity providers (Okta, Microsoft Entra ID) provision a tenant at <code>{baseUrl}</code> with a SCIM token from Settings → Identity provider, sent
        as <code>Authorization: Bearer pmscim_…</code>. Bodies and answers are <code>application/scim+json</code> (RFC 7643, RFC 7644); errors use the
        SCIM error schema with <code>status</code> as a string and a <code>scimType</code> (<code>uniqueness</code>, <code>invalidFilter</code>,{" "}
        <code>invalidValue</code>, <code>invalidSyntax</code>, <code>mutability</code>, <code>noTarget</code>). Each request is one transaction: a rejected
        request changes nothing. A token sees only its tenant; other tenants&apos; ids are 404.
      </p>
      {/* Focusable so keyboard users can scroll it sideways on narrow screens. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="SCIM endpoints">
        <table className={`data-table ${styles.table}`}>
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">Path</th>
              <th scope="col">What it does</th>
            </tr>
          </thead>
          <tbody>
            {ENDPOINTS.map(([method, path, what]) => (
              <tr key={`${method} ${path}`}>
                <td>
                  <code>{method}</code>
                </td>
                <th scope="row">
                  <code>{path}</code>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <pre className="code-block">{`curl -H "Authorization: Bearer pmscim_..." \\
  "${baseUrl}/Users?filter=userName%20eq%20%22ada%40example.com%22"

curl -X PATCH -H "Authorization: Bearer pmscim_..." -H "content-type: application/scim+json" \\
  -d '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}' \\
  ${baseUrl}/Users/{id}`}</pre>
    </section>
  );
}
