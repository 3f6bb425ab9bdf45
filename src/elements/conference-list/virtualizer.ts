import type { TemplateResult } from 'lit';
import type { VirtualizeDirectiveConfig } from '@lit-labs/virtualizer/virtualize.js';

export type Virtualize = <T>(config: VirtualizeDirectiveConfig<T> & { renderItem: (item: T, index: number) => TemplateResult }) => unknown;

let ref: symbol | undefined;

/** Loads @lit-labs/virtualizer on first need (a separate chunk for per-element imports). */
export async function loadVirtualizer(): Promise<Virtualize> {
  const module = await import('@lit-labs/virtualizer/virtualize.js');
  ref = module.virtualizerRef;
  return module.virtualize as Virtualize;
}

/** Brings a row that is not rendered yet into view so it can be focused. */
export function scrollToIndex(host: HTMLElement, index: number): void {
  if (!ref) return;
  const virtualizer = (host as unknown as Record<symbol, { element(i: number): { scrollIntoView(o?: ScrollIntoViewOptions): void } | undefined } | undefined>)[ref];
  virtualizer?.element(index)?.scrollIntoView({ block: 'nearest' });
}
