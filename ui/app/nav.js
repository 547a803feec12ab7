// @ts-check
// Switching views. Each view module registers its renderer here, so views can open each other
// without importing each other in a circle.
import { $all } from "./dom.js";
import { hideError, showError } from "./api.js";
import { app } from "./state.js";

/** @type {Record<string, () => void>} */
const renderers = {};
/** @type {Array<() => void>} */
const leaving = [];

/**
 * @param {string} view
 * @param {() => void} render
 */
export function register(view, render) { renderers[view] = render; }

/** Runs `fn` whenever the window leaves the lab runner (auto re-check stops). @param {() => void} fn */
export function onLeaveLabs(fn) { leaving.push(fn); }

/** @param {string} view */
export function show(view) {
  app.view = view;
  $all(".view").forEach(function (v) { v.hidden = v.id !== "view-" + view; });
  $all(".nav").forEach(function (b) { b.classList.toggle("active", b.getAttribute("data-view") === view); });
  if (view !== "labs") leaving.forEach(function (fn) { fn(); });
  hideError();
  try { renderers[view](); } catch (e) { showError(e); }
}
