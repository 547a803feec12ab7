// @ts-check
// The window's DOM helpers. Everything is built with textContent; `html` is only for HTML the
// Rust side produced and sanitised (lessons, lab text, topology SVG).

/**
 * The first element matching `sel` (views look up elements they own, so it is there).
 * @param {string} sel
 * @param {ParentNode} [root]
 * @returns {any}
 */
export function $(sel, root) { return (root || document).querySelector(sel); }

/**
 * Every element matching `sel`.
 * @param {string} sel
 * @param {ParentNode} [root]
 * @returns {any[]}
 */
export function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

/**
 * An element with attributes (`text`, `class`, `html`, `on<event>`, or plain attributes) and children.
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {Array<Node | string | null | undefined | false>} [children]
 * @returns {any}
 */
export function el(tag, attrs, children) {
  const e = document.createElement(tag);
  const a = attrs || {};
  Object.keys(a).forEach(function (k) {
    if (k === "text") e.textContent = a[k];
    else if (k === "class") e.className = a[k];
    else if (k === "html") e.innerHTML = a[k];
    else if (k.indexOf("on") === 0) e.addEventListener(k.slice(2), a[k]);
    else if (a[k] !== null && a[k] !== undefined && a[k] !== false) e.setAttribute(k, a[k]);
  });
  (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
  return e;
}

/**
 * Empties `node` and returns it.
 * @param {any} node
 * @returns {any}
 */
export function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
