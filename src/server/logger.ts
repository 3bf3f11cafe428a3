// The only way server code writes logs. Known secrets (XBL_AUTHORIZATION, every signed-in account's
// tokens, the caller's own Authorization) in any encoding, and anything shaped like a token, are
// masked before a line is written, so a token never reaches a log line, even from an error message
// or a stack trace.
import { redactText } from '../mpsd/redact'

export type LogSink = (line: string) => void

/** The secrets known right now: read per line, because accounts sign in and tokens renew. */
export type SecretsSource = () => readonly string[]

export function createLogger(
  sink: LogSink = (line) => process.stdout.write(`${line}\n`),
  secrets: SecretsSource = () => [],
) {
  // Sources learnt after the logger was made: the identity store needs a logger before it exists.
  const sources: SecretsSource[] = [secrets]
  const known = (extra: readonly string[]) => [...sources.flatMap((source) => source()), ...extra]
  return {
    /** `extraSecrets`: values known only for this line, such as the caller's Authorization. */
    info(message: string, extraSecrets: readonly string[] = []) {
      sink(redactText(message, known(extraSecrets)))
    },
    error(message: string, extraSecrets: readonly string[] = []) {
      sink(redactText(`error: ${message}`, known(extraSecrets)))
    },
    /** Adds a source of secrets every later line is redacted against (the signed-in accounts). */
    learnSecrets(source: SecretsSource) {
      sources.push(source)
    },
  }
}

export type Logger = ReturnType<typeof createLogger>
