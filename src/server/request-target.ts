// The request target as the client sent it. The URL a Hono app routes on has been through WHATWG
// parsing, which resolves dot segments (`/proxy/a/../x` becomes `/proxy/x`, and `%2e%2e` counts as
// `..`): checks that must see what the user typed read the raw target instead.
import type { Context } from 'hono'

/** The path of the raw request target (no query); the parsed URL's path when there is no socket. */
export function rawTargetPath(c: Context): string {
  const incoming = (c.env as { incoming?: { url?: string } } | undefined)?.incoming?.url
  return (
    (incoming ?? new URL(c.req.url).pathname)
      // Absolute form (`GET http://host/x HTTP/1.1`): the host there only names us.
      .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '')
      .split('?')[0] ?? ''
  )
}

/** Percent-decoding layers, one to three deep (a path may be encoded twice to slip past a check). */
export function decodedLayers(path: string): string[] | undefined {
  const layers = [path]
  for (let i = 0; i < 3; i++) {
    const last = layers[layers.length - 1] ?? path
    let next: string
    try {
      next = decodeURIComponent(last)
    } catch {
      return undefined
    }
    if (next === last) break
    layers.push(next)
  }
  return layers
}

/** Whether any decoding of the path has a `.` or `..` segment (or cannot be decoded at all). */
export function hasDotSegment(path: string): boolean {
  const layers = decodedLayers(path)
  if (!layers) return true
  return layers.some((layer) =>
    layer.split(/[/\\]/).some((segment) => segment === '.' || segment === '..'),
  )
}
