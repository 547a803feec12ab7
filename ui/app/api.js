// @ts-check
// Calling the Rust side: the typed functions of gen/commands.js with the busy indicator, and
// errors shown as the short sentence Rust wrote (where to fix it) with the details behind "자세히".
import { $, clear, el } from "./dom.js";
import { t } from "./i18n.js";
import { app } from "./state.js";

export * as cmd from "./gen/commands.js";

/**
 * For views that ask again before an earlier answer arrived (another lab picked, a lesson
 * clicked, a search typed): each call starts a turn and returns whether that turn is still the
 * newest, so a slower, older answer — or its error — never replaces a newer one.
 * @returns {() => () => boolean}
 */
export function newest() {
  let turn = 0;
  return function () {
    const mine = ++turn;
    return function () { return mine === turn; };
  };
}

/**
 * Waits for `pending` with the busy indicator showing `label`.
 * @template T
 * @param {() => Promise<T>} run
 * @param {string} [label]
 * @returns {Promise<T>}
 */
export function busy(run, label) {
  app.busy += 1;
  $("#busy-text").textContent = label || t("common-loading");
  $("#busy").hidden = false;
  /** @type {Promise<T>} */
  let pending;
  // A synchronous throw (a missing bridge) must not leave the count raised.
  try { pending = Promise.resolve(run()); } catch (e) { pending = Promise.reject(e); }
  return pending.finally(function () {
    app.busy -= 1;
    if (app.busy <= 0) { app.busy = 0; $("#busy").hidden = true; }
  });
}

/**
 * The short sentence of an error: a UiError's headline, else its text.
 * @param {any} err
 * @returns {string}
 */
export function messageOf(err) {
  if (!err) return t("common-error");
  if (typeof err === "string") return err;
  if (err.headline) return err.headline;
  if (err.message) return err.message;
  return JSON.stringify(err);
}

/**
 * An error as the window shows it anywhere: the sentence, and the library's own words behind
 * "자세히" when they say more.
 * @param {any} err
 * @param {{ open?: boolean }} [how] `open`: the details shown at once (a form field's own reason)
 * @returns {any}
 */
export function errorView(err, how) {
  const box = el("span", { class: "error-view", "data-code": (err && err.code) || null });
  box.appendChild(el("span", { class: "error-headline", text: messageOf(err) }));
  if (err && err.headline && err.message && err.message !== err.headline) {
    box.appendChild(el("details", { class: "error-details", open: how && how.open ? "open" : null }, [
      el("summary", { text: t("ui-error-details") }), el("pre", { class: "error-message", text: err.message })]));
  }
  return box;
}

/** @param {any} err */
export function showError(err) {
  clear($("#error-text")).appendChild(errorView(err));
  $("#error").hidden = false;
}

export function hideError() { $("#error").hidden = true; }
