// The composer's text fields and their labels. Apart from the form's schema module because the
// first render needs the labels and not the schema (which loads beside it, see compose-form.tsx);
// derived from the request entity's zod-free field table (decision 004).
import { REQUEST_FIELD_NAMES, REQUEST_FIELDS, type RequestField } from '../../mpsd/request-fields'

export type ComposeField = RequestField

export const FIELD_LABELS = Object.fromEntries(
  REQUEST_FIELD_NAMES.map((name) => [name, REQUEST_FIELDS[name].label]),
) as Record<ComposeField, string>
