// Query factory for history: keys go from generic to specific (history > list(filter) > detail(id)).
export const historyQueries = {
  all: () => ['history'] as const,
}
