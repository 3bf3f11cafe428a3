// Multiplayer Activity limits and enums, each with its source (../shared/mpa.md section and tag).

/** The SDK builds "https://multiplayeractivity.xboxlive.com" + path [§1 svc, http]. */
export const MPA_ORIGIN = 'https://multiplayeractivity.xboxlive.com'
/** No MPA-specific override in the SDK: every MPA call sends contract 1 [§1 http]. */
export const MPA_CONTRACT_VERSION = 1
/** Every MPA path starts with the title [§2]; MPSD has no path under /titles. */
export const MPA_PATH_PREFIX = '/titles/'

/** REST: "restricted to 512 characters" [§2.1 sw-put]; the SDK follows it (decision 110). */
export const CONNECTION_STRING_MAX = 512
/** The concept pages' older figure (< 256 [§2.1 d-act, §2.5 l-inv]): a warning, not an error. */
export const CONNECTION_STRING_WARN = 256
/** "< 128 characters" [§2.1 l-act]. */
export const GROUP_ID_MAX = 127
/** maxPlayers: > 1 and ≤ 100; currentPlayers: > 0 and ≤ 100 [§2.1 l-act]. */
export const MAX_PLAYERS_RANGE = { min: 2, max: 100 } as const
export const CURRENT_PLAYERS_RANGE = { min: 1, max: 100 } as const
/** Per call: "up to 30 users" [§2.3 sw-q], "max 16" invitees [§2.5 sw-inv], 1..100 recent [§2.6]. */
export const QUERY_MAX_USERS = 30
export const INVITE_MAX_USERS = 16
export const RECENT_PLAYERS_MAX = 100
/** Activities are removed after 24 h without an update [§2.1 l-act, hdr]. */
export const ACTIVITY_LIFETIME_MS = 24 * 60 * 60 * 1000

export const JOIN_RESTRICTIONS = ['Public', 'InviteOnly', 'Followed'] as const
export type JoinRestriction = (typeof JOIN_RESTRICTIONS)[number]

/**
 * The platforms the SDK sends, spelled as it does (`iOS`); the REST enum spells it `IOS` [§2.1,
 * §8.3]. `Unknown` and `All` are SDK-only and never sent [§7].
 */
export const MPA_PLATFORMS = [
  'XboxOne',
  'Scarlett',
  'WindowsOneCore',
  'Win32',
  'iOS',
  'Android',
  'Nintendo',
  'PlayStation',
] as const
/** The REST reference's spelling of iOS, accepted with a warning [§8.3]. */
export const REST_IOS = 'IOS'

export const ENCOUNTER_TYPES = ['Default', 'Teammate', 'Opponent'] as const

/** The fine-grained rate limits per user per title [§3 l-fgrl]: burst 15 s, sustain 300 s. */
export type MpaBucket = 'activityWrite' | 'activityRead' | 'invites' | 'recentPlayers'
export const MPA_BUDGETS: Record<
  MpaBucket,
  { burst: { limit: number; windowMs: number }; sustain: { limit: number; windowMs: number } }
> = {
  activityWrite: {
    burst: { limit: 10, windowMs: 15_000 },
    sustain: { limit: 100, windowMs: 300_000 },
  },
  activityRead: {
    burst: { limit: 20, windowMs: 15_000 },
    sustain: { limit: 200, windowMs: 300_000 },
  },
  invites: { burst: { limit: 7, windowMs: 15_000 }, sustain: { limit: 50, windowMs: 300_000 } },
  recentPlayers: {
    burst: { limit: 3, windowMs: 15_000 },
    sustain: { limit: 50, windowMs: 300_000 },
  },
}
