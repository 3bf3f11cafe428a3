import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import { preloadRoute } from './app/routes'
import './app/app.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
// The view a bookmark or reload opens on is loaded first, so it renders without a fallback.
// (A promise, not a top-level await: with one, the bundler splits the entry into many chunks.)
void preloadRoute(window.location.pathname).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
)
