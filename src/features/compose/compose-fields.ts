// The composer's text fields and their labels. Apart from the form's schema module because the
// first render needs the labels and not the schema (which loads beside it, see compose-form.tsx).
import type { ComposeDraft } from '../../data/drafts/draft-store'

export type ComposeField = Exclude<keyof ComposeDraft, 'type'>

export const FIELD_LABELS: Record<ComposeField, string> = {
  scid: 'SCID',
  templateName: 'Template name',
  sessionName: 'Session name',
  invitedXuid: 'Invited XUID',
  titleId: 'Title ID',
  context: 'Context',
  contextString: 'Context string',
  senderString: 'Sender string',
}
