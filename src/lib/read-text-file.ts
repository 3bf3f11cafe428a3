// Reads a file the user picked as text, refusing one over `maxBytes` before reading it: a file far
// too big to be what was asked for would freeze the tab while it is read.

export type ReadTextFile = { ok: true; text: string } | { ok: false; error: string }

function describeLimit(maxBytes: number): string {
  const mb = maxBytes / 1024 / 1024
  return mb >= 1 ? `${Math.round(mb * 10) / 10} MB` : `${Math.ceil(maxBytes / 1024)} KB`
}

export async function readTextFile(
  file: Pick<File, 'name' | 'size' | 'text'>,
  maxBytes: number,
): Promise<ReadTextFile> {
  if (file.size > maxBytes)
    return {
      ok: false,
      error: `${file.name} is too big: the limit is ${describeLimit(maxBytes)}.`,
    }
  try {
    return { ok: true, text: await file.text() }
  } catch (cause) {
    return {
      ok: false,
      error: `${file.name} could not be read: ${cause instanceof Error ? cause.message : String(cause)}`,
    }
  }
}
