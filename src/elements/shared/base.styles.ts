import { css } from 'lit';

/**
 * Design tokens and the button look shared by the tc-* elements. Every colour is a `--tc-*`
 * custom property with a light and a dark fallback (by `prefers-color-scheme`), so pages theme
 * all elements at once.
 */
export const tokens = css`
  :host {
    --_font: var(--tc-font, 0.875rem/1.4 system-ui, sans-serif);
    --_radius: var(--tc-radius, 6px);
    --_gap: var(--tc-gap, 0.5rem);
    --_text: var(--tc-color-text, #1f2328);
    --_muted: var(--tc-color-muted, #57606a);
    --_surface: var(--tc-color-surface, #ffffff);
    --_surface-alt: var(--tc-color-surface-alt, #f3f4f6);
    --_border: var(--tc-color-border, #d0d7de);
    --_accent: var(--tc-color-accent, #0b57d0);
    --_accent-text: var(--tc-color-accent-text, #ffffff);
    --_live: var(--tc-color-live, #b42318);
    --_live-text: var(--tc-color-live-text, #ffffff);
    --_success: var(--tc-color-success, #116329);
    --_danger: var(--tc-color-danger, #b42318);
    --_danger-surface: var(--tc-color-danger-surface, #fef3f2);
    --_focus: var(--tc-focus-ring, 2px solid #0b57d0);
    font: var(--_font);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--tc-color-text, #e6edf3);
      --_muted: var(--tc-color-muted, #9da7b3);
      --_surface: var(--tc-color-surface, #0d1117);
      --_surface-alt: var(--tc-color-surface-alt, #161b22);
      --_border: var(--tc-color-border, #30363d);
      --_accent: var(--tc-color-accent, #8ab4f8);
      --_accent-text: var(--tc-color-accent-text, #0d1117);
      --_live: var(--tc-color-live, #f97066);
      --_live-text: var(--tc-color-live-text, #0d1117);
      --_success: var(--tc-color-success, #56d364);
      --_danger: var(--tc-color-danger, #fda29b);
      --_danger-surface: var(--tc-color-danger-surface, #55160c);
      --_focus: var(--tc-focus-ring, 2px solid #8ab4f8);
      /* Portals often stay white when the person prefers dark: paint our own surface so light
         text never lands on a light page. Set --tc-color-surface to the page's colour to blend in. */
      color-scheme: dark;
      background: var(--_surface);
      border-radius: var(--_radius);
    }
  }
  :host([hidden]) {
    display: none !important;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

export const buttons = css`
  button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    min-height: 2rem;
    padding: 0.3rem 0.85rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_accent-text);
    cursor: pointer;
    white-space: nowrap;
  }
  button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  button:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  button:disabled {
    cursor: not-allowed;
    border-color: var(--_border);
    background: var(--_surface-alt);
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }
`;
