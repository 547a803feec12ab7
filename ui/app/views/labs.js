// @ts-check
// Labs: the list, and the runner of one lab. What each step shows (its status, whether it is
// locked and why, whether it offers the budget-guard form) is decided in Rust
// (sandpit_view::labview::runner_state); this module only draws it. A re-check redraws the
// findings but keeps what the learner opened: "왜 이렇게 하나요?" sections and revealed hints.
import { $, $all, clear, el } from "../dom.js";
import { busy, cmd, showError } from "../api.js";
import { statusBadge, t, timeOf } from "../i18n.js";
import { onLeaveLabs, register, show } from "../nav.js";
import { app } from "../state.js";
import { budgetForm } from "./home.js";

/** @typedef {import("../gen/bindings").RenderedFinding} RenderedFinding */
/** @typedef {import("../gen/bindings").LabDetail} LabDetail */

const LOCK_KEYS = { "no-guard": "labs-locked-noGuard", "over-limit": "labs-locked-overLimit",
  "not-connected": "labs-locked-notConnected" };

/** What the learner opened in the runner, by step id: kept across re-checks. */
const opened = {
  /** @type {Record<string, boolean>} */ why: {},
  /** @type {Record<string, number>} */ hints: {},
};

export function loadLabs() {
  return busy(cmd.labsList).then(function (labs) { app.labs = labs; return labs; });
}

export function renderLabList() {
  $("#lab-list-wrap").hidden = !!app.lab;
  $("#lab-runner").hidden = !app.lab;
  if (app.lab) return;
  const list = clear($("#lab-list"));
  loadLabs().then(function (labs) {
    labs.forEach(function (lab) {
      const status = lab.progress ? lab.progress.status : null;
      list.appendChild(el("li", { class: "lab-item", "data-lab": lab.id }, [
        el("div", { class: "lab-item-head" }, [
          el("h2", {}, [el("a", { href: "sandpit://lab/" + encodeURIComponent(lab.id), text: lab.title })]),
          lab.billable ? el("span", { class: "badge billable", text: t("labs-billable") }) : null,
          statusBadge(status)
        ]),
        el("div", { class: "lab-summary", html: lab.summary_html }),
        el("p", { class: "muted", text: lab.id + " · " + lab.steps + " " + t("labs-steps") })
      ]));
    });
  }).catch(showError);
}
register("labs", renderLabList);
onLeaveLabs(stopAuto);

/** @param {string} id */
export function openLab(id) {
  stopAuto();
  const same = app.lab && app.lab.id === id;
  app.lab = null;
  app.report = null;
  if (!same) { opened.why = {}; opened.hints = {}; }
  return busy(function () { return cmd.labDetail(id); }).then(function (detail) {
    showDetail(detail);
    if (app.info) app.info.last_lab = { id: detail.lab.id, title: detail.lab.title };
    if (detail.guard_unknown) {
      // Whether later steps are locked depends on the guard: ask, then draw the lab again.
      cmd.budgetStatus().then(function (g) { app.guard = g; })
        .catch(function () { /* not connected: Rust remembers it and says so on the steps */ })
        .finally(function () {
          if (app.lab && app.lab.id === id) cmd.labDetail(id).then(showDetail).catch(showError);
        });
    }
  }).catch(showError);
}

/** @param {LabDetail} detail */
function showDetail(detail) {
  app.lab = detail.lab;
  app.report = detail.last;
  app.runner = detail.runner;
  if (app.view !== "labs") show("labs"); else renderLabList();
  renderRunner();
}

/** @param {string} id */
function reportStep(id) {
  if (!app.report) return null;
  return app.report.report.steps.find(function (s) { return s.id === id; }) || null;
}

/** @param {string} id */
function stepState(id) {
  return (app.runner && app.runner.steps.find(function (s) { return s.id === id; })) || null;
}

export function renderRunner() {
  const lab = app.lab;
  const root = clear($("#lab-runner"));
  if (!lab) return;
  root.hidden = false;
  $("#lab-list-wrap").hidden = true;
  root.setAttribute("data-lab", lab.id);
  const r = app.report && app.report.report;
  const verdict = app.runner ? app.runner.status : null;

  root.appendChild(el("div", { class: "runner-head" }, [
    el("button", { type: "button", class: "link-button", id: "lab-back", text: t("labs-back"),
      onclick: function () { stopAuto(); app.lab = null; renderLabList(); } }),
    el("h1", { text: lab.title }),
    lab.billable ? el("span", { class: "badge billable", text: t("labs-billable") }) : null,
    el("span", { id: "lab-status", "data-status": verdict || "none" }, [statusBadge(verdict)])
  ]));
  root.appendChild(el("div", { class: "lab-summary md", html: lab.summary_html }));

  const auto = el("input", { type: "checkbox", id: "auto-recheck" });
  auto.checked = !!app.autoTimer;
  const every = el("select", { id: "auto-every" }, [15, 30, 60, 120].map(function (n) {
    return el("option", { value: String(n), text: n + t("labs-seconds") });
  }));
  every.value = String(app.autoEvery || 30);
  auto.addEventListener("change", function () { if (auto.checked) startAuto(Number(every.value)); else stopAuto(); });
  every.addEventListener("change", function () { app.autoEvery = Number(every.value); if (auto.checked) startAuto(app.autoEvery); });
  root.appendChild(el("div", { class: "runner-toolbar" }, [
    el("button", { type: "button", class: "button primary", id: "check-lab", text: t("labs-checkLab"),
      onclick: function () { checkLab([]); } }),
    el("label", { class: "auto" }, [auto, " " + t("labs-auto") + " ", el("span", { text: t("labs-every") + " " }), every]),
    el("a", { href: "#", class: "link-button", text: t("labs-topology"),
      onclick: function (/** @type {Event} */ ev) { ev.preventDefault(); ev.stopPropagation(); app.topologyLab = lab.id; show("topology"); } }),
    r ? el("span", { class: "muted", id: "lab-summary-line", text: t("labs-summary", r.summary) + " · " + t("labs-lastChecked") + " " +
      timeOf(r.checked_at) }) : null
  ]));
  if (app.report && app.report.endpoint_url) {
    root.appendChild(el("p", { class: "warn", text: "⚠ " + t("home-account-emulator") + ": " + app.report.endpoint_url }));
  }

  const steps = el("ol", { class: "steps" });
  lab.steps.forEach(function (s, i) {
    const res = reportStep(s.id);
    const st = stepState(s.id);
    const locked = st ? st.locked : null;
    const status = locked ? "blocked" : (st ? st.status : null);
    const li = el("li", { class: "step" + (locked ? " locked" : "") + (s.preflight ? " preflight" : ""),
      "data-step": s.id, "data-status": status || "none", "data-locked": locked || null });
    const lockText = locked ? t(LOCK_KEYS[locked]) : "";
    li.appendChild(el("div", { class: "step-head" }, [
      el("span", { class: "step-num", text: String(i + 1) }),
      el("h2", { text: s.title }),
      // A symbol every text font has (no emoji font needed), named for screen readers.
      locked ? el("span", { class: "lock", role: "img", title: lockText, "aria-label": lockText, text: "⊘" }) : null,
      el("span", { class: "step-status" }, [statusBadge(status)]),
      el("button", { type: "button", class: "button check-step", text: t("labs-checkStep"), disabled: locked ? "disabled" : null,
        title: locked ? lockText : null, onclick: function () { checkLab([s.id]); } })
    ]));
    if (locked) li.appendChild(el("p", { class: "locked-note", "data-reason": locked, text: lockText }));
    const findings = el("div", { class: "findings" });
    if (res && res.findings && res.findings.length) {
      res.findings.forEach(function (f) { findings.appendChild(findingView(f)); });
    }
    li.appendChild(findings);
    const body = el("div", { class: "step-body" });
    body.appendChild(el("h3", { text: t("labs-console") }));
    body.appendChild(el("div", { class: "md", html: s.console_html }));
    if (s.cli) {
      body.appendChild(el("h3", { text: t("labs-cli") }));
      body.appendChild(el("pre", { class: "cli" }, [el("code", { text: s.cli })]));
    }
    const why = el("details", { class: "why" }, [el("summary", { text: t("labs-why") }), el("div", { class: "md", html: s.why_html })]);
    why.open = !!opened.why[s.id];
    why.addEventListener("toggle", function () { opened.why[s.id] = why.open; });
    body.appendChild(why);
    if (s.hints.length) body.appendChild(hintsView(s.id, s.hints));
    if (s.lessons.length) {
      const links = el("ul", { class: "step-lessons-list" }, s.lessons.map(function (l) {
        return el("li", {}, [el("a", { href: "sandpit://lesson/" + encodeURIComponent(l.id), class: "wikilink", "data-lesson": l.id, text: l.title })]);
      }));
      body.appendChild(el("div", { class: "step-lessons" }, [el("span", { class: "muted", text: t("labs-lessons") + ": " }), links]));
    }
    const reach = s.reach;
    if (reach) {
      body.appendChild(el("a", { href: "#", class: "link-button reach-link", text: t("reach-why"),
        onclick: function (/** @type {Event} */ ev) { ev.preventDefault(); app.topologyLab = lab.id; app.reachPrefill = reach; show("topology"); } }));
    }
    if (st && st.budget_form) body.appendChild(budgetForm(function () { checkLab([]); }));
    else if (s.preflight && status === "pass") body.appendChild(el("p", { class: "ok guarded-note", text: "✓ " + t("labs-guarded") }));
    li.appendChild(body);
    steps.appendChild(li);
  });
  root.appendChild(steps);
  if (lab.cleanup_html) {
    root.appendChild(el("section", { class: "cleanup" }, [el("h2", { text: t("labs-cleanup") }), el("div", { class: "md", html: lab.cleanup_html })]));
  }
}

/**
 * A step's hints, revealed one at a time; how many are shown survives a re-check.
 * @param {string} id
 * @param {string[]} all
 */
function hintsView(id, all) {
  const list = el("ol", { class: "hints" });
  const more = el("button", { type: "button", class: "link-button hint-button", text: t("labs-hint") });
  function reveal() {
    const shown = opened.hints[id] || 0;
    clear(list);
    all.slice(0, shown).forEach(function (h) { list.appendChild(el("li", { text: h })); });
    if (shown) more.textContent = t("labs-hintMore") + " (" + Math.min(shown, all.length) + "/" + all.length + ")";
    more.disabled = shown >= all.length;
  }
  more.addEventListener("click", function () { opened.hints[id] = (opened.hints[id] || 0) + 1; reveal(); });
  reveal();
  return el("div", { class: "hints-box" }, [list, more]);
}

/** @param {RenderedFinding} f */
export function findingView(f) {
  const rows = [el("p", { class: "finding-message", text: f.message })];
  const kv = el("dl", { class: "kv" });
  [["resource", f.resource, "finding-resource"], ["expected", f.expected, "finding-expected"], ["found", f.found, "finding-found"],
    ["hint", f.hint, "finding-hint"]].forEach(function (p) {
    if (p[1]) { kv.appendChild(el("dt", { text: t(/** @type {string} */ (p[2])) })); kv.appendChild(el("dd", { class: "finding-" + p[0], text: p[1] })); }
  });
  if (kv.firstChild) rows.push(kv);
  return el("div", { class: "finding finding-" + f.status, "data-status": f.status }, rows);
}

/**
 * Checks the lab (every step, or those named). The button pressed keeps the keyboard focus.
 * @param {string[]} steps
 */
export function checkLab(steps) {
  const lab = app.lab;
  if (!lab) return Promise.resolve();
  const focus = focusKey(document.activeElement);
  const runner = $("#lab-runner");
  runner.setAttribute("data-state", "checking");
  $all("#lab-runner button.check-step, #check-lab").forEach(function (b) { b.disabled = true; });
  return busy(function () { return cmd.checkLab(lab.id, steps); }, t("labs-checking")).then(function (view) {
    if (!app.lab || app.lab.id !== lab.id) return;
    // A check of some steps comes back merged with the last check (labview::merge_checks).
    app.report = view;
    app.runner = view.runner;
    renderRunner();
  }).catch(function (err) {
    showError(err);
    renderRunner();
  }).finally(function () {
    const r = $("#lab-runner");
    if (r) r.setAttribute("data-state", "idle");
    restoreFocus(focus);
  });
}

/**
 * Which runner button has the focus, as a selector that finds it again after a redraw.
 * @param {Element | null} active
 * @returns {string | null}
 */
function focusKey(active) {
  if (!active || !active.closest || !active.closest("#lab-runner")) return null;
  if (active.id) return "#" + active.id;
  const step = active.closest("[data-step]");
  if (step && active.classList.contains("check-step")) return "[data-step='" + step.getAttribute("data-step") + "'] button.check-step";
  return null;
}

/** @param {string | null} selector */
function restoreFocus(selector) {
  if (!selector) return;
  const target = $(selector);
  if (target && !target.disabled) target.focus();
}

/** @param {number} seconds */
function startAuto(seconds) {
  stopAuto();
  app.autoEvery = seconds;
  app.autoTimer = window.setInterval(function () {
    if ($("#lab-runner").getAttribute("data-state") !== "checking") checkLab([]);
  }, seconds * 1000);
}
export function stopAuto() {
  if (app.autoTimer) clearInterval(app.autoTimer);
  app.autoTimer = null;
}
