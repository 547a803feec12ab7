// @ts-check
// Settings: the language, an AWS profile found on this machine (names only, read in Rust by the
// SDK's own parser), a region from the list, an endpoint, the progress database; "연결 확인"
// tries them before saving and says who they connect as, or where to fix them.
import { $, $all, clear, el } from "../dom.js";
import { busy, cmd, errorView, showError } from "../api.js";
import { applyLang, t } from "../i18n.js";
import { register } from "../nav.js";
import { app } from "../state.js";
import { showProgressStatus, updateChrome } from "./home.js";

/** @typedef {import("../gen/bindings").Settings} Settings */

/**
 * Fills a select with `choices` (value, label), keeping `current` even when it is not among them.
 * @param {any} select
 * @param {Array<[string, string]>} choices
 * @param {string} current
 */
function fill(select, choices, current) {
  clear(select);
  if (current && !choices.some(function (c) { return c[0] === current; })) choices.push([current, current]);
  choices.forEach(function (c) { select.appendChild(el("option", { value: c[0], text: c[1] })); });
  select.value = current;
}

function renderSettings() {
  const info = app.info;
  const s = info ? info.settings : null;
  $("#set-lang").value = (info && info.lang) || "ko";
  $("#set-endpoint").value = (s && s.endpoint_url) || "";
  $("#set-db").value = (s && s.database_url) || "";
  $("#settings-file").textContent = (info && info.settings_file) || "";
  $("#settings-test-result").hidden = true;
  $all("#settings-form .invalid").forEach(function (n) { n.classList.remove("invalid"); });
  // Until the lists arrive, the current values are the only choices.
  fill($("#set-profile"), [["", t("settings-profile-none")]], (s && s.profile) || "");
  fill($("#set-region"), [["", t("settings-region-pick")]], (s && s.region) || "");
  cmd.awsChoices().then(function (c) {
    const now = app.info ? app.info.settings : null;
    fill($("#set-profile"), /** @type {Array<[string, string]>} */ ([["", t("settings-profile-none")]]).concat(c.profiles.map(function (p) {
      return /** @type {[string, string]} */ ([p.name, p.region ? p.name + " · " + p.region : p.name]);
    })), (now && now.profile) || "");
    $("#set-profile-found").textContent = t("settings-profile-found", { n: c.profiles.length });
    fill($("#set-region"), /** @type {Array<[string, string]>} */ ([["", t("settings-region-pick")]]).concat(c.regions.map(function (r) {
      return /** @type {[string, string]} */ ([r.code, r.name + " · " + r.code]);
    })), (now && now.region) || "");
  }).catch(showError);
}
register("settings", renderSettings);

/** @returns {Settings} */
function formSettings() {
  return { lang: $("#set-lang").value, profile: $("#set-profile").value, region: $("#set-region").value,
    endpoint_url: $("#set-endpoint").value, database_url: $("#set-db").value };
}

/** @param {any} err */
function markField(err) {
  if (err && err.field) {
    const input = $("#settings-form [name='" + err.field + "']");
    if (input) input.classList.add("invalid");
  }
}

/** @param {Event} ev */
export function saveSettings(ev) {
  ev.preventDefault();
  $("#settings-saved").hidden = true;
  $all("#settings-form .invalid").forEach(function (n) { n.classList.remove("invalid"); });
  busy(function () { return cmd.saveSettings(formSettings()); }).then(function (info) {
    app.info = info;
    app.lang = info.lang;
    applyLang();
    updateChrome();
    $("#lesson-tree").removeAttribute("data-lang");
    $("#settings-saved").hidden = false;
    // A new database URL is tried at once: a wrong one is said here, not discovered later.
    return cmd.progressStatus().then(function (s) {
      showProgressStatus(s);
      if (!s.saving) showError(t("progress-notSaved") + ": " + (s.error || ""));
    });
  }).catch(function (err) {
    markField(err);
    showError(err);
  });
}

/** Tries the form's settings without saving them. */
export function testConnection() {
  const out = $("#settings-test-result");
  out.hidden = false;
  out.className = "test-result";
  clear(out).textContent = t("settings-testing");
  $all("#settings-form .invalid").forEach(function (n) { n.classList.remove("invalid"); });
  busy(function () { return cmd.testConnection(formSettings()); }, t("settings-testing")).then(function (who) {
    out.classList.add("ok");
    out.setAttribute("data-state", "ok");
    out.textContent = "✓ " + t("settings-test-ok", { account: who.account, region: who.region }) +
      (who.endpoint_url ? " " + t("settings-test-emulator") : "");
  }).catch(function (err) {
    markField(err);
    out.classList.add("error-text");
    out.setAttribute("data-state", "error");
    clear(out).appendChild(errorView(err));
  });
}
