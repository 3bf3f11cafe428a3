// The one way back from bytes on the wire to a composed request: for entries imported from a HAR
// file (browser devtools, another Workbench) and History records kept before requests were stored
// beside their wire form. Everything else ("Open in composer", presets, drafts) reads the stored
// request itself, so nothing is re-parsed from a body that was already built.
import { isJsonObject, mapHandleBody, type BodyNote } from './handle-body-fields'
import { isContractVersion } from './limits'
import type { RequestEntity } from './request-entity'
import { requestFromFields } from './request-fields'
import { mpaFromWire } from './mpa/mpa-from-wire'
import { isMpaPath } from './mpa/mpa-path'

/** An HTTP request as recorded: a WireRequest, a History record's request, a HAR entry's. */
export type HttpRequestLike = {
  method: string
  /** The path and query (`/handles`); a full URL is read for its path. */
  path: string
  headers?: ReadonlyArray<readonly [string, string]>
  body?: string | undefined
}

export type FromWireResult =
  { ok: true; request: RequestEntity; unmapped: BodyNote[] } | { ok: false; error: string }

// Every number outside a string becomes a string before JSON.parse: XUIDs written as bare 64-bit
// numbers keep their digits. Strings are matched whole first, so digits inside them are untouched.
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g

function parseKeepingDigits(text: string): unknown {
  return JSON.parse(text.replace(TOKEN, (token) => (token[0] === '"' ? token : `"${token}"`)))
}

function pathOf(target: string): string {
  try {
    return new URL(target, 'http://wire.invalid').pathname
  } catch {
    return target
  }
}

function contractVersionOf(headers: HttpRequestLike['headers']): number | undefined {
  const value = headers?.find(([name]) => name.toLowerCase() === 'x-xbl-contract-version')?.[1]
  const version = Number(value?.trim())
  return isContractVersion(version) ? version : undefined
}

/**
 * `POST /handles` with an activity or invite body, or a Multiplayer Activity call, as the request
 * that would send it again.
 */
export function fromWire(http: HttpRequestLike): FromWireResult {
  if (isMpaPath(http.path)) {
    let value: unknown
    try {
      value = http.body ? parseKeepingDigits(http.body) : undefined
    } catch {
      return { ok: false, error: 'The request body is not JSON.' }
    }
    return (
      mpaFromWire(http.method, pathOf(http.path).replace(/\/+$/, ''), value) ?? {
        ok: false,
        error: `${http.method} ${http.path} is not a Multiplayer Activity call the composer makes.`,
      }
    )
  }
  if (http.method.toUpperCase() !== 'POST' || pathOf(http.path).replace(/\/+$/, '') !== '/handles')
    return {
      ok: false,
      error: `${http.method} ${http.path} is not a request the composer makes (POST /handles).`,
    }
  let value: unknown
  try {
    value = parseKeepingDigits(http.body ?? '')
  } catch {
    return { ok: false, error: 'The request body is not JSON.' }
  }
  if (!isJsonObject(value)) return { ok: false, error: 'The request body is not a JSON object.' }
  const { kind, fields, unmapped } = mapHandleBody(value)
  if (!kind) return { ok: false, error: 'The body is neither an activity nor an invite.' }
  const contractVersion = contractVersionOf(http.headers)
  return {
    ok: true,
    request: {
      ...requestFromFields({ ...fields, kind }),
      ...(contractVersion === undefined ? {} : { contractVersion }),
    },
    unmapped,
  }
}
