/** What each staff role may do on the admin dashboard. Pure: no framework imports. */
export const STAFF_ROLES = ["admin", "support"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return (STAFF_ROLES as readonly unknown[]).includes(value);
}

/**
 * - view: see the fleet, orders, alerts and histories
 * - message: talk to drivers and customers
 * - dispatch: create, import, assign and reorder orders; create drivers
 * - delete: cancel orders, revoke drivers
 * - manage_staff: create and remove staff accounts
 * - manage_webhooks: register and remove webhooks (they receive every order event)
 */
export const STAFF_PERMISSIONS = ["view", "message", "dispatch", "delete", "manage_staff", "manage_webhooks"] as const;
export type StaffPermission = (typeof STAFF_PERMISSIONS)[number];

const GRANTS: Readonly<Record<StaffRole, readonly StaffPermission[]>> = {
  admin: STAFF_PERMISSIONS,
  // Support answers customers: they see everything and may message, but change nothing.
  support: ["view", "message"],
};

export function can(role: StaffRole, permission: StaffPermission): boolean {
  return GRANTS[role].includes(permission);
}
