// Opt-in persistence of sign-ins across restarts (WORKBENCH_TOKEN_CACHE). The file is AES-256-GCM
// encrypted with WORKBENCH_TOKEN_CACHE_KEY and written with mode 0600 through a temporary file and a
// rename, so a crash never leaves half a file. A missing, unreadable, tampered or foreign-key file
// is ignored with a warning: the server starts with no saved sign-ins rather than not at all.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import type { Logger } from '../logger'
import type { TokenCacheConfig } from './auth-config'

export const TOKEN_CACHE_TYPE = 'handles-workbench/token-cache'
export const TOKEN_CACHE_VERSION = 1
/** The type and version are authenticated with the data, so a file cannot be relabelled. */
const AAD = Buffer.from(`${TOKEN_CACHE_TYPE}:${TOKEN_CACHE_VERSION}`)

const cachedIdentitySchema = z.object({
  clientId: z.string(),
  sandbox: z.string(),
  signedInAt: z.number(),
  msa: z.object({
    accessToken: z.string(),
    accessExpiresAt: z.number(),
    refreshToken: z.string().optional(),
  }),
  user: z.object({ token: z.string(), notAfter: z.number(), uhs: z.string() }).optional(),
  xsts: z.object({
    token: z.string(),
    notAfter: z.number(),
    uhs: z.string(),
    claims: z.object({
      xuid: z.string(),
      gamertag: z.string(),
      ageGroup: z.string().nullable(),
      privileges: z.array(z.number()),
    }),
  }),
})
export type CachedIdentity = z.infer<typeof cachedIdentitySchema>

const envelopeSchema = z.object({
  type: z.literal(TOKEN_CACHE_TYPE),
  version: z.literal(TOKEN_CACHE_VERSION),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
})

export function encryptIdentities(identities: CachedIdentity[], key: Buffer): string {
  // A fresh 96-bit nonce per write: GCM must never reuse one with the same key.
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(AAD)
  const data = Buffer.concat([
    cipher.update(JSON.stringify({ identities }), 'utf8'),
    cipher.final(),
  ])
  return `${JSON.stringify({
    type: TOKEN_CACHE_TYPE,
    version: TOKEN_CACHE_VERSION,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  })}\n`
}

/** Throws when the file is not ours, was changed, or was written with another key. */
export function decryptIdentities(
  text: string,
  key: Buffer,
): { identities: CachedIdentity[]; skipped: number } {
  const envelope = envelopeSchema.parse(JSON.parse(text))
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'))
  decipher.setAAD(AAD)
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'))
  const plain = Buffer.concat([
    decipher.update(Buffer.from(envelope.data, 'base64')),
    decipher.final(),
  ]).toString('utf8')
  const list = z.object({ identities: z.array(z.unknown()) }).parse(JSON.parse(plain)).identities
  const identities: CachedIdentity[] = []
  for (const item of list) {
    const parsed = cachedIdentitySchema.safeParse(item)
    if (parsed.success) identities.push(parsed.data)
  }
  return { identities, skipped: list.length - identities.length }
}

export type TokenCache = {
  load: () => Promise<CachedIdentity[]>
  /** Never throws: a failed write is logged and the sign-ins stay in memory. */
  save: (identities: CachedIdentity[]) => Promise<void>
}

export function createTokenCache(config: TokenCacheConfig, logger: Logger): TokenCache {
  const { file, key } = config
  let writes: Promise<void> = Promise.resolve()

  async function load(): Promise<CachedIdentity[]> {
    let text: string
    try {
      const info = await stat(file)
      if ((info.mode & 0o077) !== 0)
        logger.info(
          `warning: the token cache ${file} is readable by other users; it is rewritten with mode 0600 at the next change.`,
        )
      text = await readFile(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        logger.info(
          `warning: the token cache ${file} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); starting with no saved sign-ins.`,
        )
      return []
    }
    try {
      const { identities, skipped } = decryptIdentities(text, key)
      if (skipped > 0)
        logger.info(
          `warning: ${skipped} unreadable sign-in(s) in the token cache ${file} were skipped.`,
        )
      return identities
    } catch {
      logger.info(
        `warning: the token cache ${file} could not be decrypted with WORKBENCH_TOKEN_CACHE_KEY (another key, or the file was changed); starting with no saved sign-ins. The file is replaced at the next sign-in.`,
      )
      return []
    }
  }

  async function write(identities: CachedIdentity[]): Promise<void> {
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    try {
      await mkdir(dirname(file), { recursive: true, mode: 0o700 })
      await writeFile(temporary, encryptIdentities(identities, key), { mode: 0o600, flag: 'wx' })
      // The umask can only narrow the mode; chmod makes it exactly 0600 whatever it is.
      await chmod(temporary, 0o600)
      await rename(temporary, file)
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => {})
      logger.error(
        `the token cache ${file} could not be written (${(error as NodeJS.ErrnoException).code ?? 'error'}); sign-ins are kept in memory only until it can.`,
      )
    }
  }

  return {
    load,
    save(identities) {
      // One write at a time, in order, so an older snapshot never lands after a newer one.
      writes = writes.then(() => write(identities))
      return writes
    },
  }
}
