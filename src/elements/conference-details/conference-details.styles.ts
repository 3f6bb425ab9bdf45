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
    [part~='base'] {
      display: grid;
      gap: calc(var(--_gap) * 1.5);
    }
    [part~='header'] {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: var(--_gap);
    }
    [part~='title'] {
      margin: 0;
      font-size: 1.25em;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    [part~='state'] {
      padding: 0.05rem 0.5rem;
      border-radius: 999px;
      background: var(--_surface-alt);
      color: var(--_muted);
      font-size: 0.85em;
      white-space: nowrap;
    }
    [part~='state-live'] {
      background: var(--_live);
      color: var(--_live-text);
    }
    [part~='facts'] {
      display: grid;
      gap: 0.25rem;
      margin: 0;
    }
    [part~='facts'] > div {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.5rem;
    }
    dt {
      min-width: 5rem;
      color: var(--_muted);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .zone {
      display: block;
      color: var(--_muted);
    }
    [part~='description'] {
      margin: 0;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    [part~='section'] {
      display: grid;
      gap: 0.25rem;
    }
    [part~='section-title'] {
      margin: 0;
      font-size: 1em;
      font-weight: 600;
    }
    [part~='invitees'],
    [part~='participants'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    [part~='invitee'],
    [part~='participant'] {
      padding: 0.125rem 0.625rem;
      border-radius: 999px;
      background: var(--_surface-alt);
      overflow-wrap: anywhere;
    }
    [part~='role'] {
      color: var(--_muted);
      font-size: 0.85em;
    }
    [part~='empty'],
    [part~='notice'],
    [part~='loading'],
    [part~='not-found'] {
      margin: 0;
      color: var(--_muted);
    }
    [part~='invite-form'] {
      display: grid;
      gap: 0.25rem;
    }
    [part~='invite-label'] {
      font-weight: 600;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    [part~='invite-input'] {
      flex: 1 1 12rem;
      box-sizing: border-box;
      min-height: 2rem;
      padding: 0.3rem 0.5rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: inherit;
      font: inherit;
    }
    [part~='invite-input']:focus-visible {
      outline: var(--_focus);
      outline-offset: 2px;
    }
    [aria-invalid='true'] {
      border-color: var(--_danger);
    }
    [part~='field-error'] {
      color: var(--_danger);
    }
    [part~='status']:empty {
      display: none;
    }
    [part~='error'] {
      margin: 0;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--_danger);
      border-radius: var(--_radius);
      background: var(--_danger-surface);
      color: var(--_danger);
    }
    [part~='error'] p {
      margin: 0 0 0.375rem;
    }
    [part~='error'].quiet {
      padding: 0.25rem 0.5rem;
    }
  `,
];
