// @ts-check
// Topology: the lab's target network beside the account's (SVG drawn and escaped by sandpit-view).
import { $, clear, el } from "../dom.js";
import { busy, cmd, errorView, showError } from "../api.js";
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
/** @param {string} labId */
export function drawTopology(labId) {
  app.topologyLab = labId;
  const body = $("#topology-body");
  busy(function () { return cmd.topology(labId); }).then(function (v) {
    clear(body);
    body.appendChild(el("figure", { class: "topo target" }, [el("div", { class: "svg", html: v.target_svg })]));
    body.appendChild(el("figure", { class: "topo actual" }, [el("div", { class: "svg", html: v.actual_svg })]));
    const diffs = clear($("#topology-diffs"));
    if (!v.checked_at) diffs.appendChild(el("li", { class: "muted", text: t("topology-notchecked") }));
    else if (!v.differences.length) diffs.appendChild(el("li", { class: "ok", text: t("topology-nodiff") }));
    v.differences.forEach(function (d) { diffs.appendChild(el("li", { class: "diff diff-" + d.mark, text: d.text })); });
  }).catch(function (err) {
    clear(body).appendChild(el("div", { class: "error-card" }, [errorView(err)]));
  });
}

register("topology", renderTopology);
