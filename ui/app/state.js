// @ts-check
// What the window holds between views.

/** @typedef {import("./gen/bindings").AppInfo} AppInfo */
/** @typedef {import("./gen/bindings").LabView} LabView */
/** @typedef {import("./gen/bindings").ReportView} ReportView */
/** @typedef {import("./gen/bindings").RunnerState} RunnerState */
/** @typedef {import("./gen/bindings").LabListItem} LabListItem */
/** @typedef {import("./gen/bindings").GuardStatus} GuardStatus */

export const app = {
  /** @type {"ko" | "en"} */ lang: "ko",
  /** @type {AppInfo | null} */ info: null,
  view: "home",
  /** @type {LabView | null} */ lab: null,
  /** @type {ReportView | null} */ report: null,
  /** @type {RunnerState | null} */ runner: null,
  /** @type {GuardStatus | null} */ guard: null,
  /** @type {number | null} */ autoTimer: null,
  autoEvery: 30,
  busy: 0,
  /** @type {LabListItem[] | null} */ labs: null,
  /** @type {string | null} */ topologyLab: null,
  /** A path question a lab step asked for, answered when the topology view opens. */
  /** @type {import("./gen/bindings").Question | null} */ reachPrefill: null,
  /** The account the open lab's confirmed parameters belong to. */
  /** @type {string | null} */ account: null,
  /** @type {import("./gen/bindings").ParamInUse[]} */ confirmed: [],
  /** "이것이 내 리소스인가요?" on the open lab, when shown. */
  /** @type {import("./gen/bindings").DiscoverView | null} */ discovery: null,
  /** Whether the learner asked for it ("내 리소스 찾기") rather than a check offering it. */
  discoveryAsked: false,
};
