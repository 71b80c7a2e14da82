import { ROLE_OPTIONS } from "./roles";

/** The tenant roles as the options of a role select, in their usual order. */
export function RoleOptions() {
  return ROLE_OPTIONS.map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}
