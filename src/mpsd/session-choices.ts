// The choices of a session write (request kind 'session'), value -> what the composer shows. The
// empty value is each choice's default, so a new request (every field '') is the common case:
// join as active with no precondition, as XSAPI's UpdateOrCreateNew does [sessions §1.2, §1.4].

export const MEMBER_STATUSES = {
  '': 'Active (join or stay)',
  inactive: 'Inactive',
  leave: 'Leave ("me": null)',
  none: 'Leave members out',
} as const satisfies Record<string, string>

export const WRITE_MODES = {
  '': 'Create or update (no precondition)',
  create: 'Create only (If-None-Match: *)',
  update: 'Update only (If-Match: *)',
} as const satisfies Record<string, string>

export type MemberStatus = keyof typeof MEMBER_STATUSES
export type WriteMode = keyof typeof WRITE_MODES
