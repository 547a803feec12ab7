// @ts-check
// Sandpit desktop window: plain ES modules, no bundler, no remote content, no inline script or
// style (the CSP allows 'self' only). Every action is a typed function of gen/commands.js (the
// one declaration of the commands in src-tauri/src/commands/list.rs) onto the same library the
// `sandpit` CLI uses. One module per view under views/; dom, i18n, api, nav and state are shared.
import { $, $all } from "./dom.js";
import { cmd, hideError, showError } from "./api.js";
import { applyLang, t } from "./i18n.js";
import { show } from "./nav.js";
import { app } from "./state.js";
import { updateChrome } from "./views/home.js";
import { openLesson, onQuizCheck, onSearchInput } from "./views/lessons.js";
import { openLab, stopAuto } from "./views/labs.js";
import { drawTopology } from "./views/topology.js";
import "./views/cost.js";
import { saveSettings, testConnection } from "./views/settings.js";
import { initClass } from "./views/class.js";

/**
 * Links inside lessons and lab text: sandpit://lesson/<id>, sandpit://lab/<id>, #anchors.
 * @param {Event} ev
 */
function onLinkClick(ev) {
  const target = /** @type {any} */ (ev.target);
  const a = target && target.closest && target.closest("a[href]");
  if (!a) return;
  const href = a.getAttribute("href");
  if (href.indexOf("sandpit://lesson/") === 0) {
    ev.preventDefault();
    // A link inside a lesson is followed (Back returns); one in the tree or search opens afresh.
    const follow = !!a.closest("#lesson-content");
    // A link may point into the lesson (`#heading`, or `#^block` for a block reference): open
    // the lesson by its id, then scroll to that element.
    const rest = href.slice("sandpit://lesson/".length);
    const hash = rest.indexOf("#");
    const anchor = hash < 0 ? "" : decodeURIComponent(rest.slice(hash + 1));
    openLesson(decodeURIComponent(hash < 0 ? rest : rest.slice(0, hash)), { follow: follow }).then(function () {
      const element = anchor && document.getElementById(anchor);
      if (element) element.scrollIntoView({ block: "start" });
    });
  } else if (href.indexOf("sandpit://lab/") === 0) {
    ev.preventDefault();
    openLab(decodeURIComponent(href.slice("sandpit://lab/".length)));
  } else if (href.charAt(0) === "#") {
    ev.preventDefault();
    const anchor = document.getElementById(decodeURIComponent(href.slice(1)));
    if (anchor) anchor.scrollIntoView({ behavior: "smooth", block: "start" });
  } else if (/^[a-z]+:/i.test(href)) {
    // No remote content inside the app: external links are not followed here.
    ev.preventDefault();
    showError(t("common-external-link", { href: href }));
  }
}

function start() {
  $all(".nav").forEach(function (b) {
    b.addEventListener("click", function () {
      if (b.getAttribute("data-view") === "labs") { stopAuto(); app.lab = null; }
      show(b.getAttribute("data-view"));
    });
  });
  $("#error-close").addEventListener("click", hideError);
  $("#lesson-search").addEventListener("input", onSearchInput);
  $("#settings-form").addEventListener("submit", saveSettings);
  $("#settings-test").addEventListener("click", testConnection);
  $("#topology-lab").addEventListener("change", function (/** @type {any} */ ev) { drawTopology(ev.target.value); });
  $("#topology-refresh").addEventListener("click", function () { drawTopology($("#topology-lab").value); });
  initClass();
  document.addEventListener("click", onLinkClick);
  document.addEventListener("click", onQuizCheck);
  window.addEventListener("unhandledrejection", function (ev) { showError(ev.reason); });
  window.addEventListener("error", function (ev) { showError(ev.message); });
  cmd.appInfo().then(function (info) {
    app.info = info;
    app.lang = info.lang || "ko";
    applyLang();
    updateChrome();
    show("home");
    document.body.setAttribute("data-ready", "true");
    // Two frames later the first screen is on the glass: tell the backend (benchmark).
    requestAnimationFrame(function () { requestAnimationFrame(function () {
      cmd.firstPaint().then(function (ms) { document.body.setAttribute("data-first-paint-ms", String(ms)); });
    }); });
  }).catch(function (err) {
    show("home");
    showError(err);
    document.body.setAttribute("data-ready", "true");
  });
}

// Modules run after the document is parsed.
start();
