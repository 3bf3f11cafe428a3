import { describe, expect, it, vi } from 'vitest'
import { readTextFile } from './read-text-file'

describe('readTextFile', () => {
  it('reads a file under the limit', async () => {
    const file = new File(['{"log":{}}'], 'capture.har')
    expect(await readTextFile(file, 1024)).toEqual({ ok: true, text: '{"log":{}}' })
  })

  it('refuses a file over the limit without reading it, naming the file and the limit', async () => {
    const text = vi.fn(async () => '')
    const read = await readTextFile(
      { name: 'huge.har', size: 201 * 1024 * 1024, text },
      200 * 1024 * 1024,
    )
    expect(read).toEqual({ ok: false, error: 'huge.har is too big: the limit is 200 MB.' })
    expect(text).not.toHaveBeenCalled()
  })

  it('says why a file could not be read', async () => {
    const text = vi.fn(async () => {
      throw new Error('permission denied')
    })
    expect(await readTextFile({ name: 'a.har', size: 10, text }, 1024)).toEqual({
      ok: false,
      error: 'a.har could not be read: permission denied',
    })
  })
})
