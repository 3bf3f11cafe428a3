// One byte budget for everything the server holds in memory on behalf of requests in flight
// (request bodies, buffered upstream answers). Each request is capped on its own (1 MiB in,
// 10 MiB out), but forty 10 MiB answers at once took the server from 370 MB to 709 MB: past the
// budget a request gets a clear 503 server_busy instead of the server growing without bound.

export type ByteBudget = {
  /** Takes `bytes` from the budget; false (and nothing taken) when that would overspend it. */
  tryTake: (bytes: number) => boolean
  give: (bytes: number) => void
  inUse: () => number
  /** The most in use at once since the budget was made or resetPeak was called. */
  peak: () => number
  resetPeak: () => void
  readonly limit: number
}

export function createByteBudget(limit: number): ByteBudget {
  let used = 0
  let peak = 0
  return {
    limit,
    tryTake(bytes) {
      if (used + bytes > limit) return false
      used += bytes
      peak = Math.max(peak, used)
      return true
    },
    give(bytes) {
      used = Math.max(0, used - bytes)
    },
    inUse: () => used,
    peak: () => peak,
    resetPeak() {
      peak = used
    },
  }
}

/** For bytes already accounted for another way. */
export const UNMETERED: ByteBudget = createByteBudget(Number.POSITIVE_INFINITY)

/**
 * Reads a body, taking each chunk from `budget` as it arrives. Stops early when the body passes
 * `limit`, the budget is spent, or `signal` fires; what was taken is given back unless the read
 * succeeds, and then the caller gives back `taken` once the bytes are gone.
 */
export async function readBudgeted(
  body: AsyncIterable<Uint8Array> | null | undefined,
  limit: number,
  budget: ByteBudget,
  signal?: AbortSignal,
): Promise<
  | { ok: true; chunks: Uint8Array[]; size: number; taken: number }
  | { ok: false; reason: 'too_large' | 'busy' | 'aborted' }
> {
  if (!body) return { ok: true, chunks: [], size: 0, taken: 0 }
  const chunks: Uint8Array[] = []
  let size = 0
  let taken = 0
  const iterator = body[Symbol.asyncIterator]()
  let onAbort: (() => void) | undefined
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted')
    if (signal?.aborted) resolve('aborted')
    else signal?.addEventListener('abort', onAbort, { once: true })
  })
  const fail = (reason: 'too_large' | 'busy' | 'aborted') => {
    budget.give(taken)
    void iterator.return?.().catch(() => {})
    return { ok: false as const, reason }
  }
  try {
    for (;;) {
      const pending = iterator.next()
      // If the abort wins the race, the read still settles later: its failure is no one's error.
      pending.catch(() => {})
      const next = await Promise.race([pending, aborted])
      if (next === 'aborted') return fail('aborted')
      if (next.done) break
      const chunk = next.value
      size += chunk.byteLength
      if (size > limit) return fail('too_large')
      if (!budget.tryTake(chunk.byteLength)) return fail('busy')
      taken += chunk.byteLength
      chunks.push(chunk)
    }
  } catch (error) {
    budget.give(taken)
    throw error
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort)
  }
  return { ok: true, chunks, size, taken }
}

/** The chunks as one buffer (a copy only when there is more than one). */
export function joinChunks(chunks: readonly Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const only = chunks.length === 1 ? chunks[0] : undefined
  if (only && only.buffer instanceof ArrayBuffer) return only as Uint8Array<ArrayBuffer>
  const bytes = new Uint8Array(new ArrayBuffer(size))
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/**
 * The chunks as a response body without joining them: a 10 MiB answer is not held twice (chunks
 * and copy) while it goes out. Each chunk is let go once written.
 */
export function chunksBody(chunks: Uint8Array[]): BodyInit {
  if (chunks.length <= 1) return joinChunks(chunks, chunks[0]?.byteLength ?? 0)
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift()
      if (next) controller.enqueue(next)
      else controller.close()
    },
    cancel() {
      chunks.length = 0
    },
  })
}
