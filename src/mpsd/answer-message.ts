// Why a service said no, in its own words: the message of an error answer's body. MPSD and the
// proxy answer JSON with a message (or an error object holding one), the simulator and some
// gateways plain text; either way the first sentence is what a user needs beside the status.

/** Long bodies (an HTML error page) are cut: this is a line beside a button, not the body. */
export const ANSWER_MESSAGE_MAX = 300

export function answerMessage(body: string): string | undefined {
  const text = body.trim()
  if (text === '') return undefined
  let message: string | undefined
  try {
    message = messageOf(JSON.parse(text))
  } catch {
    message = text.split(/\r?\n/)[0]
  }
  if (!message) return undefined
  return message.length > ANSWER_MESSAGE_MAX ? `${message.slice(0, ANSWER_MESSAGE_MAX)}…` : message
}

function messageOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value !== 'object' || value === null) return undefined
  const record = value as Record<string, unknown>
  for (const key of ['message', 'error_description', 'description', 'detail', 'title']) {
    const found = record[key]
    if (typeof found === 'string' && found.trim() !== '') return found.trim()
  }
  if ('error' in record) return messageOf(record.error)
  return undefined
}
