import type { ReactNode } from 'react'

type AlertProps = {
  children: ReactNode
  /** The element it renders: a paragraph for a sentence, a div for several, a list for items. */
  as?: 'p' | 'div' | 'ul' | 'span'
  /** 'box' is the red panel; 'inline' is text in the flow (a 404 page, next to a button). */
  variant?: 'box' | 'inline'
  'aria-label'?: string
}

/**
 * A failure the user must hear: role="alert" makes screen readers announce it as it appears
 * (the team's rule for failures), and e2e journeys find failures by that role.
 */
export function Alert({ children, as: Tag = 'p', variant = 'box', ...rest }: AlertProps) {
  return (
    <Tag role="alert" className={variant === 'box' ? 'alert' : undefined} {...rest}>
      {children}
    </Tag>
  )
}
