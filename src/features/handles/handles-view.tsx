export function HandlesView() {
  return (
    <section aria-labelledby="handles-heading">
      <h2 id="handles-heading">Handles</h2>
    </section>
  )
}
