import { CopyField } from "@/components/sharing/copy-field";
import styles from "./scim-setup.module.css";

/** The SCIM base URL to paste into the identity provider, and where it goes in Okta and Entra ID. */
export function ScimSetup({ baseUrl }: { baseUrl: string }) {
  return (
    <section className="card" aria-labelledby="scim-setup-heading">
      <h2 id="scim-setup-heading" className="card-title">
        Connect your identity provider
      </h2>
      <CopyField value={baseUrl} label="SCIM base URL" copyLabel="Copy the SCIM base URL" />
      <div className={styles.providers}>
        <div>
          <h3 className={styles.provider}>Okta</h3>
          <ol className={styles.steps}>
            <li>In your SCIM app, Provisioning → Integration: set the SCIM connector base URL to the URL above.</li>
            <li>Unique identifier field: <code>userName</code>. Actions: Push New Users, Push Profile Updates, Push Groups.</li>
            <li>Authentication mode: HTTP Header, with a SCIM token created below as the bearer token.</li>
          </ol>
        </div>
        <div>
          <h3 className={styles.provider}>Microsoft Entra ID</h3>
          <ol className={styles.steps}>
            <li>Enterprise application → Provisioning → Automatic: Tenant URL is the URL above.</li>
            <li>Secret Token: a SCIM token created below. Click Test Connection, then Save.</li>
            <li>Assign users and groups to the application and start provisioning.</li>
          </ol>
        </div>
      </div>
    </section>
  );
}
