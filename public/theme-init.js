// Sets the theme before the first paint, so a dark page never flashes light (decision 130). A
// classic script in <head>: the page's Content-Security-Policy allows no inline script. Keep in
// step with src/lib/theme.ts and the key in src/lib/ui-prefs.ts.
/* global window, document */
;(function () {
  var choice = 'system'
  try {
    var stored = JSON.parse(localStorage.getItem('handles-workbench.ui') || '{}')
    if (stored && (stored.theme === 'light' || stored.theme === 'dark')) choice = stored.theme
  } catch {
    // Storage blocked or damaged: follow the system.
  }
  var dark =
    choice === 'dark' ||
    (choice === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches)
  document.documentElement.dataset.theme = dark ? 'dark' : 'light'
})()
