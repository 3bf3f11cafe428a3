// JSON from the Workbench's own APIs (/api/sim, /api/identities): parsed with the shared schema, and
// a refusal turned into an Error carrying the server's sentence.
import type { z } from 'zod'

export async function serverJson<T extends z.ZodType>(
  schema: T,
  path: string,
  init?: RequestInit,
): Promise<z.output<T>> {
  const response = await fetch(path, {
    ...init,
    headers: { ...(init?.body ? { 'Content-Type': 'application/json' } : {}), ...init?.headers },
  })
  const text = await response.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  if (!response.ok) {
    const message = (json as { message?: unknown } | undefined)?.message
    throw new Error(
      typeof message === 'string' ? message : `The server answered ${response.status} for ${path}`,
    )
  }
  return schema.parse(json)
}
