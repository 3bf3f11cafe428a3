export function ComposeView() {
  return (
    <section aria-labelledby="compose-heading">
      <h2 id="compose-heading">Compose</h2>
      <label>
        SCID <input name="scid" />
      </label>
    </section>
  )
}
