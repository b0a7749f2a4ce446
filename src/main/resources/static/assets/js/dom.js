// A tiny element builder: no framework, no inline styles or handlers in markup (the page's CSP).

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value == null || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2), value);
      } else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key === 'value') el.value = value;
      else if (key === 'checked') el.checked = value;
      else if (value === true) el.setAttribute(key, '');
      else el.setAttribute(key, value);
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** User-given text (names, codes): not translated, kept left to right inside Persian text. */
export function name(text) {
  return h('bdi', { class: 'name', translate: 'no' }, text);
}

/**
 * Replaces the children of root and puts the keyboard focus back on the element with the same
 * data-focus key, so a re-render never throws a keyboard player out of the hand.
 */
export function replace(root, ...children) {
  const active = document.activeElement;
  const key = active && root.contains(active) ? active.dataset.focus : null;
  root.replaceChildren();
  append(root, children);
  if (key) {
    const again = root.querySelector(`[data-focus="${CSS.escape(key)}"]`);
    if (again) again.focus({ preventScroll: true });
  }
}
