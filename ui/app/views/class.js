// @ts-check
// Class (instructors): a roster, the team × step matrix of one lab (class_check: the same
// sandpit-classroom call as `sandpit class check`, with its --concurrency and --param, progress
// as each team finishes), the matrix's CSV/JSON export, and one team drilled into. A step has
// one number everywhere: the matrix header, its legend and a team's findings (StepColumn).
import { $, $all, clear, el } from "../dom.js";
import { busy, cmd, errorView, hideError, showError } from "../api.js";
import { statusBadge, statusLabel, t, timeOf } from "../i18n.js";
import { register } from "../nav.js";
import { app } from "../state.js";
import { findingView, loadLabs } from "./labs.js";

/** @typedef {import("../gen/bindings").StepColumn} StepColumn */
/** @typedef {import("../gen/bindings").RosterView} RosterView */
/** @typedef {import("../gen/bindings").ClassInfo} ClassInfo */
/** @typedef {import("../gen/bindings").ClassMatrixView} ClassMatrixView */

/**
 * A step's number in the matrix.
 * @param {StepColumn[]} columns
 * @param {string} id
 * @param {number} index
 */
function numberOf(columns, id, index) {
  const col = columns.find(function (c) { return c.id === id; });
  return col ? col.number : index + 1;
}
// A roster, the team × step matrix of one lab (class_check: the same sandpit-classroom call as
// `sandpit class check`, with its --concurrency and --param, progress on a channel as each team
// finishes), the matrix's CSV/JSON export (class_export), and one team drilled into.
/**
 * @type {{ roster: RosterView | null, matrix: ClassMatrixView | null, team: string | null, checking: boolean,
 *   info: ClassInfo | null, params: Record<string, Record<string, string>>, exportFormat: string, exportPath: string,
 *   exported: any }}
 */
const classView = { roster: null, matrix: null, team: null, checking: false, info: null,
  params: {}, exportFormat: "csv", exportPath: "", exported: null };
const CLASS_MARKS = { pass: "✓", fail: "×", error: "!", blocked: "⊘", skipped: "·" };

export function initClass() {
  $("#class-form").addEventListener("submit", function (ev) { ev.preventDefault(); loadRoster(); });
  $("#class-check").addEventListener("click", function () { checkClass(); });
  $("#class-lab").addEventListener("change", function () { clearClassFieldErrors(); renderParamFields(); });
  $("#class-concurrency").addEventListener("input", clearClassFieldErrors);
}

export function renderClass() {
  Promise.all([loadLabs(), busy(cmd.classInfo)]).then(function (r) {
    var labs = r[0], info = r[1];
    classView.info = info;
    var select = $("#class-lab");
    var keep = select.value || (info.last && info.last.lab) || (app.info && app.info.last_lab);
    clear(select);
    labs.forEach(function (l) { select.appendChild(el("option", { value: l.id, text: l.title })); });
    if (keep && labs.some(function (l) { return l.id === keep; })) select.value = keep;
    var input = $("#class-roster");
    if (!input.value && info.roster_path) input.value = info.roster_path;
    var conc = $("#class-concurrency");
    conc.max = String(info.max_concurrency);
    conc.placeholder = String(info.default_concurrency);
    if (info.last && !classView.matrix) conc.value = String(info.last.concurrency);
    $("#class-concurrency-help").textContent = t("class-concurrency-help", { n: info.default_concurrency, max: info.max_concurrency });
    if (info.last && !classView.params[info.last.lab]) {
      // The parameters the last check ran with, for the next one.
      var given = classView.params[info.last.lab] = {};
      info.last.params.forEach(function (p) { given[p.name] = p.value; });
    }
    renderParamFields();
    classView.roster = info.roster;
    renderRosterInfo(info.roster, info.roster_error);
    if (info.last) classView.matrix = info.last;
    renderMatrix();
    if (classView.team) openClassTeam(classView.team);
  }).catch(showError);
}

// One field per parameter of the chosen lab; empty keeps the default (the placeholder).
function renderParamFields() {
  var lab = $("#class-lab").value;
  var defs = (classView.info && classView.info.lab_params[lab]) || [];
  var values = classView.params[lab] || (classView.params[lab] = {});
  var box = clear($("#class-params-fields"));
  $("#class-params").setAttribute("data-lab", lab);
  if (!defs.length) box.appendChild(el("p", { class: "muted", text: t("class-params-none") }));
  defs.forEach(function (p) {
    var input = el("input", { type: "text", id: "class-param-" + p.name, name: "param." + p.name, "data-param": p.name,
      autocomplete: "off", spellcheck: "false", placeholder: p.default, "aria-describedby": "class-param-desc-" + p.name });
    input.value = values[p.name] || "";
    input.addEventListener("input", function () {
      values[p.name] = input.value;
      clearClassFieldErrors();
      updateParamCount();
    });
    box.appendChild(el("label", { class: "param-field", "data-param": p.name }, [
      el("span", { class: "param-name" }, [el("code", { text: p.name }), el("span", { class: "param-kind", text: p.kind })]),
      input,
      el("small", { class: "muted", id: "class-param-desc-" + p.name, text: p.description })
    ]));
  });
  updateParamCount();
}

/** @returns {Record<string, string>} */
function classParams() {
  var values = classView.params[$("#class-lab").value] || {};
  /** @type {Record<string, string>} */
  var out = {};
  Object.keys(values).forEach(function (k) { if (String(values[k]).trim()) out[k] = String(values[k]); });
  return out;
}

function updateParamCount() {
  var n = Object.keys(classParams()).length;
  var count = $("#class-params-count");
  count.textContent = "· " + (n ? t("class-params-changed", { n: n }) : t("class-params-defaults"));
  count.classList.toggle("changed", n > 0);
}

function clearClassFieldErrors() {
  $all("#class-form .invalid").forEach(function (n) { n.classList.remove("invalid"); });
  $all("#class-form .field-error").forEach(function (n) { n.parentNode.removeChild(n); });
}

// A bad concurrency or parameter: the message under its field, the field marked. Returns
// whether the error named a field of the form.
function showClassFieldError(err) {
  if (!err || !err.field) return false;
  var input = err.field === "concurrency" ? $("#class-concurrency")
    : (err.field.indexOf("param.") === 0 ? document.getElementById("class-param-" + err.field.slice(6)) : null);
  if (!input) return false;
  clearClassFieldErrors();
  if (err.field.indexOf("param.") === 0) $("#class-params").open = true;
  input.classList.add("invalid");
  var label = input.closest("label");
  label.appendChild(el("p", { class: "field-error", id: "class-field-error", role: "alert", "data-field": err.field }, [
    el("strong", { text: t("class-notChecked") }), el("br"), errorView(err, { open: true })]));
  input.focus();
  input.scrollIntoView({ block: "center" });
  return true;
}

function renderRosterInfo(roster, err) {
  var box = clear($("#class-roster-info"));
  var input = $("#class-roster");
  input.classList.toggle("invalid", !!err);
  if (err) {
    box.appendChild(el("div", { class: "error-card", id: "class-roster-error", role: "alert" }, [errorView(err)]));
    return;
  }
  if (!roster) return;
  box.appendChild(el("p", { id: "class-roster-summary" }, [
    el("strong", { text: roster.class }),
    el("span", { class: "muted", text: " · " + t("class-teams", { n: roster.teams.length }) + " · " + t("class-region") + " " + roster.region })
  ]));
  box.appendChild(el("ul", { class: "team-chips" }, roster.teams.map(function (team) {
    return el("li", { "data-team": team.name, title: team.account + " · " + team.region +
      (team.members.length ? " · " + team.members.join(", ") : "") }, [team.name]);
  })));
}

function loadRoster() {
  return busy(function () { return cmd.classRoster($("#class-roster").value); }).then(function (roster) {
    $("#class-roster").value = roster.path;
    classView.roster = roster;
    renderRosterInfo(roster, null);
    if (classView.matrix && classView.matrix.roster_path !== roster.path) {
      classView.matrix = null;
      closeClassTeam();
      renderMatrix();
    }
  }).catch(function (err) { classView.roster = null; renderRosterInfo(null, err); });
}

function showClassProgress(done, total, team) {
  var box = $("#class-progress");
  box.hidden = false;
  $("#class-body").setAttribute("data-progress", done + "/" + (total || "?"));
  $("#class-progress-text").textContent = t("class-progress", { done: done, total: total || "?" }) + (team ? " · " + team : "");
  $("#class-progress-bar").style.width = (total ? Math.round((100 * done) / total) : 0) + "%"; // CSSOM: allowed by the CSP
}

function checkClass() {
  if (classView.checking) return Promise.resolve();
  classView.checking = true;
  var body = $("#class-body");
  body.setAttribute("data-state", "checking");
  $("#class-check").disabled = true;
  $("#class-load").disabled = true;
  showClassProgress(0, classView.roster ? classView.roster.teams.length : 0, null);
  clearClassFieldErrors();
  var conc = $("#class-concurrency");
  // A number field holds "" when what was typed is not a number: send what the user sees refused.
  var concurrency = conc.validity && conc.validity.badInput ? "?" : conc.value;
  var options = { concurrency: concurrency, params: classParams() };
  return busy(function () {
    return cmd.classCheck($("#class-roster").value, $("#class-lab").value, options,
      function (p) { showClassProgress(p.done, p.total, p.team); });
  }, t("class-checkingAll")).then(function (matrix) {
    classView.matrix = matrix;
    classView.exported = null;
    hideError();
    renderMatrix();
    if (classView.team) openClassTeam(classView.team);
  }).catch(function (err) {
    if (err && err.field === "roster") renderRosterInfo(null, err);
    else if (!showClassFieldError(err)) showError(err);
  }).finally(function () {
    classView.checking = false;
    $("#class-progress").hidden = true;
    $("#class-check").disabled = false;
    $("#class-load").disabled = false;
    body.setAttribute("data-state", "idle");
  });
}

function classCell(step, title) {
  var label = statusLabel(step.status);
  return el("td", { class: "cell status-" + step.status, "data-step": step.id, "data-status": step.status, title: title + ": " + label }, [
    el("span", { class: "mark", "aria-hidden": "true", text: CLASS_MARKS[step.status] || "?" }),
    el("span", { class: "visually-hidden", text: label })
  ]);
}

function renderMatrix() {
  var body = clear($("#class-body"));
  const m = classView.matrix;
  var button = $("#class-check");
  button.setAttribute("data-i18n", m ? "class-refresh" : "class-check"); // kept across a language switch
  button.textContent = t(m ? "class-refresh" : "class-check");
  if (!m) {
    body.appendChild(el("p", { class: "empty", id: "class-empty", text: t("class-empty") }));
    return;
  }
  body.appendChild(el("div", { class: "class-head" }, [
    el("h2", { text: m.lab_title }),
    el("span", { class: "muted", id: "class-summary", text: m.class + " · " + t("class-summary", m) + " · " +
      t("class-checkedAt") + " " + timeOf(m.checked_at) })
  ]));
  body.appendChild(el("p", { class: "class-ran-with muted", id: "class-ran-with" }, [
    el("span", { text: t("class-atOnce", { n: m.concurrency }) }),
    m.params.length ? el("span", { text: " · " + t("class-ranWith") + " " }) : null
  ].concat(m.params.map(function (p) {
    return el("code", { class: "param-chip", "data-param": p.name, text: p.name + "=" + p.value });
  }))));
  if (m.endpoint_url) body.appendChild(el("p", { class: "warn", text: "⚠ " + t("home-account-emulator") + ": " + m.endpoint_url }));
  // The same words as Home's banner: a broken database is said the same everywhere.
  if (m.store_error) body.appendChild(el("p", { class: "warn", id: "class-store-error" }, [
    "⚠ " + t("progress-notSaved") + ": ", el("span", { class: "progress-reason", text: m.store_error })]));
  var head = el("tr", {}, [el("th", { class: "team", scope: "col", text: t("class-team") }),
    el("th", { scope: "col", text: t("class-account") })].concat(m.steps.map(function (/** @type {StepColumn} */ s) {
      return el("th", { scope: "col", class: "step-col", title: s.number + ". " + s.title, "data-step": s.id }, [el("abbr", { title: s.title, text: String(s.number) })]);
    })).concat([el("th", { scope: "col", text: t("class-passed") }), el("th", { scope: "col", text: t("class-status") })]));
  var rows = m.teams.map(function (row) {
    var cells = [el("th", { scope: "row", class: "team", text: row.team }), el("td", { class: "mono", text: row.account })];
    if (row.error) {
      cells.push(el("td", { class: "team-error", colspan: String(m.steps.length), "data-reason": row.error.reason }, [
        el("span", { class: "mark", "aria-hidden": "true", text: "! " }), errorView(row.error_said)]));
    } else {
      row.steps.forEach(function (s, i) { cells.push(classCell(s, m.steps[i] ? m.steps[i].title : s.id)); });
    }
    cells.push(el("td", { class: "passed", text: row.error ? "—" : row.passed + "/" + m.steps.length }));
    // A blocked row says why (the budget preflight's finding), not only that it is.
  cells.push(el("td", { class: "row-status" }, [statusBadge(row.status), row.blocked_reason ? el("small", { class: "blocked-reason",
    text: t("class-blocked") + ": " + row.blocked_reason }) : null]));
    var tr = el("tr", { class: "team-row" + (classView.team === row.team ? " selected" : ""), "data-team": row.team,
      "data-status": row.status, tabindex: "0", title: t("class-clickRow") }, cells);
    tr.addEventListener("click", function () { openClassTeam(row.team); });
    tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openClassTeam(row.team); } });
    return tr;
  });
  body.appendChild(el("table", { class: "class-matrix", id: "class-matrix", "data-lab": m.lab }, [el("thead", {}, [head]), el("tbody", {}, rows)]));
  body.appendChild(el("p", { class: "muted", text: t("class-clickRow") + "  " + ["pass", "fail", "error", "blocked"].map(function (s) {
    return CLASS_MARKS[s] + " " + statusLabel(s); }).join(" · ") }));
  body.appendChild(el("details", { class: "class-legend" }, [el("summary", { text: t("class-legend") }),
    el("ol", {}, m.steps.map(function (/** @type {StepColumn} */ s) { return el("li", { "data-step": s.id, value: String(s.number) }, [s.title + " ", el("code", { class: "muted", text: s.id })]); }))]));
  body.appendChild(exportForm());
}

// The matrix to a file: CSV or JSON exactly as `sandpit class check --csv/--json` prints it.
function exportForm() {
  var format = el("select", { id: "class-export-format", name: "export_format" }, [
    el("option", { value: "csv", text: "CSV" }), el("option", { value: "json", text: "JSON" })]);
  format.value = classView.exportFormat;
  var path = el("input", { id: "class-export-path", name: "export_path", autocomplete: "off", spellcheck: "false",
    placeholder: t("class-export-placeholder") });
  path.value = classView.exportPath;
  var result = el("p", { id: "class-export-result", class: "export-result", role: "status" });
  function showResult(r) {
    clear(result);
    result.className = "export-result";
    if (!r) return;
    if (r.error) {
      result.classList.add("error-text");
      result.setAttribute("data-state", "error");
      result.appendChild(errorView(r.error));
      return;
    }
    result.setAttribute("data-state", "saved");
    result.appendChild(el("span", { class: "ok", text: "✓ " + t("class-export-saved") + " " }));
    result.appendChild(el("code", { id: "class-export-saved", text: r.path }));
    result.appendChild(el("span", { class: "muted", text: " · " + r.format.toUpperCase() + " · " + t("class-export-bytes", { n: r.bytes }) }));
  }
  showResult(classView.exported);
  format.addEventListener("change", function () { classView.exportFormat = format.value; });
  path.addEventListener("input", function () { classView.exportPath = path.value; path.classList.remove("invalid"); });
  var form = el("form", { class: "class-export", id: "class-export", novalidate: "novalidate" }, [
    el("h3", { text: t("class-export") }),
    el("div", { class: "class-export-row" }, [
      el("label", {}, [el("span", { text: t("class-export-format") }), format]),
      el("label", { class: "export-path" }, [el("span", { text: t("class-export-path") }), path]),
      el("button", { type: "submit", class: "button", id: "class-export-save", text: t("class-export-save") })
    ]),
    el("small", { class: "muted", text: t("class-export-help") }),
    result
  ]);
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    path.classList.remove("invalid");
    busy(function () { return cmd.classExport(format.value, path.value); }).then(function (r) {
      classView.exported = r;
      showResult(r);
    }).catch(function (err) {
      if (err && err.field === "export_path") path.classList.add("invalid");
      classView.exported = { error: err };
      showResult(classView.exported);
    });
  });
  return form;
}

export function closeClassTeam() {
  classView.team = null;
  var box = clear($("#class-team"));
  box.hidden = true;
  box.removeAttribute("data-team");
  $all("#class-matrix tr.team-row").forEach(function (r) { r.classList.remove("selected"); });
}

export function openClassTeam(team) {
  classView.team = team;
  $all("#class-matrix tr.team-row").forEach(function (r) { r.classList.toggle("selected", r.getAttribute("data-team") === team); });
  var box = $("#class-team");
  return busy(function () { return cmd.classTeam(team); }).then(function (d) {
    if (classView.team !== team) return;
    clear(box).hidden = false;
    box.setAttribute("data-team", d.team);
    box.appendChild(el("div", { class: "team-detail-head" }, [
      el("h2", { text: d.team }),
      statusBadge(d.status),
      el("span", { class: "muted mono", text: d.account + " · " + d.region }),
      d.members.length ? el("span", { class: "muted", text: t("class-members") + ": " + d.members.join(", ") }) : null,
      el("button", { type: "button", class: "link-button", id: "class-team-close", text: t("common-close"), onclick: closeClassTeam })
    ]));
    if (d.error) {
      box.appendChild(el("div", { class: "error-card team-unreachable" }, [el("strong", { text: t("class-unreachable") }),
        el("p", { "data-reason": d.error.reason }, [errorView(d.error_said)])]));
    }
    if (d.report) {
      box.appendChild(el("h3", { text: t("class-findings") }));
      box.appendChild(el("ol", { class: "steps team-steps" }, d.report.steps.map(function (s, i) {
        var findings = el("div", { class: "findings" });
        s.findings.forEach(function (f) { findings.appendChild(findingView(f)); });
        return el("li", { class: "step", "data-step": s.id, "data-status": s.status }, [
          el("div", { class: "step-head" }, [el("span", { class: "step-num", text: String(numberOf(d.columns, s.id, i)) }), el("h2", { text: s.title }),
            el("span", { class: "step-status" }, [statusBadge(s.status)])]),
          findings]);
      })));
    }
    box.appendChild(el("h3", { text: t("class-picture") }));
    box.appendChild(el("div", { class: "topology team-topology" }, [
      el("figure", { class: "topo target" }, [el("div", { class: "svg", html: d.target_svg })]), // SVG built and escaped by sandpit-view
      el("figure", { class: "topo actual" }, [el("div", { class: "svg", html: d.actual_svg })])
    ]));
    var diffs = el("ul", { class: "diffs" });
    if (d.report && !d.differences.length) diffs.appendChild(el("li", { class: "ok", text: t("class-nodiff") }));
    d.differences.forEach(function (x) { diffs.appendChild(el("li", { class: "diff diff-" + x.mark, text: x.text })); });
    box.appendChild(diffs);
    box.scrollIntoView({ block: "start" });
  }).catch(showError);
}
register("class", renderClass);
