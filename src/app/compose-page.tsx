import { ComposeView } from '../features/compose/compose-view'
import { ResponsePanel } from '../features/response/response-panel'

export function ComposePage() {
  return (
    <div className="compose-page">
      <ComposeView />
      <ResponsePanel />
    </div>
  )
}
