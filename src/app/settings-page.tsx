// Settings with the identities' parts (the simulated players and, loaded with the page, sign-in)
// and the simulator's rules.
import { SettingsView } from '../features/settings/settings-view'
import { SimRulesSection } from '../features/settings/sim-rules-section'
import { RosterEditor } from '../features/identities/roster-editor'
import { SignInPanel } from '../features/identities/sign-in-panel'

export function SettingsPage() {
  return (
    <>
      <SettingsView />
      <section className="panel" aria-label="Identities">
        <SignInPanel />
        <RosterEditor />
      </section>
      <SimRulesSection />
    </>
  )
}
