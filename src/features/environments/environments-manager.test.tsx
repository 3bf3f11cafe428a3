import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { resetWorkbenchDBConnection } from '../../lib/db'
import { listEnvironments } from '../../data/environments/environment-store'
import { renderWithProviders } from '../../testing/render-with-providers'
import { EnvironmentsManager } from './environments-manager'
import { EnvironmentMenu } from './environment-menu'
import { exportFileName } from './environment-editor'

afterEach(async () => {
  await resetWorkbenchDBConnection()
  indexedDB.deleteDatabase('handles-workbench')
})

async function create(name: string) {
  await userEvent.clear(screen.getByLabelText('New environment name'))
  await userEvent.type(screen.getByLabelText('New environment name'), name)
  await userEvent.click(screen.getByRole('button', { name: 'Create environment' }))
  await screen.findByText(`Created "${name}".`)
}

describe('Settings → Environments', () => {
  it('creates one with the suggested variables, edits and saves it, and the top bar lists it', async () => {
    renderWithProviders(
      <>
        <EnvironmentMenu />
        <EnvironmentsManager />
      </>,
    )
    await create('Dev')
    for (const key of ['scid', 'titleId', 'templateName', 'sandbox', 'upstream', 'actAs'])
      expect(screen.getByLabelText(`Value of ${key}`)).toHaveValue('')
    await userEvent.type(screen.getByLabelText('Value of scid'), 'my-scid')
    expect(screen.getByText(/Unsaved changes/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Save environment' }))
    await screen.findByText('Saved Dev.')
    expect((await listEnvironments())[0]?.variables[0]).toMatchObject({ value: 'my-scid' })
    const menu = screen.getByLabelText('Environment')
    await waitFor(() =>
      expect(
        within(menu)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['No environment', 'Dev']),
    )
  })

  it('marks a repeated or brace-holding variable name at its field and does not save it', async () => {
    renderWithProviders(<EnvironmentsManager />)
    await create('Dev')
    const second = screen.getByLabelText('Name of variable 2')
    await userEvent.clear(second)
    await userEvent.type(second, 'scid')
    expect(second).toHaveAttribute('aria-invalid', 'true')
    expect(second).toHaveAccessibleDescription('scid is already listed above')
    expect(screen.getByRole('button', { name: 'Save environment' })).toBeDisabled()
    await userEvent.clear(second)
    await userEvent.type(second, 'a{{b')
    expect(second).toHaveAccessibleDescription('Variable name cannot contain { or }')
  })

  it('refuses a file that is not an environment with a message naming the file', async () => {
    renderWithProviders(<EnvironmentsManager />)
    const file = new File(['{"info": {}, "item": []}'], 'collection.json', {
      type: 'application/json',
    })
    await userEvent.upload(screen.getByLabelText('Import environment'), file)
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'collection.json: This is a Postman collection, not an environment',
    )
    expect(await listEnvironments()).toEqual([])
  })

  it('deletes only after the confirmation', async () => {
    renderWithProviders(<EnvironmentsManager />)
    await create('Dev')
    await userEvent.click(screen.getByRole('button', { name: 'Delete…' }))
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(await listEnvironments()).toHaveLength(1)
    await userEvent.click(screen.getByRole('button', { name: 'Delete…' }))
    await userEvent.click(screen.getByRole('button', { name: 'Delete environment' }))
    expect(await screen.findByText('No environments yet.')).toBeInTheDocument()
    expect(await listEnvironments()).toEqual([])
  })

  it('names an export as Postman does', () => {
    expect(exportFileName('Dev / Cert')).toBe('Dev_Cert.postman_environment.json')
    expect(exportFileName('  ')).toBe('environment.postman_environment.json')
  })
})
