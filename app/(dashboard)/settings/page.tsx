import type { Metadata } from "next";
import Link from "next/link";
import { SETTINGS_LINKS } from "@/components/layout/settings-links";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePageActor } from "@/lib/auth/page";
import styles from "./settings.module.css";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requirePageActor();
  if (actor.role !== "tenant_admin" || !actor.tenantId) return <Forbidden message="Only tenant admins can change settings." />;
  return (
    <div className="narrow-wide">
      <h1>Settings</h1>
      <p className="muted lead">How {actor.tenantName ?? "your organisation"} works in poc-manager.</p>
      <ul className={styles.sections}>
        {SETTINGS_LINKS.map((link) => (
          <li key={link.href} className={styles.section}>
            <Link href={link.href} className={styles.link}>
              {link.label}
            </Link>
            <p>{link.description}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
