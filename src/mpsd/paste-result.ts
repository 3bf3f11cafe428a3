// What a paste gives the form, whatever was pasted (a handle body, a Multiplayer Activity body, a
// curl command): the request, which of its fields the text said, and every key it could not map,
// each with why.
import type { BodyNote } from './handle-body-fields'
import type { RequestEntity } from './request-entity'
import { fieldsOf, type RequestField, type RequestFields } from './request-fields'

export type PasteNote = BodyNote

export type PasteResult =
  | {
      ok: true
      /** The pasted request; a paste without a `type` is read as an invite. */
      request: RequestEntity
      /** What the text set, in the order it said it: only these replace what the form holds. */
      filled: Array<'kind' | RequestField>
      /** Where the text had `{placeholder}`s (`inviteAttributes.titleId`…). */
      placeholders: string[]
      /** The fields those placeholders were for: a paste keeps what the form holds in them. */
      placeholderFields: RequestField[]
      /**
       * Fields the text could not give: a Multiplayer Activity body pasted without its URL says
       * nothing of the title or the user (they are in the path), so the form keeps its values.
       */
      unsaid: RequestField[]
      /**
       * 'sessionRef' when the text was a session reference alone (no type, only its fields): it
       * replaces the session reference, not the whole request.
       */
      scope: 'request' | 'sessionRef'
      /** Keys that were not mapped, each with why. */
      unmapped: PasteNote[]
      /** True when the text was not strict JSON and had to be repaired. */
      repaired: boolean
    }
  | { ok: false; error: string }

export type PastedRequest = Extract<PasteResult, { ok: true }>

/** The form values a paste sets: only the fields it said, with the text it gave. */
export function pastedFields(pasted: PastedRequest): Partial<RequestFields> {
  const all = fieldsOf(pasted.request)
  return Object.fromEntries(pasted.filled.map((key) => [key, all[key]]))
}
