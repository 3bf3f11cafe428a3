// Focus moves (an answer arriving, a dialog closing) must never pull the caret out of a field.

/** True while the user is typing in a field: an answer must not pull the caret out of it. */
export function isTyping(): boolean {
  const active = document.activeElement
  if (!(active instanceof HTMLElement)) return false
  return (
    active.isContentEditable ||
    (active instanceof HTMLInputElement &&
      !['button', 'submit', 'checkbox', 'radio', 'reset'].includes(active.type)) ||
    active instanceof HTMLTextAreaElement ||
    active instanceof HTMLSelectElement
  )
}
