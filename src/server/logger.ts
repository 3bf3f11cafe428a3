// The only way server code writes logs. Anything that looks like a token is masked before it is
// written, so an Authorization value can never reach a log line, even from an error message.

export type LogSink = (line: string) => void

const TOKEN_PATTERNS = [
  /XBL3\.0\s+x=[^\s"',;]*;[^\s"',]*/gi,
  /(authorization["']?\s*[:=]\s*["']?)[^"'\r\n,}]+/gi,
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
]

export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join('<redacted>')
  }
  for (const pattern of TOKEN_PATTERNS) {
    out = out.replace(pattern, (match, prefix?: string) =>
      typeof prefix === 'string' && match.toLowerCase().startsWith(prefix.toLowerCase())
        ? `${prefix}<redacted>`
        : '<redacted>',
    )
  }
  return out
}

export function createLogger(
  sink: LogSink = (line) => process.stdout.write(`${line}\n`),
  secrets: readonly string[] = [],
) {
  return {
    info(message: string) {
      sink(redactSecrets(message, secrets))
    },
    error(message: string) {
      sink(redactSecrets(`error: ${message}`, secrets))
    },
  }
}

export type Logger = ReturnType<typeof createLogger>
