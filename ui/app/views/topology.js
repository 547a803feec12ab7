// @ts-check
// Topology: the lab's target network beside the account's (SVG drawn and escaped by sandpit-view).
import { $, clear, el } from "../dom.js";
import { busy, cmd, errorView, newest, showError } from "../api.js";
import { t } from "../i18n.js";
import { register } from "../nav.js";
import { app } from "../state.js";
import { loadLabs } from "./labs.js";

export function renderTopology() {
  const select = $("#topology-lab");
  loadLabs().then(function (labs) {
    clear(select);
    labs.forEach(function (l) { select.appendChild(el("option", { value: l.id, text: l.title })); });
    select.value = app.topologyLab || (app.info && app.info.last_lab && app.info.last_lab.id) || labs[0].id;
    drawTopology(select.value);
  }).catch(showError);
}
const drawTurn = newest();
const reachTurn = newest();

/** @param {string} labId */
export function drawTopology(labId) {
  app.topologyLab = labId;
  const body = $("#topology-body");
  const current = drawTurn();
  busy(function () { return cmd.topology(labId); }).then(function (v) {
    if (!current()) return;
    clear(body);
    body.appendChild(el("figure", { class: "topo target" }, [el("div", { class: "svg", html: v.target_svg })]));
    body.appendChild(el("figure", { class: "topo actual" }, [el("div", { class: "svg", html: v.actual_svg })]));
    pickable(body);
    const diffs = clear($("#topology-diffs"));
    if (!v.checked_at) diffs.appendChild(el("li", { class: "muted", text: t("topology-notchecked") }));
    else if (!v.differences.length) diffs.appendChild(el("li", { class: "ok", text: t("topology-nodiff") }));
    v.differences.forEach(function (d) { diffs.appendChild(el("li", { class: "diff diff-" + d.mark, text: d.text })); });
  }).catch(function (err) {
    if (current()) clear(body).appendChild(el("div", { class: "error-card" }, [errorView(err)]));
  });
  cmd.reachEndpoints(labId).then(function (choices) {
    if (!current()) return;
    const list = clear($("#reach-endpoints"));
    choices.forEach(function (c) { list.appendChild(el("option", { value: c.value, text: c.label })); });
  }).catch(function () { /* the form still takes ids typed by hand */ });
  const q = app.reachPrefill;
  if (q) {
    app.reachPrefill = null;
    $("#reach-from").value = q.from; $("#reach-from-subnet").value = q.from_subnet || "";
    $("#reach-to").value = q.to; $("#reach-to-subnet").value = q.to_subnet || "";
    $("#reach-port").value = q.port == null ? "" : String(q.port); $("#reach-protocol").value = q.protocol || "tcp";
    pickNext = "from";
    askReach();
  }
}

/** The path question over the lab's last check (handlers::reach_question), drawn over the picture. */
function askReach() {
  const result = clear($("#reach-result"));
  const port = $("#reach-port").value;
  /** @type {import("../gen/bindings").Question} */
  const question = { from: $("#reach-from").value.trim(), to: $("#reach-to").value.trim(),
    from_subnet: $("#reach-from-subnet").value.trim() || null, to_subnet: $("#reach-to-subnet").value.trim() || null,
    protocol: $("#reach-protocol").value, port: null };
  // ICMP and all traffic have no port (the library refuses one): the field's number is for tcp and udp.
  if (port && (question.protocol === "tcp" || question.protocol === "udp")) question.port = Number(port);
  const current = reachTurn();
  busy(function () { return cmd.reach(app.topologyLab || "", question); }).then(function (v) {
    if (!current()) return;
    result.appendChild(el("figure", { class: "topo reach" }, [el("div", { class: "svg", html: v.svg })]));
    pickable(result);
    result.appendChild(el("p", { class: v.answer.reachable ? "ok" : "warn", text: v.overlay.headline }));
    const hops = el("ol", { class: "reach-hops" });
    v.answer.hops.forEach(function (h) {
      const item = el("li", { class: h.verdict === "allow" ? "allow" : "deny", "data-hop": String(h.n),
        text: (h.verdict === "allow" ? "✓ " : "× ") + h.resource + " — " + h.rule + " · " + h.detail });
      if (h.fix) item.appendChild(el("div", { class: "fix", text: t("reach-fix") + ": " + h.fix }));
      hops.appendChild(item);
    });
    result.appendChild(hops);
    result.appendChild(el("p", { class: "muted beyond-network", text: v.answer.beyond_network }));
    if (v.read_now.length) result.appendChild(el("p", { class: "muted", text: t("reach-read-now", { kinds: v.read_now.join(", ") }) }));
  }).catch(function (err) {
    if (current()) result.appendChild(el("div", { class: "error-card" }, [errorView(err)]));
  });
}

/** Which end of the question the next picked element fills. */
let pickNext = "from";

/**
 * Makes the pictures' path ends (subnets, instances, databases, load balancers, tagged
 * `data-endpoint` by the drawing) reachable from the keyboard and named for screen readers.
 * @param {Element} root
 */
function pickable(root) {
  root.querySelectorAll("[data-endpoint]").forEach(function (n) {
    const title = n.querySelector(":scope > title");
    n.setAttribute("tabindex", "0");
    n.setAttribute("role", "button");
    n.setAttribute("aria-label", t("reach-pick-label", { name: title ? title.textContent : n.getAttribute("data-endpoint") }));
  });
  markPicked();
}

/** Outlines the elements the form's From and To name, in every picture. */
function markPicked() {
  const from = $("#reach-from").value.trim(), to = $("#reach-to").value.trim();
  document.querySelectorAll("#view-topology [data-endpoint]").forEach(function (n) {
    const id = n.getAttribute("data-endpoint");
    n.classList.toggle("picked-from", !!from && id === from);
    n.classList.toggle("picked-to", !!to && id === to);
  });
}

/**
 * A click (or Enter) on a picture's element fills From, the next one To, and so on by turns;
 * the end's subnet field is emptied, as the element says where it is.
 * @param {Event} ev
 */
function pick(ev) {
  const target = /** @type {Element | null} */ (ev.target);
  const node = target && target.closest ? target.closest("#view-topology .topo [data-endpoint]") : null;
  if (!node) return;
  ev.preventDefault();
  const end = pickNext;
  $("#reach-" + end).value = node.getAttribute("data-endpoint") || "";
  $("#reach-" + end + "-subnet").value = "";
  pickNext = end === "from" ? "to" : "from";
  markPicked();
}

$("#view-topology").addEventListener("click", pick);
$("#view-topology").addEventListener("keydown", function (/** @type {KeyboardEvent} */ ev) {
  if (ev.key === "Enter" || ev.key === " ") pick(ev);
});

$("#reach-form").addEventListener("submit", function (/** @type {Event} */ ev) { ev.preventDefault(); askReach(); });

register("topology", renderTopology);
