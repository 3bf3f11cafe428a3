// The views, in the order of the top bar; the command palette lists them too.
export const NAV = [
  { href: '/', label: 'Compose' },
  { href: '/history', label: 'History' },
  { href: '/analysis', label: 'Analysis' },
  { href: '/handles', label: 'Handles' },
  { href: '/inbox', label: 'Inbox' },
  { href: '/presets', label: 'Presets' },
  { href: '/runs', label: 'Runs' },
  { href: '/settings', label: 'Settings' },
] as const
