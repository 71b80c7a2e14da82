import Link from "next/link";

/** The "Settings" crumb above every settings page, back to the settings overview. */
export function SettingsBreadcrumb() {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link href="/settings">Settings</Link>
    </nav>
  );
}
