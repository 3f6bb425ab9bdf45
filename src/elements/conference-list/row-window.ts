/**
 * Windowing for long lists: which rows to render for the scroller's position, assuming rows of
 * about equal height (the average of the rendered ones). The rows outside the window are stood in
 * for by two spacers, so the scrollbar matches the whole list.
 *
 * This replaced @lit-labs/virtualizer, which alone was ~31 KB minified (~10 KB gzip): a third of
 * the script-tag bundle's 30 KB gzip budget (DESIGN.md) for one feature of one element.
 */
export interface RowWindow {
  /** First row rendered. */
  start: number;
  /** One past the last row rendered. */
  end: number;
  /** Pixels standing in for the rows before `start` and after `end`. */
  before: number;
  after: number;
}

/** Rows rendered beyond each edge of the view, so scrolling a little shows no gap. */
const MARGIN = 8;

export function rowWindow(count: number, scrollTop: number, viewport: number, rowHeight: number): RowWindow {
  const start = Math.min(count, Math.max(0, Math.floor(scrollTop / rowHeight) - MARGIN));
  const end = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + MARGIN);
  return { start, end, before: start * rowHeight, after: (count - end) * rowHeight };
}
