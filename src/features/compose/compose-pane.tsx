// The request pane's frame: the heading, the "Opened from …" notice, the section tabs ("Fields",
// the form itself, then the tabs src/app adds: batch invites, activity tools…) and, under them,
// the preview with its own tabs. Apart from the form so the form's markup stays as it was.
import { useEffect, useState, type ReactNode } from 'react'
import { Tabs, type TabItem } from '../../components/tabs'
import { afterFirstPaint } from '../../lib/after-first-paint'

type ComposePaneProps = {
  source: string | undefined
  sections: ReadonlyArray<TabItem & { opensWhen?: (() => Promise<boolean>) | undefined }>
  preview: ReactNode
  /** The form: the "Fields" tab. */
  children: ReactNode
}

export function ComposePane({ source, sections, preview, children }: ComposePaneProps) {
  const [tab, setTab] = useState('fields')
  // A section that asks for attention when the pane opens (a paused batch run after a reload)
  // comes forward, unless the user has chosen a tab by then. The sections the pane opened with.
  const [opening] = useState(sections)
  useEffect(() => {
    let current = true
    // Asked once the pane is on screen: the questions read storage the first paint need not wait for.
    void afterFirstPaint().then(() => {
      for (const section of opening) {
        if (!current) return
        section
          .opensWhen?.()
          .then((open) => {
            if (open && current) setTab((chosen) => (chosen === 'fields' ? section.id : chosen))
          })
          .catch(() => undefined)
      }
    })
    return () => {
      current = false
    }
  }, [opening])
  return (
    <section className="panel compose" aria-labelledby="compose-heading">
      <h2 id="compose-heading">Compose</h2>
      {source ? <p className="notice">Opened from {source} as a new draft.</p> : null}
      <Tabs
        label="Request sections"
        tabs={[{ id: 'fields', label: 'Fields', content: () => children }, ...sections]}
        selected={tab}
        onSelect={setTab}
        className="compose-sections"
        panelClassName="compose-section-panel"
      />
      {preview}
    </section>
  )
}
