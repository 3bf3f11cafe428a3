// The batch sends the Compose draft's invite once per XUID: the draft as a template, and its
// problems (other than the XUID, which the batch supplies) judged by the mpsd schemas.
import type { ComposeDraft } from '../../data/drafts/draft-store'
import type { BatchTemplate } from '../../data/batch/batch-run'
import { inviteBodyFor } from '../../data/batch/batch-send'
import { inviteBodySchema } from '../../mpsd/schemas'

export function templateFromDraft(draft: ComposeDraft): BatchTemplate {
  return {
    scid: draft.scid.trim(),
    templateName: draft.templateName.trim(),
    sessionName: draft.sessionName.trim(),
    titleId: draft.titleId.trim(),
    ...(draft.context ? { context: draft.context } : {}),
    ...(draft.contextString.trim() ? { contextString: draft.contextString } : {}),
    ...(draft.senderString.trim() ? { senderString: draft.senderString } : {}),
  }
}

/** The draft's problems, other than the XUID (which the batch supplies), from the mpsd schemas. */
export function templateIssues(template: BatchTemplate): string[] {
  const parsed = inviteBodySchema.safeParse(inviteBodyFor(template, '1'))
  if (parsed.success) return []
  return parsed.error.issues.filter((i) => i.path.join('.') !== 'invitedXuid').map((i) => i.message)
}
