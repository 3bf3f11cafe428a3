import { useSuspenseQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { draftQueries } from '../../data/drafts/draft-queries'
import type { ComposeDraft } from '../../data/drafts/draft-store'
import { ComposeForm } from './compose-form'

type ComposeViewProps = {
  /** Buttons other features add beside the form's own (e.g. "Save preset"), given the live draft. */
  extraActions?: (draft: ComposeDraft) => ReactNode
  /** Panels other features add under the form (e.g. batch invites), given the live draft. */
  belowForm?: (draft: ComposeDraft) => ReactNode
}

export function ComposeView({ extraActions, belowForm }: ComposeViewProps) {
  const { data: stored } = useSuspenseQuery(draftQueries.current())
  // A new revision (a preset or history entry opened as a draft) remounts the form with new
  // defaultValues: server state is never synced into live form state.
  return (
    <ComposeForm
      key={stored.revision}
      initialValues={stored.values}
      source={stored.source}
      extraActions={extraActions}
      belowForm={belowForm}
    />
  )
}
