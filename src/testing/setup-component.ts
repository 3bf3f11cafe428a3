import '@testing-library/jest-dom/vitest'
import 'fake-indexeddb/auto'
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'

// The composer's rules load after its first render (decision 004): on a busy 2-core CI machine the
// first check can take longer than Testing Library's default 1 s wait, which is not a failure a user
// would see. findBy/waitFor still fail when a message never comes.
configure({ asyncUtilTimeout: 5000 })

afterEach(() => {
  cleanup()
  localStorage.clear()
  sessionStorage.clear()
})
