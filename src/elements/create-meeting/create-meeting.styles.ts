import { css } from 'lit';
import { buttons, tokens } from '../shared/base.styles.js';

export default [
  tokens,
  buttons,
  css`
  :host {
    display: block;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      color-scheme: dark;
    }
  }
  form,
  fieldset.plain {
    display: grid;
    gap: var(--_gap);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  fieldset[part~='schedule'],
  fieldset[part~='days'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  legend {
    padding: 0;
    margin-bottom: 0.25rem;
  }
  [part~='field'] {
    display: grid;
    gap: 0.25rem;
    min-width: 0;
  }
  [part~='label'] {
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  .row > [part~='field'] {
    flex: 1 1 9rem;
  }
  .row > [part~='invitee-input'] {
    flex: 1 1 12rem;
  }
  [part~='input'] {
    box-sizing: border-box;
    width: 100%;
    min-width: 0;
    min-height: 2.25rem;
    padding: 0.375rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
  }
  textarea[part~='input'] {
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    outline-color: var(--_danger);
  }
  [part~='schedule-option'],
  [part~='day'],
  [part~='allow-guests'] {
    display: inline-flex;
    gap: 0.375rem;
    align-items: center;
  }
  input[type='radio'],
  input[type='checkbox'] {
    accent-color: var(--_accent);
    margin: 0;
  }
  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  [part~='field-error'] {
    color: var(--_danger);
  }
  [part~='hint'] {
    color: var(--_muted);
    font-size: 0.9em;
  }
  [part~='invitees'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part~='invitee'] {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    padding: 0.125rem 0.25rem 0.125rem 0.625rem;
    border-radius: 999px;
    background: var(--_surface-alt);
    overflow-wrap: anywhere;
  }
  [part~='remove-invitee'] {
    min-height: 0;
    padding: 0 0.4rem;
    border: 0;
    border-radius: 999px;
    background: transparent;
    color: inherit;
    font-size: 1.1em;
    line-height: 1.4;
  }
  [part~='submit'] {
    font-weight: 600;
  }
  [part~='error'] {
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    background: var(--_danger-surface);
    color: var(--_danger);
  }
  [part~='error'] p,
  [part~='error'] ul {
    margin: 0 0 0.375rem;
  }
  [part~='status']:empty {
    display: none;
  }
  [part~='notice'] {
    margin: 0;
    color: var(--_muted);
  }
`,
];
