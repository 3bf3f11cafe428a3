// The History filter lives in the URL (?type=invite&status=4xx&q=…) so a view can be bookmarked
// and shared. Unknown or invalid values are dropped, never an error.
import { requestKindSchema, statusClassSchema } from './history-entry'
import type { HistoryFilter } from './history-search'

const PARAMS = {
  kind: 'type',
  service: 'service',
  status: 'status',
  upstream: 'upstream',
  scid: 'scid',
  xuid: 'xuid',
  from: 'sender',
  text: 'q',
  expect: 'expect',
} as const

export function filterFromSearch(search: string): HistoryFilter {
  const params = new URLSearchParams(search)
  const filter: HistoryFilter = {}
  const kind = requestKindSchema.safeParse(params.get(PARAMS.kind))
  if (kind.success) filter.kind = kind.data
  const service = params.get(PARAMS.service)
  if (service === 'mpsd' || service === 'mpa') filter.service = service
  const status = statusClassSchema.safeParse(params.get(PARAMS.status))
  if (status.success) filter.status = status.data
  if (params.get(PARAMS.expect) === 'failed') filter.expect = 'failed'
  for (const key of ['upstream', 'scid', 'xuid', 'from', 'text'] as const) {
    const value = params.get(PARAMS[key])?.trim()
    if (value) filter[key] = key === 'scid' ? value.toLowerCase() : value
  }
  return filter
}

export function searchFromFilter(
  filter: HistoryFilter,
  extra: Record<string, string | undefined> = {},
): string {
  const params = new URLSearchParams()
  for (const [key, param] of Object.entries(PARAMS) as Array<[keyof HistoryFilter, string]>) {
    const value = filter[key]
    if (value) params.set(param, value)
  }
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value)
  const text = params.toString()
  return text ? `?${text}` : ''
}

export function isFiltered(filter: HistoryFilter): boolean {
  return Object.values(filter).some(Boolean)
}
