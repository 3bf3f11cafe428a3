// The last-resort handlers over loopback: a handler that throws still answers with the security
// headers and a documented error, and the stack trace goes through the redacting logger only.
import { getRequestListener } from '@hono/node-server'
import { Hono } from 'hono'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createLogger } from './logger'
import { handleErrors } from './server-errors'

const TOKEN = 'XBL3.0 x=err-hash;thrown-secret-token-5e1d'

describe('server errors over loopback', () => {
  const lines: string[] = []
  let server: Server
  let url = ''

  beforeAll(async () => {
    const app = new Hono()
    handleErrors(
      app,
      createLogger((line) => lines.push(line)),
    )
    app.get('/throws', (c) => {
      // A fault that quotes the caller's token, as an upstream library's message might.
      throw new Error(`could not use ${c.req.header('authorization') ?? ''} for ${c.req.path}`)
    })
    server = createServer(getRequestListener(app.fetch))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('answers 500 internal_error as JSON with the security headers, and logs the stack redacted, never to the console', async () => {
    const consoleError = vi.spyOn(console, 'error')
    try {
      const response = await fetch(`${url}/throws`, { headers: { Authorization: TOKEN } })
      expect(response.status).toBe(500)
      expect(response.headers.get('x-workbench-proxy-error')).toBe('internal_error')
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      const text = await response.text()
      expect(JSON.parse(text)).toMatchObject({ error: 'internal_error' })
      // The answer tells nothing of the fault; the log does.
      expect(text).not.toContain('could not use')
      expect(consoleError).not.toHaveBeenCalled()
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^error: GET \/throws: Error: could not use <redacted> for \/throws/)
      expect(lines[0]).toContain('server-errors.test.ts')
      expect(lines.join('\n')).not.toContain('thrown-secret-token-5e1d')
    } finally {
      consoleError.mockRestore()
    }
  })

  it('answers an unknown path with a text/plain 404 and the security headers', async () => {
    const response = await fetch(`${url}/nothing`)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/)
  })
})
