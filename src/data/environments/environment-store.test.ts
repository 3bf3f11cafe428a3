import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { openWorkbenchDB, resetWorkbenchDBConnection } from '../../lib/db'
import { toPostmanEnvironment } from '../../mpsd/environment'
import { redactKnownSecrets } from '../settings/known-secrets'
import {
  createEnvironment,
  deleteEnvironment,
  duplicateEnvironment,
  importEnvironment,
  listEnvironments,
  updateEnvironment,
} from './environment-store'
import { environmentSecrets, rememberEnvironmentSecrets } from './environment-secrets'

afterEach(async () => {
  rememberEnvironmentSecrets([])
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
})

const SCID = '00000000-0000-0000-0000-00007ff8b1f4'

describe('environment store', () => {
  it('creates an environment with the suggested variables, empty, and keeps names unique', async () => {
    const dev = await createEnvironment('Dev')
    expect(dev.variables.map((v) => v.key)).toEqual([
      'scid',
      'titleId',
      'templateName',
      'sandbox',
      'upstream',
      'actAs',
    ])
    expect(dev.variables.every((v) => v.value === '' && v.enabled && !v.secret)).toBe(true)
    const again = await createEnvironment('  Dev ')
    expect(again.name).toBe('Dev (2)')
    expect((await listEnvironments()).map((e) => e.name)).toEqual(['Dev', 'Dev (2)'])
  })

  it('renames and edits variables, refusing a taken name, a duplicate key or a key with braces', async () => {
    const dev = await createEnvironment('Dev', [])
    await createEnvironment('Prod', [])
    await expect(updateEnvironment(dev.id, { name: 'Prod' })).rejects.toThrow(/already called/)
    const variables = [{ key: 'scid', value: SCID, secret: false, enabled: true }]
    const saved = await updateEnvironment(dev.id, { name: 'Development', variables })
    expect(saved).toMatchObject({ name: 'Development', variables })
    await expect(
      updateEnvironment(dev.id, { variables: [...variables, ...variables] }),
    ).rejects.toThrow(/listed twice/)
    await expect(
      updateEnvironment(dev.id, {
        variables: [{ key: 'a{b', value: '', secret: false, enabled: true }],
      }),
    ).rejects.toThrow(/\{ or \}/)
    expect((await listEnvironments()).find((e) => e.id === dev.id)?.variables).toEqual(variables)
  })

  it('duplicates under a new id and name, and deletes', async () => {
    const dev = await createEnvironment('Dev')
    const copy = await duplicateEnvironment(dev.id)
    expect(copy).toMatchObject({ name: 'Dev (copy)', variables: dev.variables })
    expect(copy.id).not.toBe(dev.id)
    await deleteEnvironment(dev.id)
    expect((await listEnvironments()).map((e) => e.name)).toEqual(['Dev (copy)'])
    await expect(updateEnvironment(dev.id, { name: 'x' })).rejects.toThrow(/no longer stored/)
  })

  it('imports a Postman file as a new environment, never over an existing one', async () => {
    const dev = await createEnvironment('Dev', [
      { key: 'scid', value: SCID, secret: false, enabled: true },
    ])
    const imported = await importEnvironment(toPostmanEnvironment(dev))
    expect(imported.id).not.toBe(dev.id)
    expect(imported).toMatchObject({ name: 'Dev (2)', variables: dev.variables })
    await expect(importEnvironment('{"values": 3}')).rejects.toThrow(/"values" must be a list/)
    await expect(importEnvironment('not json')).rejects.toThrow(/not valid JSON/)
    await expect(importEnvironment('{"values": [{"key": "a"}, {"key": "a"}]}')).rejects.toThrow(
      /listed twice/,
    )
    expect(await listEnvironments()).toHaveLength(2)
  })

  it('sets a corrupt record aside in quarantine instead of failing the list', async () => {
    await createEnvironment('Dev')
    const db = await openWorkbenchDB()
    await db.put('environments', { id: 'bad', name: '', updatedAt: 1 })
    expect((await listEnvironments()).map((e) => e.name)).toEqual(['Dev'])
    expect(await db.count('quarantine')).toBe(1)
  })

  it('remembers secret values, so what is written elsewhere has them redacted', async () => {
    const secret = 'sk-live-0123456789abcdef'
    await createEnvironment('Dev', [
      { key: 'apiKey', value: secret, secret: true, enabled: true },
      { key: 'short', value: 'abc', secret: true, enabled: true },
      { key: 'scid', value: SCID, secret: false, enabled: true },
    ])
    expect(environmentSecrets()).toEqual([secret])
    const out = redactKnownSecrets({ body: `{"x":"${secret}","scid":"${SCID}"}` })
    expect(out.body).not.toContain(secret)
    expect(out.body).toContain(SCID)
  })
})
