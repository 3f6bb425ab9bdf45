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
    [part='user'] {
      font-weight: 600;
    }
    [part='error'] {
      color: var(--_danger);
    }
  `,
];
