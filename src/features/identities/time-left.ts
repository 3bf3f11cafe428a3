/** "14 h left", "5 min left", "expired": how long a signed-in account's current token lasts. */
export function timeLeft(expiresAt: string, now: number = Date.now()): string {
  const ms = Date.parse(expiresAt) - now
  if (!Number.isFinite(ms) || ms <= 0) return 'renews on next use'
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 60) return `${minutes} min left`
  return `${Math.floor(minutes / 60)} h left`
}
