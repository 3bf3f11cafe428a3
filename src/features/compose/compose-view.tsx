import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { draftQueries } from '../../data/drafts/draft-queries'
import { draftFields } from '../../data/drafts/draft-store'
import type { RequestEntity } from '../../mpsd/request-entity'
import { emptyRequest } from '../../mpsd/request-fields'
import { ComposeForm, type ComposeSection } from './compose-form'

type ComposeViewProps = {
  /** Buttons other features add beside the form's own (e.g. "Save preset"), given the live request. */
  extraActions?: (request: RequestEntity) => ReactNode
  /** Under the form, in its "Fields" tab (the Session panel), given the resolved request. */
  belowForm?: (request: RequestEntity) => ReactNode
  /** Tabs other features add beside the form's "Fields" (e.g. batch invites): src/app's table. */
  sections?: readonly ComposeSection[]
}

export function ComposeView({ extraActions, belowForm, sections }: ComposeViewProps) {
  const queryClient = useQueryClient()
  // Only the revision and its source: autosave updates the cached values on every keystroke, and
  // this view must not re-render the whole form for that (select + structural sharing).
  const { data: opened } = useSuspenseQuery({
    ...draftQueries.current(),
    select: (draft) => ({ revision: draft.revision, source: draft.source }),
  })
  // A new revision (a preset or history entry opened as a draft) remounts the form with new
  // defaultValues: server state is never synced into live form state.
  const stored = queryClient.getQueryData(draftQueries.current().queryKey)
  return (
    <ComposeForm
      key={opened.revision}
      initialValues={draftFields(stored ?? { request: emptyRequest() })}
      source={opened.source}
      extraActions={extraActions}
      belowForm={belowForm}
      sections={sections}
    />
  )
}
