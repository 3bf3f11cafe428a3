// The bench's floor: the smallest app built on the same stack as the Workbench (React, React Query,
// react-hook-form, zod) that shows one form with an SCID field. Its bundle size and startup time are
// what the Workbench is compared against, so a slow machine or a library upgrade moves both sides.
import { zodResolver } from '@hookform/resolvers/zod'
import { QueryClient, QueryClientProvider, useMutation } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { useForm } from 'react-hook-form'
import { z } from 'zod'

const schema = z.object({
  scid: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Enter a GUID'),
})
type FormValues = z.infer<typeof schema>

function FloorForm() {
  const { register, handleSubmit, formState } = useForm<FormValues>({
    resolver: zodResolver(schema),
    mode: 'onChange',
    defaultValues: { scid: '' },
  })
  // A mutation keeps React Query's mutation code in the bundle, as the Workbench's Send does.
  const send = useMutation({
    mutationFn: async (values: FormValues) =>
      (await fetch('/echo', { method: 'POST', body: JSON.stringify(values) })).status,
  })
  return (
    <form onSubmit={handleSubmit((values) => send.mutate(values))}>
      <label htmlFor="scid">SCID</label>
      <input id="scid" {...register('scid')} aria-invalid={Boolean(formState.errors.scid)} />
      {formState.errors.scid ? <div role="alert">{formState.errors.scid.message}</div> : null}
      <button type="submit">Send</button>
    </form>
  )
}

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
const queryClient = new QueryClient()
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <FloorForm />
    </QueryClientProvider>
  </StrictMode>,
)
