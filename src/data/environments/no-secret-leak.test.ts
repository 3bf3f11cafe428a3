// The "never leak a secret variable" proof, after the presets' (src/data/presets/no-secret-leak.test.ts):
// an environment holds a secret; its export, a preset and a share link saved from a draft that
// typed the value, and the History record of a request that resolved it, are scanned for the value
// in raw, JSON-escaped and shell-quoted form.
import { fieldsOf } from '../../mpsd/request-fields'
import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { resetWorkbenchDBConnection } from '../../lib/db'
import { toPostmanEnvironment } from '../../mpsd/environment'
import { requestFromFields } from '../../mpsd/request-fields'
import { shellQuote } from '../../mpsd/snippets'
import { toWire } from '../../mpsd/to-wire'
import { resolveRequest } from '../../mpsd/variables'
import { presetRequestOf } from '../presets/preset-draft'
import { createPreset } from '../presets/preset-store'
import { createShareLink, fromBase64Url, inflate } from '../presets/share-link'
import { currentSecrets, redactKnownSecrets } from '../settings/known-secrets'
import { rememberEnvironmentSecrets } from './environment-secrets'
import { createEnvironment } from './environment-store'

afterEach(async () => {
  rememberEnvironmentSecrets([])
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
})

const secretArb = fc
  .string({
    unit: fc.constantFrom(
      // Whole characters (an emoji is one unit): a lone surrogate is no value a user can type.
      ...[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_.~\'"\\$`é€😀'],
    ),
    minLength: 16,
    maxLength: 60,
  })
  .filter((t) => t.trim() === t && /[A-Za-z0-9]{4}/.test(t) && !/[{}]/.test(t))

function leaks(text: string, secret: string): boolean {
  const json = JSON.stringify(secret).slice(1, -1)
  return [secret, json, JSON.stringify(json).slice(1, -1), shellQuote(secret).slice(1, -1)].some(
    (form) => text.includes(form),
  )
}

describe('a secret variable never leaves', () => {
  it('in an export, a preset, a share link or a History record (property)', async () => {
    await fc.assert(
      fc.asyncProperty(secretArb, fc.string({ maxLength: 20 }), async (secret, plain) => {
        indexedDB.deleteDatabase('handles-workbench')
        await resetWorkbenchDBConnection()
        const env = await createEnvironment('Dev', [
          { key: 'launchKey', value: secret, secret: true, enabled: true },
          { key: 'plain', value: plain, secret: false, enabled: true },
        ])
        const outputs: Record<string, string> = { export: toPostmanEnvironment(env) }

        // A draft where the user typed the value itself, not {{launchKey}}.
        const draft = requestFromFields({
          kind: 'invite',
          scid: secret,
          context: `x${secret}`,
          sessionName: '{{launchKey}}',
        })
        const preset = await createPreset(
          { name: 'p', description: secret, tags: [], request: presetRequestOf(draft, 107) },
          currentSecrets(),
        )
        outputs.preset = JSON.stringify(preset)
        const link = await createShareLink(
          preset,
          'http://127.0.0.1:5173/presets',
          currentSecrets(),
        )
        if (!link.ok) throw new Error(link.message)
        outputs.link = String(
          await inflate(fromBase64Url(new URL(link.url).hash.replace('#preset=', ''))!, 1 << 20),
        )

        // What Send records: the resolved request, through the same redaction sendAndRecord runs.
        const resolved = resolveRequest(draft, { launchKey: secret, plain }).request
        outputs.history = JSON.stringify(
          redactKnownSecrets({
            request: toWire(resolved, { contractVersion: 107 }),
            composed: resolved,
          }),
        )
        for (const [where, text] of Object.entries(outputs))
          if (leaks(text, secret))
            throw new Error(`${where} holds the secret: ${text.slice(0, 300)}`)
      }),
      { numRuns: 40 },
    )
  })

  it('keeps references in a preset: {{launchKey}} is saved as typed', async () => {
    await createEnvironment('Dev', [
      { key: 'launchKey', value: 'a-secret-long-enough', secret: true, enabled: true },
    ])
    const draft = requestFromFields({
      kind: 'activity',
      scid: '{{scid}}',
      sessionName: '{{launchKey}}',
    })
    const preset = await createPreset(
      { name: 'p', description: '', tags: [], request: presetRequestOf(draft, 107) },
      currentSecrets(),
    )
    expect(fieldsOf(preset.request)).toMatchObject({
      scid: '{{scid}}',
      sessionName: '{{launchKey}}',
    })
  })
})
