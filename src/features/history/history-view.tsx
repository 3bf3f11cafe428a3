export function HistoryView() {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
    </section>
  )
}
