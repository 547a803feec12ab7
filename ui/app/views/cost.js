// @ts-check
// Cost: what billable resources run now, their estimated cost, and the order to delete them
// (the same meter as `sandpit cost --json`).
import { $, clear, el } from "../dom.js";
import { busy, cmd, errorView } from "../api.js";
import { t } from "../i18n.js";
import { register } from "../nav.js";
import { app } from "../state.js";

export function renderCost() {
  const body = clear($("#cost-body"));
  body.appendChild(el("span", { class: "spinner", "aria-hidden": "true" }));
  busy(cmd.costReport).then(function (report) {
    clear(body);
    /** @param {number | null | undefined} v */
    const money = function (v) { return v === null || v === undefined ? "—" : "$" + Number(v).toFixed(v < 1 ? 3 : 2); };
    body.appendChild(el("div", { class: "banner " + (report.items.length ? "banner-unguarded" : "banner-guarded"), id: "cost-total" }, [
      el("strong", { text: report.items.length ? t("cost-running", { n: report.items.length }) : t("cost-none") }),
      el("span", { text: "  " + money(report.total_hourly) + t("cost-perHour") + " · " + money(report.total_monthly) + t("cost-perMonth") })
    ]));
    if (report.items.length) {
      const rows = report.items.map(function (i) {
        return el("tr", {}, [el("td", { text: i.kind }), el("td", { class: "mono", text: i.id }), el("td", { text: i.detail }),
          el("td", { text: money(i.hourly) }), el("td", { text: money(i.monthly) }),
          el("td", { text: i.running_hours === null || i.running_hours === undefined ? "—" : Number(i.running_hours).toFixed(1) + "h" })]);
      });
      body.appendChild(el("table", { class: "cost-table" }, [el("thead", {}, [el("tr", {}, ["cost-kind", "cost-id", "cost-detail", "cost-hourly", "cost-monthly", "cost-runningFor"].map(function (k) {
        return el("th", { text: t(k) }); }))]), el("tbody", {}, rows)]));
    }
    if (report.teardown.length) {
      body.appendChild(el("h2", { text: t("cost-teardown") }));
      const ol = el("ol", { class: "teardown" });
      report.teardown.forEach(function (step) {
        ol.appendChild(el("li", {}, [el("p", { class: "muted", text: step.resource + (step.note ? " — " + step.note[app.lang === "ko" ? "ko" : "en"] : "") }),
          el("pre", { class: "cli" }, [el("code", { text: step.command })])]));
      });
      body.appendChild(ol);
    }
    body.appendChild(el("p", { class: "muted", text: t("cost-asOf", { date: report.prices_as_of }) +
      (report.unreadable.length ? " · " + t("cost-unreadable") + " " + report.unreadable.join(", ") : "") }));
  }).catch(function (err) {
    clear(body);
    body.appendChild(el("div", { class: "error-card", id: "cost-placeholder" }, [
      el("h2", { text: t("common-error") }),
      errorView(err),
      el("p", { class: "muted", text: t("cost-meanwhile") })
    ]));
  });
}
register("cost", renderCost);
