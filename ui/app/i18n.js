// @ts-check
// The window's words, from the message catalogue (messages.js, generated from the Fluent files).
import { $all, el } from "./dom.js";
import { app } from "./state.js";

/** @type {Record<string, Record<string, string>>} */
// @ts-ignore: set by messages.js, loaded before the modules
const I18N = window.SANDPIT_I18N;

/**
 * The message `key` in the window's language, `{name}` filled from `vars`.
 * @param {string} key
 * @param {Record<string, any>} [vars]
 * @returns {string}
 */
export function t(key, vars) {
  let s = (I18N[app.lang] && I18N[app.lang][key]) || I18N.ko[key] || key;
  if (vars) Object.keys(vars).forEach(function (k) { s = s.split("{" + k + "}").join(String(vars[k])); });
  return s;
}

export const STATUS_KEYS = { pass: "lab-status-pass", fail: "lab-status-fail", error: "lab-status-error",
  blocked: "lab-status-blocked", partial: "lab-status-partial", skipped: "step-status-skipped", none: "lab-status-none" };

/** @param {string | null | undefined} status */
export function statusLabel(status) {
  const key = /** @type {Record<string, string>} */ (STATUS_KEYS)[status || "none"];
  return t(key || "lab-status-none");
}

/** @param {string | null | undefined} status */
export function statusBadge(status) {
  return el("span", { class: "badge status-" + (status || "none"), text: statusLabel(status) });
}

/**
 * A time of day in the window's language (`오후 3:04:05` in Korean).
 * @param {string} iso
 */
export function timeOf(iso) {
  return new Date(iso).toLocaleTimeString(app.lang === "ko" ? "ko-KR" : "en-GB");
}

/** Puts the window's static words in its language. */
export function applyLang() {
  document.documentElement.lang = app.lang;
  $all("[data-i18n]").forEach(function (n) { n.textContent = t(n.getAttribute("data-i18n")); });
  $all("[data-i18n-placeholder]").forEach(function (n) { n.placeholder = t(n.getAttribute("data-i18n-placeholder")); });
}
