import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  [part='error'] {
    margin: 0 0 0.5rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--tc-color-danger, #b42318);
    border-radius: var(--tc-radius, 6px);
    color: var(--tc-color-danger, #b42318);
    background: var(--tc-color-danger-surface, #fef3f2);
    font: var(--tc-font, 0.875rem/1.4 system-ui, sans-serif);
  }
  [part='notice'] {
    margin: 0 0 0.5rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--tc-color-border, #d0d5dd);
    border-radius: var(--tc-radius, 6px);
    font: var(--tc-font, 0.875rem/1.4 system-ui, sans-serif);
  }
  [part='error'] ul {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.25rem;
  }
  @media (prefers-color-scheme: dark) {
    [part='error'] {
      color: var(--tc-color-danger, #fda29b);
      background: var(--tc-color-danger-surface, #55160c);
    }
  }
`;
