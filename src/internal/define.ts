/**
 * Registers a custom element once. Several copies of the library on one page (two portal
 * web parts, say) must not throw "name already used"; the first definition wins.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag);
  if (existing === undefined) customElements.define(tag, ctor);
  else if (existing !== ctor) console.warn(`tc-widgets: <${tag}> is already defined by another copy; keeping the first.`);
}
