// Query factory for the invite-handle ledger: handles > list(filter) > detail(id).
export const handlesQueries = {
  all: () => ['handles'] as const,
}
