// @ts-check
// Labs: the list, and the runner of one lab. What each step shows (its status, whether it is
// locked and why, whether it offers the budget-guard form) is decided in Rust
// (sandpit_view::labview::runner_state); this module only draws it. A re-check redraws the
// findings but keeps what the learner opened: "왜 이렇게 하나요?" sections and revealed hints.
// "이것이 내 리소스인가요?" shows the candidates Rust read off the account (handlers/discover.rs):
// the learner ticks theirs and confirms, Rust keeps them per account and lab, and every later
// check uses them; the header lists them with the way back to the defaults.
import { $, $all, clear, el } from "../dom.js";
import { busy, cmd, newest, showError } from "../api.js";
import { statusBadge, t, timeOf } from "../i18n.js";
import { onLeaveLabs, register, show } from "../nav.js";
import { app } from "../state.js";
import { budgetForm } from "./home.js";

/** @typedef {import("../gen/bindings").RenderedFinding} RenderedFinding */
/** @typedef {import("../gen/bindings").LabDetail} LabDetail */
/** @typedef {import("../gen/bindings").DiscoverView} DiscoverView */

const LOCK_KEYS = { "no-guard": "labs-locked-noGuard", "over-limit": "labs-locked-overLimit",
  "not-connected": "labs-locked-notConnected" };

/** How many checks the runner started: a page drawn from older news must not cover a check's. */
let checksStarted = 0;

/** What the learner opened in the runner, by step id: kept across re-checks. */
const opened = {
  /** @type {Record<string, boolean>} */ why: {},
  /** @type {Record<string, number>} */ hints: {},
  /** Candidates the learner ticked or unticked, by parameter (untouched: ticked when it differs). */
  /** @type {Record<string, boolean>} */ picked: {},
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

const labTurn = newest();

/** @param {string} id */
export function openLab(id) {
  stopAuto();
  const turn = labTurn();
  const same = app.lab && app.lab.id === id;
  app.lab = null;
  app.report = null;
  if (!same) { opened.why = {}; opened.hints = {}; opened.picked = {}; app.discovery = null; }
  return busy(function () { return cmd.labDetail(id); }).then(function (detail) {
    if (!turn()) return;
    showDetail(detail);
    if (app.info) app.info.last_lab = { id: detail.lab.id, title: detail.lab.title };
    if (detail.guard_unknown) {
      // Whether later steps are locked depends on the guard: ask, then draw the lab again —
      // unless a check started meanwhile (it reads the guard too, and its answer is newer).
      const started = checksStarted;
      cmd.budgetStatus().then(function (g) { app.guard = g; })
        .catch(function () { /* not connected: Rust remembers it and says so on the steps */ })
        .finally(function () {
          if (turn() && app.lab && app.lab.id === id && checksStarted === started) {
            cmd.labDetail(id).then(function (d) { if (turn() && checksStarted === started) showDetail(d); }).catch(showError);
          }
        });
    }
  }).catch(function (err) { if (turn()) showError(err); });
}

/** @param {LabDetail} detail */
function showDetail(detail) {
  app.lab = detail.lab;
  app.report = detail.last;
  app.runner = detail.runner;
  app.account = detail.account;
  app.confirmed = detail.confirmed;
  if (detail.last && detail.last.discovery) app.discovery = detail.last.discovery;
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
  if (app.confirmed && app.confirmed.length) root.appendChild(paramsInUse());
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
    el("button", { type: "button", class: "button", id: "discover-find", text: t("discover-find"),
      onclick: function () { findMine(); } }),
    el("a", { href: "#", class: "link-button", text: t("labs-topology"),
      onclick: function (/** @type {Event} */ ev) { ev.preventDefault(); ev.stopPropagation(); app.topologyLab = lab.id; show("topology"); } }),
    r ? el("span", { class: "muted", id: "lab-summary-line", text: t("labs-summary", r.summary) + " · " + t("labs-lastChecked") + " " +
      timeOf(r.checked_at) }) : null
  ]));
  if (app.report && app.report.endpoint_url) {
    root.appendChild(el("p", { class: "warn", text: "⚠ " + t("home-account-emulator") + ": " + app.report.endpoint_url }));
  }
  if (app.discovery && app.discovery.lab === lab.id) root.appendChild(discoverPanel(app.discovery));

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

/** The header's list of confirmed parameters, with the way back to the defaults. */
function paramsInUse() {
  const list = el("ul", { class: "params-list" }, (app.confirmed || []).map(function (p) {
    return el("li", { "data-param": p.name, title: p.description }, [
      el("code", { text: p.name + " = " + p.value }), " ",
      el("span", { class: "muted", text: "(" + t("discover-default-was", { value: p.default }) + ")" })
    ]);
  }));
  return el("div", { class: "params-in-use", id: "params-in-use" }, [
    el("span", { class: "params-label", text: t("discover-in-use") }),
    app.account ? el("span", { class: "muted", text: t("discover-account", { account: app.account }) }) : null,
    list,
    el("button", { type: "button", class: "button", id: "params-reset", text: t("discover-reset"), onclick: resetParams })
  ]);
}

/**
 * "이것이 내 리소스인가요?": per parameter, the default and what the account holds (id, Name tag,
 * CIDR, why it plays the role); the learner ticks theirs and confirms.
 * @param {DiscoverView} view
 */
function discoverPanel(view) {
  const offered = view.candidates.filter(function (c) { return c.differs && c.found; });
  const rows = el("tbody", {}, view.candidates.filter(function (c) { return c.found || c.default !== c.current; }).map(function (c) {
    const box = el("input", { type: "checkbox", class: "discover-pick", "data-param": c.name, disabled: c.differs && c.found ? null : "disabled" });
    box.checked = !!(c.differs && c.found) && opened.picked[c.name] !== false;
    box.addEventListener("change", function () { opened.picked[c.name] = box.checked; updateConfirm(); });
    const found = c.found ? [
      el("code", { class: "discover-value", text: c.found }),
      c.resource ? el("span", { class: "discover-resource", text: " " + c.resource }) : null,
      c.name_tag ? el("span", { class: "muted", text: " · " + t("discover-name-tag") + " " + c.name_tag }) : null,
      c.cidr && c.cidr !== c.found ? el("span", { class: "muted", text: " · " + c.cidr }) : null,
      c.why ? el("div", { class: "muted discover-why", text: c.why }) : null
    ] : [el("span", { class: "muted", text: t("discover-nothing") })];
    return el("tr", { "data-param": c.name, "data-differs": c.differs ? "true" : "false" }, [
      el("td", {}, [box]),
      el("td", {}, [el("code", { text: c.name }), el("div", { class: "muted", text: c.description })]),
      el("td", {}, [el("code", { text: c.default })]),
      el("td", {}, found)
    ]);
  }));
  const confirm = el("button", { type: "button", class: "button primary", id: "discover-confirm", text: t("discover-confirm"),
    onclick: function () { confirmMine(view); } });
  function updateConfirm() {
    confirm.disabled = !$all("#discover-panel input.discover-pick").some(function (b) { return b.checked; });
  }
  const panel = el("section", { class: "discover-panel", id: "discover-panel", "data-lab": view.lab, "data-offers": String(offered.length) }, [
    el("h2", { text: t("discover-title") }),
    el("p", { text: offered.length ? t(app.discoveryAsked ? "discover-intro-asked" : "discover-intro") : t("discover-none") }),
    el("table", { class: "discover-table" }, [
      el("thead", {}, [el("tr", {}, [el("th", {}), el("th", { text: t("discover-param") }), el("th", { text: t("discover-default") }),
        el("th", { text: t("discover-found") })])]),
      rows
    ]),
    view.param_line ? el("p", { class: "muted", text: t("discover-cli") }) : null,
    view.param_line ? el("pre", { class: "cli" }, [el("code", { text: "sandpit check " + view.lab + " " + view.param_line })]) : null,
    el("div", { class: "discover-actions" }, [
      offered.length ? confirm : null,
      el("button", { type: "button", class: "button", id: "discover-dismiss", text: t("discover-dismiss"),
        onclick: function () { app.discovery = null; app.discoveryAsked = false; renderRunner(); } })
    ])
  ]);
  confirm.disabled = !offered.some(function (c) { return opened.picked[c.name] !== false; });
  return panel;
}

/** "내 리소스 찾기": reads the account for candidates now. */
function findMine() {
  const lab = app.lab;
  if (!lab) return Promise.resolve();
  return busy(function () { return cmd.discoverParams(lab.id); }, t("discover-finding")).then(function (view) {
    if (!app.lab || app.lab.id !== lab.id) return;
    app.discovery = view;
    app.discoveryAsked = true;
    renderRunner();
    const panel = $("#discover-panel");
    if (panel) panel.scrollIntoView({ block: "nearest" });
  }).catch(showError);
}

/**
 * "예, 이것으로 확인": keeps the ticked candidates for the account they were read from, opens the
 * lab again (its instructions name the new values) and checks it with them.
 * @param {DiscoverView} view
 */
function confirmMine(view) {
  const lab = app.lab;
  if (!lab) return Promise.resolve();
  /** @type {Record<string, string>} */
  const params = {};
  $all("#discover-panel input.discover-pick").forEach(function (b) {
    const c = view.candidates.find(function (x) { return x.name === b.getAttribute("data-param"); });
    if (b.checked && c && c.found) params[c.name] = c.found;
  });
  return busy(function () { return cmd.confirmParams(lab.id, view.account, params); }).then(function () {
    app.discovery = null;
    app.discoveryAsked = false;
    opened.picked = {};
    return openLab(lab.id).then(function () { return checkLab([]); });
  }).catch(showError);
}

/** "기본값으로": forgets the confirmed parameters of this lab in this account and checks again. */
function resetParams() {
  const lab = app.lab;
  if (!lab) return Promise.resolve();
  return busy(function () { return cmd.clearParams(lab.id, app.account); }).then(function () {
    app.discovery = null;
    app.discoveryAsked = false;
    return openLab(lab.id).then(function () { return checkLab([]); });
  }).catch(showError);
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
  checksStarted += 1;
  const focus = focusKey(document.activeElement);
  const runner = $("#lab-runner");
  runner.setAttribute("data-state", "checking");
  $all("#lab-runner button.check-step, #check-lab").forEach(function (b) { b.disabled = true; });
  return busy(function () { return cmd.checkLab(lab.id, steps); }, t("labs-checking")).then(function (view) {
    if (!app.lab || app.lab.id !== lab.id) return;
    // A check of some steps comes back merged with the last check (labview::merge_checks).
    app.report = view;
    app.runner = view.runner;
    app.account = view.account;
    app.confirmed = view.confirmed;
    // A check that fails what the account's own layout passes asks "is this yours?"; one that
    // does not leaves a panel the learner asked for open.
    if (view.discovery) { app.discovery = view.discovery; app.discoveryAsked = false; }
    else if (!app.discoveryAsked) app.discovery = null;
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
