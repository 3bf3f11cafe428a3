// Share links carry the preset in the URL fragment (`#preset=…`). Browsers never send the fragment
// to a server, so the preset never reaches the Workbench server, a proxy or its logs (Excalidraw's
// share links do the same with their key). The JSON is compressed with the platform's
// CompressionStream('deflate-raw') — no library — and written as base64url (RFC 4648 §5), which
// needs no escaping in a URL.
import {
  parsePresetsValue,
  toPresetDocument,
  type Preset,
  type PresetContent,
  type PresetProblem,
  type SharedPreset,
} from '../../mpsd/preset'
import { redactSecrets } from '../../mpsd/redact'

export const SHARE_PARAM = 'preset'
/**
 * The encoded payload limit. Browsers accept far longer URLs, but chat tools and mail clients cut
 * or refuse links past a few thousand characters; a preset is a few hundred bytes compressed.
 */
export const SHARE_LINK_MAX_ENCODED = 8_000
/** Decompressed size limit: a small link can inflate to gigabytes (a "zip bomb"); stop early. */
export const SHARE_LINK_MAX_JSON_BYTES = 64 * 1024

export function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined
  const base64 =
    text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4)
  try {
    const binary = atob(base64)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return bytes
  } catch {
    return undefined
  }
}

async function readAll(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array | 'too_large'> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      return 'too_large'
    }
    chunks.push(value)
  }
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes)
      controller.close()
    },
  })
}

export async function deflate(text: string): Promise<Uint8Array> {
  const compressed = streamOf(new TextEncoder().encode(text)).pipeThrough(
    new CompressionStream('deflate-raw') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
  )
  const bytes = await readAll(compressed, Number.MAX_SAFE_INTEGER)
  return bytes === 'too_large' ? new Uint8Array() : bytes
}

export async function inflate(bytes: Uint8Array, limit: number): Promise<string | 'too_large'> {
  const out = await readAll(
    streamOf(bytes).pipeThrough(
      new DecompressionStream('deflate-raw') as unknown as ReadableWritablePair<
        Uint8Array,
        Uint8Array
      >,
    ),
    limit,
  )
  if (out === 'too_large') return out
  return new TextDecoder('utf-8', { fatal: true }).decode(out)
}

export type ShareLinkResult =
  | { ok: true; url: string; encodedLength: number; redactedPaths: string[] }
  | { ok: false; message: string }

/**
 * The link for a preset: identity (id, times) is left out, secrets are removed, and the result is
 * refused when too long rather than producing a link that breaks on the way.
 */
export async function createShareLink(
  preset: PresetContent | Preset,
  baseUrl: string,
  secrets: readonly string[],
): Promise<ShareLinkResult> {
  const { value: document, redactedPaths } = redactSecrets(toPresetDocument(preset), secrets)
  const encoded = toBase64Url(await deflate(JSON.stringify(document)))
  if (encoded.length > SHARE_LINK_MAX_ENCODED) {
    return {
      ok: false,
      message: `This preset is too large for a link (${encoded.length} characters encoded; the limit is ${SHARE_LINK_MAX_ENCODED}). Share it with "Export presets" instead.`,
    }
  }
  const url = new URL(baseUrl)
  url.hash = `${SHARE_PARAM}=${encoded}`
  return { ok: true, url: url.toString(), encodedLength: encoded.length, redactedPaths }
}

export type OpenedShareLink =
  { ok: true; preset: SharedPreset } | { ok: false; problem: PresetProblem }

const SOURCE = 'Share link'

/** The `#preset=` payload of a location hash, or undefined when the hash is not a share link. */
export function sharePayloadOf(hash: string): string | undefined {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash
  const params = new URLSearchParams(fragment)
  return params.get(SHARE_PARAM) ?? undefined
}

/** Decodes a share link's payload. Never throws: every failure is a message for the user. */
export async function openSharePayload(payload: string): Promise<OpenedShareLink> {
  const fail = (message: string, path?: string): OpenedShareLink => ({
    ok: false,
    problem: { source: SOURCE, message, ...(path ? { path } : {}) },
  })
  if (payload.length > SHARE_LINK_MAX_ENCODED) {
    return fail(
      `The link is too large (${payload.length} characters; the limit is ${SHARE_LINK_MAX_ENCODED}). Ask for an exported file instead.`,
    )
  }
  const bytes = fromBase64Url(payload.trim())
  if (!bytes || bytes.length === 0)
    return fail(
      'The link is damaged: its preset part is not valid base64url. Copy the whole link again.',
    )
  let json: string | 'too_large'
  try {
    json = await inflate(bytes, SHARE_LINK_MAX_JSON_BYTES)
  } catch {
    return fail(
      'The link is damaged or cut short: its preset could not be decompressed. Copy the whole link again.',
    )
  }
  if (json === 'too_large')
    return fail(
      `The link’s preset unpacks to over ${SHARE_LINK_MAX_JSON_BYTES / 1024} KB, more than any preset needs; it was not opened.`,
    )
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return fail('The link is damaged: its preset is not valid JSON.')
  }
  const parsed = parsePresetsValue(value, SOURCE)
  if (parsed.fatal) return { ok: false, problem: parsed.fatal }
  const [first] = parsed.presets
  const [problem] = parsed.problems
  if (problem || !first)
    return {
      ok: false,
      problem: problem ?? { source: SOURCE, message: 'The link holds no preset.' },
    }
  const { name, description, tags, request, xuids } = first
  return {
    ok: true,
    preset: { name, description, tags, request, ...(xuids === undefined ? {} : { xuids }) },
  }
}
