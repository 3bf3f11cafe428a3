export function ResponsePanel() {
  return (
    <section aria-label="Response">
      <h2>Response</h2>
    </section>
  )
}
