// The "never leak a secret" proof: a token is set, then arbitrary drafts, names, tags and junk
// fields (some holding the token, the settings, or the token pasted into a field) go through every
// way a preset leaves: the stored record, the share link, the presets file, the Postman collection
// and the curl script. Every output is scanned for the token in raw, JSON-escaped and shell-quoted
// form.
import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { openWorkbenchDB, resetWorkbenchDBConnection } from '../../lib/db'
import { presetContentSchema, type Preset } from '../../mpsd/preset'
import { shellQuote } from '../../mpsd/snippets'
import { requestFromFields } from '../../mpsd/request-fields'
import { presetRequestOf } from './preset-draft'
import { exportCurlScript, exportPostmanCollection, exportPresetsFile } from './preset-exporters'
import { secretsFrom } from '../settings/known-secrets'
import { createPreset } from './preset-store'
import { createShareLink, inflate, fromBase64Url } from './share-link'
import { planImport, resolvePlan } from './import-plan'

afterEach(async () => {
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
})

// Real tokens are long base64-like strings; 16+ characters of this alphabet never occur by chance
// in the fixed text of an export ("application/json", the Postman schema URL...).
const tokenArb = fc
  .string({
    unit: fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_.~\'"\\$`é€😀'.split(
        '',
      ),
    ),
    minLength: 16,
    maxLength: 80,
  })
  .filter((t) => t.trim() === t && /[A-Za-z0-9]{4}/.test(t))

function forms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1)
  return [
    secret,
    json,
    JSON.stringify(json).slice(1, -1),
    shellQuote(secret).slice(1, -1),
    shellQuote(json).slice(1, -1),
  ]
}

function leaks(text: string, secrets: readonly string[]): string | undefined {
  for (const secret of secrets)
    for (const form of forms(secret)) if (text.includes(form)) return form
  return undefined
}

const fieldArb = (token: string) =>
  fc.oneof(
    fc.string({ maxLength: 30 }),
    fc
      .tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }))
      .map(([a, b]) => `${a}${token}${b}`),
    fc.constant(`XBL3.0 x=123;${token}`),
  )

const inputArb = tokenArb.chain((token) =>
  fc.record({
    token: fc.constant(token),
    draft: fc.record({
      kind: fc.constantFrom('activity' as const, 'invite' as const),
      scid: fieldArb(token),
      templateName: fieldArb(token),
      sessionName: fieldArb(token),
      invitedXuid: fieldArb(token),
      titleId: fieldArb(token),
      context: fieldArb(token),
      contextString: fieldArb(token),
      senderString: fieldArb(token),
    }),
    name: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constant(`mine ${token}`)),
    description: fieldArb(token),
    tags: fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.constant(token)), {
      maxLength: 3,
    }),
    xuids: fc.array(fc.bigInt({ min: 1n, max: 18446744073709551615n }).map(String), {
      maxLength: 3,
    }),
    junkKey: fc.constantFrom(
      'authorization',
      'Authorization',
      'token',
      'settings',
      'headers',
      'secret',
    ),
  }),
)

type LeakInput = typeof inputArb extends fc.Arbitrary<infer T> ? T : never

async function everyOutput(
  input: LeakInput,
): Promise<{ secrets: string[]; outputs: Record<string, string> } | undefined> {
  const authorization = `XBL3.0 x=2814679796296491;${input.token}`
  const settings = { proxyUrl: '/proxy', upstream: 'simulator' }
  const secrets = secretsFrom(authorization, settings)
  const candidate = {
    name: input.name,
    description: input.description,
    tags: input.tags,
    request: {
      ...presetRequestOf(requestFromFields(input.draft), 107),
      [input.junkKey]: authorization,
    },
    ...(input.xuids.length > 0 ? { xuids: input.xuids } : {}),
    [input.junkKey]: authorization,
    settings: { ...settings, authorization },
  }
  if (!presetContentSchema.safeParse(candidate).success) return undefined
  const stored: Preset = await createPreset(presetContentSchema.parse(candidate), secrets)
  const db = await openWorkbenchDB()
  const record = await db.get('presets', stored.id)
  const link = await createShareLink(stored, 'http://127.0.0.1:5173/presets', secrets)
  if (!link.ok) throw new Error(link.message)
  const payload = new URL(link.url).hash.replace('#preset=', '')
  const linkJson = await inflate(fromBase64Url(payload)!, 1 << 20)
  // An import of a file that itself carries the token (someone else's leak) is cleaned too.
  const dirty = JSON.stringify({
    type: 'handles-workbench/presets',
    version: 1,
    presets: [{ ...stored, name: `x ${input.token}`.slice(0, 100) }],
  })
  const imported = resolvePlan(planImport([{ name: 'in.json', text: dirty }], []), {}, [], secrets)
  return {
    secrets,
    outputs: {
      record: JSON.stringify(record),
      link: link.url,
      linkJson: String(linkJson),
      file: exportPresetsFile([stored], secrets).text,
      postman: exportPostmanCollection([stored], secrets).text,
      curl: exportCurlScript([stored], secrets).text,
      imported: JSON.stringify(imported),
    },
  }
}

describe('no preset, link or export ever holds the token', () => {
  it('for any draft, name, tags and junk fields (property)', async () => {
    let checked = 0
    await fc.assert(
      fc.asyncProperty(inputArb, async (input) => {
        const result = await everyOutput(input)
        if (!result) return
        checked++
        for (const [where, text] of Object.entries(result.outputs)) {
          const found = leaks(text, result.secrets)
          if (found)
            throw new Error(
              `${where} holds the secret (${JSON.stringify(found)}): ${text.slice(0, 300)}`,
            )
        }
      }),
      { numRuns: 150 },
    )
    // Most generated inputs must be valid presets, or the property would prove little.
    expect(checked).toBeGreaterThan(100)
  })

  it.each([
    ['quotes and shell characters', `ab'c"d$e\`f\\g-0123456789`],
    ['unicode', 'tökén€😀-0123456789abcdef'],
    ['a long real-looking token', 'eyJhbGciOiJSUzI1NiJ9.'.repeat(40)],
  ])('for a token with %s pasted into every field', async (_label, token) => {
    const input = {
      token,
      draft: {
        kind: 'invite' as const,
        scid: token,
        templateName: `t${token}`,
        sessionName: token,
        invitedXuid: token,
        titleId: token,
        context: token,
        contextString: `///${token}`,
        senderString: `XBL3.0 x=1;${token}`,
      },
      name: `name ${token}`.slice(0, 100),
      description: token,
      tags: [],
      xuids: ['2533274790000001'],
      junkKey: 'authorization' as const,
    }
    const result = await everyOutput(input)
    expect(result).toBeDefined()
    for (const text of Object.values(result!.outputs))
      expect(leaks(text, result!.secrets)).toBeUndefined()
  })

  it('takes a credential inside a settings URL as a secret too', () => {
    expect(
      secretsFrom('', {
        proxyUrl: 'http://me:hunter2-long-password@proxy.example/proxy',
        upstream: 'simulator',
      }),
    ).toContain('hunter2-long-password')
  })
})
