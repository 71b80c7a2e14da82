/** The "Settings" crumb above every settings page (the pages are reached from the header's Settings group). */
export function SettingsBreadcrumb() {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <span>Settings</span>
    </nav>
  );
}
