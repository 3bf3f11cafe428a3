// Search handles (mpsd-handles.md §2.4, §2.6, §3.3; mpsd-sessions.md §4): one per session, on a
// session with capabilities.searchable; queried with an OData `filter` and `orderBy`. Results read
// the session live (members, owners, custom properties), as MPSD's relatedInfo does.
import { z } from 'zod'
import { sessionRefSchema } from '../../mpsd/schemas'
import { compileFilter, parseOrderBy, type FilterValue } from './search-filter'
import { findMember, type SessionRefKey, type StoredSession } from './session-store'
import { documentedRefusal } from './sim-rules-state'
import type { SessionService } from './simulator-sessions'
import type { SimulatorState, StoredHandle } from './simulator-state'

/** Names start with a letter, have no spaces and are under 100 characters (§2.4; XSAPI's buffers). */
const attributeName = z
  .string()
  .regex(/^[A-Za-z]\S{0,98}$/, 'must start with a letter, have no spaces, under 100 characters')

export const searchBodySchema = z.object({
  type: z.literal('search'),
  version: z.literal(1),
  sessionRef: sessionRefSchema,
  searchAttributes: z
    .object({
      tags: z.array(attributeName).optional(),
      numbers: z.record(attributeName, z.number()).optional(),
      strings: z.record(attributeName, z.string().max(99)).optional(),
    })
    .optional(),
})

export const searchQuerySchema = z.object({
  type: z.literal('search'),
  scid: z.string().min(1),
  templateName: z.string().min(1),
  global: z.boolean().optional(),
  filter: z.string().optional(),
  orderBy: z.string().optional(),
  sessionMembers: z.unknown().optional(),
})

/** MPSD returns the first 100 results only (§2.6). */
const SEARCH_RESULT_LIMIT = 100

type Deps = {
  state: SimulatorState
  sessions: SessionService
  timestamp: (ms: number) => string
  now: () => number
}

/** POST /handles type search: a Response for a refusal, or the handle to store and return. */
export function createSearchHandle(
  deps: Deps,
  body: z.infer<typeof searchBodySchema>,
  xuid: string,
): { ok: false; response: Response } | { ok: true; handle: StoredHandle } {
  const session = deps.sessions.read(body.sessionRef)
  if (!session)
    return {
      ok: false,
      response: documentedRefusal(
        403,
        'The search handle points to a session that does not exist.',
        'A search handle needs an existing session (mpsd-sessions.md §4; status 403 inferred)',
      ),
    }
  const capabilities = session.constants.system.capabilities as Record<string, unknown> | undefined
  if (capabilities?.searchable !== true)
    return {
      ok: false,
      response: documentedRefusal(
        400,
        'The session is not searchable: its constants need capabilities.searchable.',
        'Search handles need capabilities.searchable (mpsd-sessions.md §4; status 400 inferred)',
      ),
    }
  if (!findMember(session, xuid))
    return {
      ok: false,
      response: documentedRefusal(
        403,
        'Only a member of the session can create its search handle.',
        'Search handles are created by members (mpsd-sessions.md §4) [I]',
      ),
    }
  // One search handle per session (§2.4): a new one replaces the old [I].
  if (session.searchHandle) deps.state.handles.delete(session.searchHandle.toLowerCase())
  const id = crypto.randomUUID()
  const handle: StoredHandle = {
    id,
    type: 'search',
    version: 1,
    sessionRef: body.sessionRef,
    createTime: deps.timestamp(deps.now()),
    searchAttributes: {
      tags: body.searchAttributes?.tags ?? [],
      numbers: body.searchAttributes?.numbers ?? {},
      strings: body.searchAttributes?.strings ?? {},
    },
    ownerXuid: xuid,
    scid: body.sessionRef.scid,
    sentAt: deps.now(),
  }
  deps.state.handles.set(id, handle)
  session.searchHandle = id
  return { ok: true, handle }
}

export function relatedInfo(session: StoredSession): Record<string, unknown> {
  const system = session.constants.system
  const owners = Array.isArray(session.properties.system.owners)
    ? (session.properties.system.owners as number[])
    : []
  const max = typeof system.maxMembersCount === 'number' ? system.maxMembersCount : 100
  return {
    visibility: session.members.length >= max ? 'full' : (system.visibility ?? 'open'),
    joinRestriction: session.properties.system.joinRestriction ?? 'none',
    closed: session.properties.system.closed === true,
    maxMembersCount: max,
    membersCount: session.members.length,
    sessionOwners: session.members.filter((m) => owners.includes(m.index)).map((m) => m.xuid),
  }
}

/** A search handle as a query returns it (§3.3), with the parts `include` asks for. */
export function searchResult(
  handle: StoredHandle,
  session: StoredSession,
  include: Set<string>,
): Record<string, unknown> {
  return {
    id: handle.id,
    type: 'search',
    version: 1,
    sessionRef: handle.sessionRef,
    createTime: handle.createTime,
    searchAttributes: handle.searchAttributes,
    ...(include.has('customproperties') ? { customProperties: session.properties.custom } : {}),
    ...(include.has('relatedinfo') ? { relatedInfo: relatedInfo(session) } : {}),
    ...(include.has('roleinfo') ? { roleInfo: { roleTypes: {} } } : {}),
  }
}

function resolverFor(handle: StoredHandle, session: StoredSession) {
  const attributes = handle.searchAttributes as {
    tags: string[]
    numbers: Record<string, number>
    strings: Record<string, string>
  }
  const lowerKeys = <T>(record: Record<string, T>) =>
    new Map(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]))
  const numbers = lowerKeys(attributes.numbers)
  const strings = lowerKeys(attributes.strings)
  const info = relatedInfo(session)
  const max = info.maxMembersCount as number
  return (path: string): FilterValue => {
    const [head, ...rest] = path.split('/')
    const name = rest.join('/')
    if (head === 'numbers') return numbers.get(name)
    if (head === 'strings') return strings.get(name)
    if (head === 'tags') return attributes.tags
    if (head === 'timestamp' || head === 'createtime') return String(handle.createTime)
    if (head === 'achievementids') return []
    if (head !== 'session') return undefined
    switch (name) {
      case 'memberxuids':
        return session.members.filter((m) => !m.reserved).map((m) => m.xuid)
      case 'ownerxuids':
        return info.sessionOwners as string[]
      case 'keywords':
        return (session.properties.system.keywords as string[] | undefined) ?? []
      case 'memberscount':
        return session.members.length
      case 'maxmemberscount':
        return max
      case 'maxmemberscountremaining':
        return max - session.members.length
      case 'scid':
        return session.ref.scid
      case 'templatename':
        return session.ref.templateName
      default:
        return undefined
    }
  }
}

/** POST /handles/query type search. */
export function querySearchHandles(
  deps: Deps,
  body: z.infer<typeof searchQuerySchema>,
  include: Set<string>,
): Response {
  const filter = body.filter ? compileFilter(body.filter) : undefined
  if (filter && !filter.ok)
    return documentedRefusal(
      400,
      filter.error,
      'Search filters are an OData subset (mpsd-handles.md §2.6)',
    )
  const order = parseOrderBy(body.orderBy)
  if (!order.ok)
    return documentedRefusal(
      400,
      order.error,
      'orderBy is "<attribute> asc|desc" (mpsd-handles.md §2.6)',
    )
  const matches: { handle: StoredHandle; session: StoredSession; key: FilterValue }[] = []
  for (const handle of [...deps.state.handles.values()]) {
    if (handle.type !== 'search') continue
    const ref = handle.sessionRef as SessionRefKey
    if (ref.scid.toLowerCase() !== body.scid.toLowerCase()) continue
    if (ref.templateName.toLowerCase() !== body.templateName.toLowerCase()) continue
    const session = deps.sessions.read(ref)
    // A session that is gone is no longer searchable.
    if (!session || session.searchHandle !== handle.id) continue
    const resolve = resolverFor(handle, session)
    if (filter && !filter.test(resolve)) continue
    matches.push({ handle, session, key: resolve(order.path) })
  }
  matches.sort((a, b) => {
    if (a.key === undefined) return 1
    if (b.key === undefined) return -1
    const diff =
      typeof a.key === 'number' && typeof b.key === 'number'
        ? a.key - b.key
        : String(a.key).localeCompare(String(b.key))
    return order.descending ? -diff : diff
  })
  const results = matches
    .slice(0, SEARCH_RESULT_LIMIT)
    .map(({ handle, session }) => searchResult(handle, session, include))
  return Response.json({ results })
}
