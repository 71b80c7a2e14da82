import Link from "next/link";
import styles from "./link-state-filter.module.css";

export const LINK_STATES = [
  { value: "live", label: "Live" },
  { value: "expired", label: "Expired" },
  { value: "revoked", label: "Revoked" },
  { value: "all", label: "All" },
] as const;
export type LinkStateChoice = (typeof LINK_STATES)[number]["value"];

/** Settings → Shared links: which links to list (plain links, so it works without scripts). */
export function LinkStateFilter({ current }: { current: LinkStateChoice }) {
  return (
    <nav aria-label="Filter links by state" className={styles.filter}>
      {LINK_STATES.map((s) => (
        <Link key={s.value} href={s.value === "live" ? "/settings/shared-links" : `/settings/shared-links?state=${s.value}`} className={`${styles.tab} ${s.value === current ? styles.current : ""}`} aria-current={s.value === current ? "page" : undefined}>
          {s.label}
        </Link>
      ))}
    </nav>
  );
}
