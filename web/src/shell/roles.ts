// The roles a person can hold; their labels live in shell ja.json / en.json under "roles".
export const ROLES = ['admin', 'office', 'committee', 'clinician', 'researcher', 'company_researcher', 'coi_committee'] as const;
export type Role = (typeof ROLES)[number];

export function hasAnyRole(roles: readonly string[] | undefined, wanted: readonly Role[]) {
  return !!roles && wanted.some((role) => roles.includes(role));
}

/** Tag colours, so the same role looks the same on every page. */
export const ROLE_COLOURS: Record<string, string> = {
  admin: 'red',
  office: 'gold',
  committee: 'purple',
  clinician: 'blue',
  researcher: 'cyan',
  company_researcher: 'green',
  coi_committee: 'magenta',
};
