import { css } from 'lit';
import { buttons, tokens } from '../shared/base.styles.js';

export default [
  tokens,
  buttons,
  css`
    :host {
      display: inline-block;
    }
    [part='base'] {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_gap);
    }
    button.live {
      border-color: var(--_live);
      background: var(--_live);
      color: var(--_live-text);
    }
    [part='countdown'],
    [part='reason'],
    [part='call-reason'] {
      color: var(--_muted);
      font-size: 0.9em;
    }
    [part='error'] {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_gap);
      color: var(--_danger);
    }
    .guest {
      display: inline-flex;
      align-items: center;
      gap: 0.35em;
    }
    [part='guest-link'] {
      font: inherit;
      min-width: 16em;
      padding: 0.2rem 0.4rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
    }
  `,
];
