import { css } from 'lit';
import { buttons, tokens } from '../shared/base.styles.js';

export default [
  tokens,
  buttons,
  css`
    :host {
      display: block;
    }
    [part='base'] {
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
    }
    [part='list'] {
      list-style: none;
      margin: 0;
      padding: 0;
      max-height: var(--tc-list-max-height, none);
      overflow: auto;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    [part='list'].virtual {
      /* Windowing needs a bounded scroller, and the browser must not shift the view when rows
         above are swapped for a spacer. */
      max-height: var(--tc-list-max-height, 70vh);
      overflow-anchor: none;
    }
    [part~='row'] {
      box-sizing: border-box;
      width: 100%;
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      grid-template-areas: 'main join' 'meta join';
      align-items: center;
      column-gap: var(--_gap);
      row-gap: 0.15rem;
      padding: 0.6rem 0.75rem;
      border-bottom: 1px solid var(--_border);
      cursor: pointer;
    }
    [part~='row']:last-child {
      border-bottom: 0;
    }
    [part~='row']:hover,
    [part~='row-selected'] {
      background: var(--_surface-alt);
    }
    [part~='row-selected'] {
      box-shadow: inset 3px 0 0 var(--_accent);
    }
    [part~='row']:focus-visible {
      outline: var(--_focus);
      outline-offset: -2px;
    }
    .main {
      grid-area: main;
      display: flex;
      align-items: baseline;
      gap: var(--_gap);
      min-width: 0;
    }
    .meta {
      grid-area: meta;
      display: flex;
      flex-wrap: wrap;
      column-gap: 1rem;
      color: var(--_muted);
      font-size: 0.9em;
    }
    [part='topic'] {
      /* Topics are what people scan for: two lines before clipping, the full text in the tooltip. */
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      line-clamp: 2;
      overflow: hidden;
      overflow-wrap: anywhere;
      font-weight: 600;
    }
    [part~='badge'] {
      flex: none;
      padding: 0 0.45rem;
      border: 1px solid currentColor;
      border-radius: 999px;
      font-size: 0.8em;
      line-height: 1.5;
      color: var(--_muted);
    }
    [part~='badge-live'] {
      border-color: var(--_live);
      background: var(--_live);
      color: var(--_live-text);
    }
    [part~='badge-scheduled'] {
      color: var(--_accent);
    }
    [part='join'] {
      grid-area: join;
      /* The row's own background shows through (selected and hovered rows). */
      background: transparent;
    }
    [part='skeleton'] {
      display: grid;
      gap: 0.75rem;
      padding: 0.75rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .bone-row {
      display: grid;
      gap: 0.35rem;
    }
    .bone {
      display: block;
      height: 0.8rem;
      width: 40%;
      border-radius: 4px;
      background: var(--_surface-alt);
      animation: pulse 1.2s ease-in-out infinite alternate;
    }
    .bone.wide {
      width: 70%;
      height: 1rem;
    }
    @keyframes pulse {
      to {
        opacity: 0.45;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .bone {
        animation: none;
      }
    }
    [part='empty'],
    [part='signed-out'] {
      margin: 0;
      padding: 1rem;
      color: var(--_muted);
      text-align: center;
    }
    [part='error'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_gap);
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--_danger);
      border-radius: var(--_radius);
      background: var(--_danger-surface);
      color: var(--_danger);
    }
    [part='load-more'] {
      align-self: center;
    }
  `,
];
