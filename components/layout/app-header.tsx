import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { NavLink } from "./nav-link";
import { SettingsMenu } from "./settings-menu";
import { SignOutButton } from "./sign-out-button";
import { BrandMark } from "@/components/ui/brand-mark";

const ROLE_LABELS = { tenant_admin: "Admin", member: "Member", executive: "Executive" } as const;

export function AppHeader({ actor }: { actor: Actor }) {
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <div className="brand">
          <Link href={actor.tenantId ? "/pocs" : "/shared"} className="brand-name">
            <BrandMark />
            poc-manager
          </Link>
          {actor.tenantName ? <span className="tenant-name">{actor.tenantName}</span> : null}
        </div>
        <nav aria-label="Main" className="main-nav">
          {/* Invited outsiders (no tenant) only have what was shared with them. */}
          {actor.tenantId ? <NavLink href="/pocs">POCs</NavLink> : null}
          <NavLink href="/shared">Shared with me</NavLink>
          {actor.role === "tenant_admin" ? <SettingsMenu /> : null}
        </nav>
        <div className="user-menu">
          <Link href="/account" className="user-name" title="Account: password and sessions">
            {actor.name}
            {actor.role ? <span className="user-role">{ROLE_LABELS[actor.role]}</span> : null}
          </Link>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
