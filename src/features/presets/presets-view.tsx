export function PresetsView() {
  return (
    <section aria-labelledby="presets-heading">
      <h2 id="presets-heading">Presets</h2>
    </section>
  )
}
