// @ts-check
// Home: where to continue, the labs with their progress, the budget guard, the account — or,
// with no account yet, the two ways to start (connect one in Settings, or the practice sandbox).
import { $, clear, el } from "../dom.js";
import { busy, cmd, errorView, messageOf, showError } from "../api.js";
import { statusLabel, t } from "../i18n.js";
import { register, show } from "../nav.js";
import { app } from "../state.js";
import { loadLabs, openLab } from "./labs.js";

/** @typedef {import("../gen/bindings").StoreStatus} StoreStatus */
/** @typedef {import("../gen/bindings").PracticeView} PracticeView */

export function renderHome() {
  renderContinue();
  renderHomeLabs();
  renderBudgetBanner();
  renderAccount();
  cmd.progressStatus().then(showProgressStatus).catch(showError);
}
register("home", renderHome);

/**
 * The progress store: when checks, lessons opened and quiz answers are not being saved, say so
 * and why (a wrong or unreachable database URL, a data folder that cannot be written).
 * @param {StoreStatus | null} s
 */
export function showProgressStatus(s) {
  const banner = $("#progress-banner");
  if (!banner || !s) return;
  banner.hidden = !!s.saving;
  banner.setAttribute("data-saving", s.saving ? "true" : "false");
  clear(banner);
  if (s.saving) return;
  banner.appendChild(el("strong", { text: t("progress-notSaved") + ": " }));
  banner.appendChild(el("span", { class: "progress-reason", text: s.error || "" }));
  banner.appendChild(el("p", { class: "muted", text: t("progress-notSaved-fix") }));
}

function renderContinue() {
  const body = clear($("#continue-body"));
  const info = app.info;
  const lab = info && info.last_lab;
  const lesson = info && info.last_lesson;
  if (!lab && !lesson) {
    body.appendChild(el("p", { text: t("home-continue-none") }));
    body.appendChild(el("button", { type: "button", class: "button primary", text: t("home-continue-start"),
      onclick: function () { loadLabs().then(function (labs) { if (labs.length) openLab(labs[0].id); }).catch(showError); } }));
    return;
  }
  // Titles, not ids: the id is what the CLI takes, the title is what a learner recognises.
  if (lab) {
    body.appendChild(el("p", {}, [el("span", { class: "muted", text: t("home-continue-lab") + " " }),
      el("a", { href: "sandpit://lab/" + encodeURIComponent(lab.id), class: "lab-link", "data-lab": lab.id, text: lab.title })]));
  }
  if (lesson) {
    body.appendChild(el("p", {}, [el("span", { class: "muted", text: t("home-continue-lesson") + " " }),
      el("a", { href: "sandpit://lesson/" + encodeURIComponent(lesson.id), class: "wikilink", "data-lesson": lesson.id, text: lesson.title })]));
  }
}

function renderHomeLabs() {
  const list = clear($("#home-labs"));
  loadLabs().then(function (labs) {
    labs.forEach(function (lab) {
      const p = lab.progress;
      const pct = p ? Math.round((100 * p.passed) / Math.max(1, p.total)) : 0;
      const bar = el("div", { class: "bar", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100",
        "aria-valuenow": String(pct) }, [el("div", { class: "bar-fill status-" + (p ? p.status : "none") })]);
      bar.firstChild.style.width = pct + "%"; // CSSOM, allowed by the CSP (no inline style attribute)
      list.appendChild(el("li", { "data-lab": lab.id }, [
        el("a", { href: "sandpit://lab/" + encodeURIComponent(lab.id), text: lab.title }),
        // An empty cell when there is no badge: the row is a grid, and the bar keeps its column.
        lab.billable ? el("span", { class: "badge billable", text: t("labs-billable") }) : el("span"),
        bar,
        el("span", { class: "muted", text: p ? p.passed + "/" + p.total + " · " + statusLabel(p.status) : t("home-lab-notchecked") })
      ]));
    });
  }).catch(showError);
}

export function renderBudgetBanner() {
  const banner = $("#budget-banner");
  banner.className = "banner banner-unknown";
  clear(banner).appendChild(el("span", { class: "spinner", "aria-hidden": "true" }));
  banner.appendChild(el("span", { text: " " + t("home-budget-loading") }));
  busy(cmd.budgetStatus, t("home-budget-loading")).then(function (g) {
    app.guard = g;
    clear(banner);
    banner.className = "banner banner-" + g.status;
    banner.setAttribute("data-status", g.status);
    const text = { guarded: "home-budget-guarded", unguarded: "home-budget-unguarded", "over-limit": "home-budget-over" }[g.status];
    banner.appendChild(el("strong", { text: t(text) }));
    if (g.status === "guarded" || g.status === "over-limit") {
      banner.appendChild(el("span", { class: "muted", text: "  " + g.name + " · " + g.limit + " " + g.unit +
        (g.actual !== null && g.actual !== undefined ? " · " + g.actual + " " + g.unit : "") }));
    }
    if (g.status === "unguarded") {
      banner.appendChild(budgetForm(function () { renderBudgetBanner(); }));
    } else if (g.status === "over-limit") {
      banner.appendChild(el("p", { text: t("home-budget-over-fix") }));
    }
  }).catch(function (err) {
    clear(banner);
    banner.className = "banner banner-unknown";
    banner.appendChild(el("strong", { text: t("home-budget-unknown") + ": " }));
    banner.appendChild(errorView(err));
  });
}

/**
 * The one-click fix: limit + e-mail → budget_ensure.
 * @param {() => void} [done]
 */
export function budgetForm(done) {
  const limit = el("input", { type: "number", min: "1", step: "1", value: "22", name: "limit", class: "budget-limit" });
  const email = el("input", { type: "email", name: "email", placeholder: "you@example.com", class: "budget-email" });
  const msg = el("span", { class: "form-msg", role: "status" });
  const form = el("form", { class: "budget-form", novalidate: "novalidate" }, [
    el("strong", { text: t("labs-budget-title") }),
    el("label", {}, [el("span", { text: t("labs-budget-limit") }), limit]),
    el("label", {}, [el("span", { text: t("labs-budget-email") }), email]),
    el("button", { type: "submit", class: "button primary budget-create", text: t("labs-budget-create") }),
    el("small", { class: "muted", text: t("labs-budget-note") }),
    msg
  ]);
  form.addEventListener("submit", function (/** @type {Event} */ ev) {
    ev.preventDefault();
    clear(msg);
    busy(function () { return cmd.budgetEnsure(Number(limit.value), email.value); }, t("labs-budget-create") + "…")
      .then(function () { msg.textContent = t("labs-budget-done"); if (done) done(); })
      .catch(function (err) { msg.appendChild(errorView(err)); msg.classList.add("error-text"); });
  });
  return form;
}

function renderAccount() {
  const body = clear($("#account-body"));
  body.appendChild(el("span", { class: "spinner", "aria-hidden": "true" }));
  busy(cmd.whoami).then(function (who) {
    clear(body);
    body.setAttribute("data-connected", "true");
    body.appendChild(el("dl", { class: "kv" }, [
      el("dt", { text: t("home-account-id") }), el("dd", { text: who.account }),
      el("dt", { text: "ARN" }), el("dd", { text: who.arn }),
      el("dt", { text: t("settings-region") }), el("dd", { text: who.region })
    ]));
    if (who.endpoint_url) {
      body.appendChild(el("p", { class: "warn", text: "⚠ " + t("home-account-emulator") + ": " + who.endpoint_url }));
    }
    cmd.practiceStatus().then(function (p) { if (p.running) body.appendChild(practiceView(p)); }).catch(showError);
  }).catch(function (err) {
    clear(body);
    body.setAttribute("data-connected", "false");
    body.appendChild(el("p", {}, [el("strong", { text: t("home-account-none") })]));
    body.appendChild(errorView(err));
    body.appendChild(connectChoices());
  });
}

// With no account yet: the two ways to start.
function connectChoices() {
  const out = el("div", { class: "practice-progress", id: "practice-progress", role: "status", "aria-live": "polite" });
  const startButton = el("button", { type: "button", class: "button", id: "practice-locally", text: t("practice-start-button") });
  startButton.addEventListener("click", function () {
    startButton.disabled = true;
    clear(out);
    const line = el("span", { class: "practice-stage" });
    out.appendChild(el("span", { class: "spinner", "aria-hidden": "true" }));
    out.appendChild(line);
    cmd.practiceStart(function (p) {
      line.textContent = " " + p.text;
      line.setAttribute("data-stage", p.stage);
    }).then(function () {
      // Everything that depends on where checks go is asked again: the account, the guard, the badge.
      return cmd.appInfo().then(function (info) { app.info = info; updateChrome(); renderHome(); });
    }).catch(function (err) {
      clear(out).appendChild(errorView(err));
      startButton.disabled = false;
    });
  });
  return el("section", { class: "connect-choices", id: "connect-choices" }, [
    el("h3", { text: t("home-connect-title") }),
    el("div", { class: "connect-choice" }, [
      el("strong", { text: t("home-connect-account") }),
      el("p", { class: "muted", text: t("home-connect-account-how") }),
      el("button", { type: "button", class: "button primary", id: "open-settings", text: t("home-open-settings"),
        onclick: function () { show("settings"); } })
    ]),
    el("div", { class: "connect-choice" }, [
      el("strong", { text: t("home-connect-practice") }),
      el("p", { class: "muted", text: t("home-connect-practice-how") }),
      startButton,
      out
    ])
  ]);
}

/**
 * The running practice sandbox: the commands that aim the AWS CLI at it, with a copy button.
 * @param {PracticeView} p
 */
function practiceView(p) {
  const copied = el("span", { class: "muted", role: "status" });
  const code = el("pre", { class: "cli practice-commands", id: "practice-commands" }, [el("code", { text: p.commands || "" })]);
  return el("section", { class: "practice", id: "practice", "data-running": "true" }, [
    el("p", {}, [el("strong", { text: t("practice-running") }), " ", el("code", { text: p.endpoint || "" })]),
    el("p", { text: t("practice-commands") }),
    code,
    el("p", {}, [
      el("button", { type: "button", class: "button", id: "practice-copy", text: t("practice-copy"), onclick: function () {
        navigator.clipboard.writeText(p.commands || "").then(function () { copied.textContent = " " + t("practice-copied"); })
          .catch(function (/** @type {any} */ err) { copied.textContent = " " + messageOf(err); });
      } }),
      copied,
      " ",
      el("button", { type: "button", class: "link-button", id: "practice-stop", text: t("practice-stop"), onclick: function () {
        busy(cmd.practiceStop).then(function () {
          return cmd.appInfo().then(function (info) { app.info = info; updateChrome(); renderHome(); });
        }).catch(showError);
      } })
    ]),
    p.started_here ? el("p", { class: "muted", text: t("practice-closes") }) : null
  ]);
}

/** The sidebar: version and the emulator badge. */
export function updateChrome() {
  const info = app.info;
  $("#version").textContent = "Sandpit " + ((info && info.version) || "");
  const badge = $("#endpoint-badge");
  const endpoint = info && info.endpoint_url;
  badge.hidden = !endpoint;
  badge.textContent = endpoint ? "⚠ " + t("common-emulator") + " · " + endpoint : "";
}

