// The only way server code writes logs. Known secrets (XBL_AUTHORIZATION, the caller's own
// Authorization) in any encoding, and anything shaped like a token, are masked before a line is
// written, so a token never reaches a log line, even from an error message or a stack trace.
import { redactText } from '../mpsd/redact'

export type LogSink = (line: string) => void

export function createLogger(
  sink: LogSink = (line) => process.stdout.write(`${line}\n`),
  secrets: readonly string[] = [],
) {
  return {
    /** `extraSecrets`: values known only for this line, such as the caller's Authorization. */
    info(message: string, extraSecrets: readonly string[] = []) {
      sink(redactText(message, [...secrets, ...extraSecrets]))
    },
    error(message: string, extraSecrets: readonly string[] = []) {
      sink(redactText(`error: ${message}`, [...secrets, ...extraSecrets]))
    },
  }
}

export type Logger = ReturnType<typeof createLogger>
