// Sandpit desktop window. Plain JavaScript, no bundler, no remote content. Every action is a
// Tauri command (window.__TAURI__.core.invoke) onto the same library the `sandpit` CLI uses.
// HTML from the backend (lessons, lab instructions, topology SVG) is produced and sanitised in
// Rust; everything else is built with textContent.
"use strict";

(function () {
  var invoke = window.__TAURI__ && window.__TAURI__.core && window.__TAURI__.core.invoke;
  var I18N = window.SANDPIT_I18N;
  var app = { lang: "ko", info: null, view: "home", lab: null, report: null, guard: null,
              autoTimer: null, busy: 0, labs: null };

  // ---- helpers -----------------------------------------------------------------------------
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function t(key, vars) {
    var s = (I18N[app.lang] && I18N[app.lang][key]) || I18N.ko[key] || key;
    if (vars) Object.keys(vars).forEach(function (k) { s = s.replace("{" + k + "}", vars[k]); });
    return s;
  }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "class") e.className = attrs[k];
      else if (k === "html") e.innerHTML = attrs[k]; // only for HTML produced by the Rust side
      else if (k.indexOf("on") === 0) e.addEventListener(k.slice(2), attrs[k]);
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function messageOf(err) {
    if (!err) return t("common-error");
    if (typeof err === "string") return err;
    if (err.message) return err.message;
    return JSON.stringify(err);
  }
  function showError(err) {
    $("#error-text").textContent = messageOf(err);
    $("#error").hidden = false;
  }
  function hideError() { $("#error").hidden = true; }
  // Runs a command with the progress indicator; errors become a readable message.
  function call(cmd, args, label) {
    if (!invoke) return Promise.reject({ message: "The Tauri bridge is missing: open Sandpit with `make run`." });
    app.busy += 1;
    $("#busy-text").textContent = label || t("common-loading");
    $("#busy").hidden = false;
    var pending;
    // A synchronous throw (bad arguments, a missing command) must not leave the count raised.
    try { pending = Promise.resolve(invoke(cmd, args || {})); } catch (e) { pending = Promise.reject(e); }
    return pending.finally(function () {
      app.busy -= 1;
      if (app.busy <= 0) { app.busy = 0; $("#busy").hidden = true; }
    });
  }
  var STATUS_KEYS = { pass: "lab-status-pass", fail: "lab-status-fail", error: "lab-status-error",
    blocked: "lab-status-blocked", partial: "lab-status-partial", skipped: "step-status-skipped", none: "lab-status-none" };
  var TOPIC_KEYS = { basics: "topic-basics", security: "topic-security", networking: "topic-networking",
    compute: "topic-compute", databases: "topic-databases", storage: "topic-storage", delivery: "topic-delivery",
    serverless: "topic-serverless", operations: "topic-operations", cost: "topic-cost", devops: "topic-devops",
    project: "topic-project", notes: "topic-notes" };
  function statusLabel(status) { return t(STATUS_KEYS[status || "none"] || "lab-status-none"); }
  function statusBadge(status) {
    return el("span", { class: "badge status-" + (status || "none"), text: statusLabel(status) });
  }

  // ---- language ----------------------------------------------------------------------------
  function applyLang() {
    document.documentElement.lang = app.lang;
    $all("[data-i18n]").forEach(function (n) { n.textContent = t(n.getAttribute("data-i18n")); });
    $all("[data-i18n-placeholder]").forEach(function (n) { n.placeholder = t(n.getAttribute("data-i18n-placeholder")); });
  }

  // ---- navigation --------------------------------------------------------------------------
  function show(view) {
    app.view = view;
    $all(".view").forEach(function (v) { v.hidden = v.id !== "view-" + view; });
    $all(".nav").forEach(function (b) { b.classList.toggle("active", b.getAttribute("data-view") === view); });
    if (view !== "labs") stopAuto();
    hideError();
    var render = { home: renderHome, lessons: renderLessons, labs: renderLabList, topology: renderTopology,
                   cost: renderCost, class: renderClass, settings: renderSettings }[view];
    try { render(); } catch (e) { showError(e); }
  }

  // Links inside lessons and lab text: sandpit://lesson/<id>, sandpit://lab/<id>, #anchors.
  function onLinkClick(ev) {
    var a = ev.target.closest && ev.target.closest("a[href]");
    if (!a) return;
    var href = a.getAttribute("href");
    if (href.indexOf("sandpit://lesson/") === 0) {
      ev.preventDefault();
      openLesson(decodeURIComponent(href.slice("sandpit://lesson/".length)));
    } else if (href.indexOf("sandpit://lab/") === 0) {
      ev.preventDefault();
      openLab(decodeURIComponent(href.slice("sandpit://lab/".length)));
    } else if (href.charAt(0) === "#") {
      ev.preventDefault();
      var target = document.getElementById(decodeURIComponent(href.slice(1)));
      if (target) target.scrollIntoView({ behavior: "smooth", block: "start" });
    } else if (/^[a-z]+:/i.test(href)) {
      // No remote content inside the app: external links are not followed here.
      ev.preventDefault();
      showError((app.lang === "ko" ? "외부 링크는 앱 안에서 열지 않습니다: " : "External links do not open inside the app: ") + href);
    }
  }

  // ---- Home --------------------------------------------------------------------------------
  function renderHome() {
    renderContinue();
    renderHomeLabs();
    renderBudgetBanner();
    renderAccount();
    invoke("progress_status").then(showProgressStatus).catch(showError);
  }

  // The progress store: when checks, lessons opened and quiz answers are not being saved, say
  // so and why (a wrong or unreachable database URL, a data folder that cannot be written).
  function showProgressStatus(s) {
    var banner = $("#progress-banner");
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
    var body = clear($("#continue-body"));
    var info = app.info || {};
    if (!info.last_lesson && !info.last_lab) {
      body.appendChild(el("p", { text: t("home-continue-none") }));
      body.appendChild(el("button", { type: "button", class: "button primary", text: t("home-continue-start"),
        onclick: function () { loadLabs().then(function (labs) { if (labs.length) openLab(labs[0].id); }).catch(showError); } }));
      return;
    }
    if (info.last_lab) {
      body.appendChild(el("p", {}, [el("span", { class: "muted", text: t("home-continue-lab") + " " }),
        el("a", { href: "sandpit://lab/" + encodeURIComponent(info.last_lab), class: "lab-link", text: info.last_lab })]));
    }
    if (info.last_lesson) {
      body.appendChild(el("p", {}, [el("span", { class: "muted", text: t("home-continue-lesson") + " " }),
        el("a", { href: "sandpit://lesson/" + encodeURIComponent(info.last_lesson), class: "wikilink", text: info.last_lesson })]));
    }
  }

  function loadLabs() {
    return call("labs_list").then(function (labs) { app.labs = labs; return labs; });
  }

  function renderHomeLabs() {
    var list = clear($("#home-labs"));
    loadLabs().then(function (labs) {
      labs.forEach(function (lab) {
        var p = lab.progress;
        var pct = p ? Math.round((100 * p.passed) / Math.max(1, p.total)) : 0;
        var bar = el("div", { class: "bar" }, [el("div", { class: "bar-fill status-" + (p ? p.status : "none") })]);
        bar.firstChild.style.width = pct + "%"; // CSSOM, allowed by the CSP (no inline style attribute)
        list.appendChild(el("li", { "data-lab": lab.id }, [
          el("a", { href: "sandpit://lab/" + encodeURIComponent(lab.id), text: lab.title }),
          lab.billable ? el("span", { class: "badge billable", text: t("labs-billable") }) : null,
          bar,
          el("span", { class: "muted", text: p ? p.passed + "/" + p.total + " · " + statusLabel(p.status) : t("home-lab-notchecked") })
        ]));
      });
    }).catch(showError);
  }

  function renderBudgetBanner() {
    var banner = $("#budget-banner");
    banner.className = "banner banner-unknown";
    clear(banner).appendChild(el("span", { class: "spinner", "aria-hidden": "true" }));
    banner.appendChild(el("span", { text: " " + t("home-budget-loading") }));
    call("budget_status", {}, t("home-budget-loading")).then(function (g) {
      app.guard = g;
      clear(banner);
      banner.className = "banner banner-" + g.status;
      banner.setAttribute("data-status", g.status);
      var text = { guarded: "home-budget-guarded", unguarded: "home-budget-unguarded", "over-limit": "home-budget-over" }[g.status];
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
      banner.appendChild(el("span", { text: messageOf(err) }));
    });
  }

  // The one-click fix: limit + e-mail → budget_ensure.
  function budgetForm(done) {
    var limit = el("input", { type: "number", min: "1", step: "1", value: "22", name: "limit", class: "budget-limit" });
    var email = el("input", { type: "email", name: "email", placeholder: "you@example.com", class: "budget-email" });
    var msg = el("span", { class: "form-msg", role: "status" });
    var form = el("form", { class: "budget-form", novalidate: "novalidate" }, [
      el("strong", { text: t("labs-budget-title") }),
      el("label", {}, [el("span", { text: t("labs-budget-limit") }), limit]),
      el("label", {}, [el("span", { text: t("labs-budget-email") }), email]),
      el("button", { type: "submit", class: "button primary budget-create", text: t("labs-budget-create") }),
      el("small", { class: "muted", text: t("labs-budget-note") }),
      msg
    ]);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      msg.textContent = "";
      call("budget_ensure", { limit: Number(limit.value), email: email.value }, t("labs-budget-create") + "…")
        .then(function () { msg.textContent = t("labs-budget-done"); if (done) done(); })
        .catch(function (err) { msg.textContent = messageOf(err); msg.classList.add("error-text"); });
    });
    return form;
  }

  function renderAccount() {
    var body = clear($("#account-body"));
    body.appendChild(el("span", { class: "spinner", "aria-hidden": "true" }));
    call("whoami").then(function (who) {
      clear(body);
      body.setAttribute("data-connected", "true");
      body.appendChild(el("dl", { class: "kv" }, [
        el("dt", { text: "Account" }), el("dd", { text: who.account }),
        el("dt", { text: "ARN" }), el("dd", { text: who.arn }),
        el("dt", { text: app.lang === "ko" ? "리전" : "Region" }), el("dd", { text: who.region })
      ]));
      if (who.endpoint_url) {
        body.appendChild(el("p", { class: "warn", text: "⚠ " + t("home-account-emulator") + ": " + who.endpoint_url }));
      }
    }).catch(function (err) {
      clear(body);
      body.setAttribute("data-connected", "false");
      body.appendChild(el("p", {}, [el("strong", { text: t("home-account-none") })]));
      body.appendChild(el("p", { class: "muted", text: messageOf(err) }));
      body.appendChild(el("p", { text: t("home-account-how") }));
      var out = el("p", { class: "form-msg", role: "status" });
      body.appendChild(el("button", { type: "button", class: "button", id: "practice-locally", text: t("home-account-practice"),
        onclick: function () {
          call("practice_start").then(function (msg) { out.textContent = msg; renderAccount(); })
            .catch(function (e) { out.textContent = messageOf(e); });
        } }));
      body.appendChild(out);
    });
  }

  // ---- Lessons -----------------------------------------------------------------------------
  function renderLessons() {
    var tree = $("#lesson-tree");
    if (tree.getAttribute("data-lang") === app.lang && tree.firstChild) return;
    call("lessons_tree").then(function (groups) {
      clear(tree).setAttribute("data-lang", app.lang);
      groups.forEach(function (g) {
        var ul = el("ul");
        g.lessons.forEach(function (l) {
          ul.appendChild(el("li", {}, [el("a", { href: "sandpit://lesson/" + encodeURIComponent(l.id), "data-lesson": l.id,
            class: l.opened ? "opened" : null, text: l.title })]));
        });
        tree.appendChild(el("details", { open: "open" }, [el("summary", { text: TOPIC_KEYS[g.topic] ? t(TOPIC_KEYS[g.topic]) : g.topic }), ul]));
      });
    }).catch(showError);
  }

  var searchTimer = null;
  function onSearchInput() {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, 150);
  }
  function runSearch() {
    var q = $("#lesson-search").value.trim();
    var out = $("#search-results");
    if (!q) { out.hidden = true; clear(out); return; }
    invoke("lessons_search", { query: q }).then(function (hits) {
      clear(out);
      out.hidden = false;
      out.setAttribute("data-query", q);
      if (!hits.length) { out.appendChild(el("li", { class: "muted", text: t("lessons-noresults") })); return; }
      hits.forEach(function (h) {
        out.appendChild(el("li", { class: "hit" }, [
          el("a", { href: "sandpit://lesson/" + encodeURIComponent(h.id), "data-lesson": h.id, text: h.title }),
          el("p", { class: "snippet", html: h.snippet_html }) // escaped by sandpit-lessons, <mark> only
        ]));
      });
    }).catch(showError);
  }

  function openLesson(id) {
    if (app.view !== "lessons") show("lessons");
    var box = $("#lesson-content");
    return call("lesson_page", { id: id }).then(function (page) {
      box.innerHTML = page.html; // rendered and sanitised by sandpit-lessons
      box.setAttribute("data-lesson", page.id);
      box.scrollTop = 0;
      window.scrollTo(0, 0);
      if (window.SandpitQuiz) window.SandpitQuiz.init(box);
      $all("#lesson-tree a").forEach(function (a) { a.classList.toggle("current", a.getAttribute("data-lesson") === id); });
      if (app.info) app.info.last_lesson = id;
    }).catch(function (err) {
      clear(box).appendChild(el("div", { class: "error-card" }, [el("strong", { text: t("common-error") }), el("p", { text: messageOf(err) })]));
    });
  }

  // After quiz.js judged an answer, record it.
  function onQuizCheck(ev) {
    var button = ev.target.closest && ev.target.closest("[data-quiz-check]");
    if (!button) return;
    var question = button.closest("[data-quiz-question]");
    var lesson = $("#lesson-content").getAttribute("data-lesson");
    if (!question || !lesson) return;
    setTimeout(function () {
      var right = question.classList.contains("is-correct");
      var wrong = question.classList.contains("is-wrong");
      if (!right && !wrong) return;
      var index = $all("[data-quiz-question]", $("#lesson-content")).indexOf(question);
      invoke("record_quiz_answer", { lesson: lesson, question: String(index + 1), correct: right })
        .then(function (s) {
          question.setAttribute("data-recorded", right ? "correct" : "wrong");
          if (s && !s.saving) { showProgressStatus(s); showError(t("progress-notSaved") + ": " + (s.error || "")); }
        })
        .catch(showError);
    }, 0);
  }

  // ---- Labs --------------------------------------------------------------------------------
  function renderLabList() {
    $("#lab-list-wrap").hidden = !!app.lab;
    $("#lab-runner").hidden = !app.lab;
    if (app.lab) return;
    var list = clear($("#lab-list"));
    loadLabs().then(function (labs) {
      labs.forEach(function (lab) {
        var status = lab.progress ? lab.progress.status : null;
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

  function openLab(id) {
    stopAuto();
    app.lab = null;
    app.report = null;
    return call("lab_detail", { lab: id }).then(function (detail) {
      app.lab = detail.lab;
      app.report = detail.last;
      if (app.info) app.info.last_lab = id;
      if (app.view !== "labs") show("labs"); else renderLabList();
      renderRunner();
      if (app.lab.billable && !app.report) {
        // Before the first check, lock the later steps if the account has no guard.
        call("budget_status").then(function (g) { app.guard = g; renderRunner(); }).catch(function () {});
      }
    }).catch(showError);
  }

  function lockedSet() {
    var locked = {};
    var lab = app.lab;
    if (!lab) return locked;
    if (app.report) {
      app.report.locked.forEach(function (id) { locked[id] = true; });
    } else if (lab.billable && app.guard && app.guard.status !== "guarded") {
      lab.steps.forEach(function (s) { if (!s.preflight) locked[s.id] = true; });
    }
    return locked;
  }

  function reportStep(id) {
    if (!app.report) return null;
    for (var i = 0; i < app.report.report.steps.length; i++) {
      if (app.report.report.steps[i].id === id) return app.report.report.steps[i];
    }
    return null;
  }

  function renderRunner() {
    var lab = app.lab;
    var root = clear($("#lab-runner"));
    if (!lab) return;
    root.hidden = false;
    $("#lab-list-wrap").hidden = true;
    root.setAttribute("data-lab", lab.id);
    var locked = lockedSet();
    var r = app.report && app.report.report;

    var head = el("div", { class: "runner-head" }, [
      el("button", { type: "button", class: "link-button", id: "lab-back", text: t("labs-back"),
        onclick: function () { stopAuto(); app.lab = null; renderLabList(); } }),
      el("h1", { text: lab.title }),
      lab.billable ? el("span", { class: "badge billable", text: t("labs-billable") }) : null,
      el("span", { id: "lab-status", "data-status": r ? r.status : "none" }, [statusBadge(r ? r.status : null)])
    ]);
    root.appendChild(head);
    root.appendChild(el("div", { class: "lab-summary", html: lab.summary_html }));

    var auto = el("input", { type: "checkbox", id: "auto-recheck" });
    auto.checked = !!app.autoTimer;
    var every = el("select", { id: "auto-every" }, [15, 30, 60, 120].map(function (n) {
      return el("option", { value: String(n), text: n + t("labs-seconds") });
    }));
    every.value = String(app.autoEvery || 30);
    auto.addEventListener("change", function () { if (auto.checked) startAuto(Number(every.value)); else stopAuto(); });
    every.addEventListener("change", function () { app.autoEvery = Number(every.value); if (auto.checked) startAuto(app.autoEvery); });
    var toolbar = el("div", { class: "runner-toolbar" }, [
      el("button", { type: "button", class: "button primary", id: "check-lab", text: t("labs-checkLab"),
        onclick: function () { checkLab([]); } }),
      el("label", { class: "auto" }, [auto, " " + t("labs-auto") + " ", el("span", { text: t("labs-every") + " " }), every]),
      el("a", { href: "#", class: "link-button", text: t("labs-topology"),
        onclick: function (ev) { ev.preventDefault(); ev.stopPropagation(); app.topologyLab = lab.id; show("topology"); } }),
      r ? el("span", { class: "muted", id: "lab-summary-line", text: t("labs-summary", r.summary) + " · " + t("labs-lastChecked") + " " +
        new Date(r.checked_at).toLocaleTimeString() }) : null
    ]);
    root.appendChild(toolbar);
    if (app.report && app.report.endpoint_url) {
      root.appendChild(el("p", { class: "warn", text: "⚠ " + t("home-account-emulator") + ": " + app.report.endpoint_url }));
    }

    var steps = el("ol", { class: "steps" });
    lab.steps.forEach(function (s, i) {
      var res = reportStep(s.id);
      var isLocked = !!locked[s.id];
      var status = isLocked ? "blocked" : (res ? res.status : null);
      var li = el("li", { class: "step" + (isLocked ? " locked" : "") + (s.preflight ? " preflight" : ""),
        "data-step": s.id, "data-status": status || "none" });
      li.appendChild(el("div", { class: "step-head" }, [
        el("span", { class: "step-num", text: String(i + 1) }),
        el("h2", { text: s.title }),
        isLocked ? el("span", { class: "lock", title: t("labs-locked"), "aria-label": t("labs-locked"), text: "🔒" }) : null,
        el("span", { class: "step-status" }, [statusBadge(status)]),
        el("button", { type: "button", class: "button check-step", text: t("labs-checkStep"), disabled: isLocked ? "disabled" : null,
          onclick: function () { checkLab([s.id]); } })
      ]));
      if (isLocked) li.appendChild(el("p", { class: "locked-note", text: "🔒 " + t("labs-locked") }));
      var findings = el("div", { class: "findings" });
      if (res && res.findings && res.findings.length) {
        res.findings.forEach(function (f) { findings.appendChild(findingView(f)); });
      }
      li.appendChild(findings);
      var body = el("div", { class: "step-body" });
      body.appendChild(el("h3", { text: t("labs-console") }));
      body.appendChild(el("div", { class: "md", html: s.console_html }));
      if (s.cli) {
        body.appendChild(el("h3", { text: t("labs-cli") }));
        body.appendChild(el("pre", { class: "cli" }, [el("code", { text: s.cli })]));
      }
      body.appendChild(el("details", { class: "why" }, [el("summary", { text: t("labs-why") }), el("div", { class: "md", html: s.why_html })]));
      if (s.hints.length) {
        var hints = el("ol", { class: "hints" });
        var shown = 0;
        var more = el("button", { type: "button", class: "link-button hint-button", text: t("labs-hint") });
        more.addEventListener("click", function () {
          if (shown < s.hints.length) hints.appendChild(el("li", { text: s.hints[shown] }));
          shown += 1;
          more.textContent = t("labs-hintMore") + " (" + Math.min(shown, s.hints.length) + "/" + s.hints.length + ")";
          if (shown >= s.hints.length) more.disabled = true;
        });
        body.appendChild(hints);
        body.appendChild(more);
      }
      if (s.lessons.length) {
        body.appendChild(el("p", { class: "step-lessons" }, [el("span", { class: "muted", text: t("labs-lessons") + ": " })].concat(
          s.lessons.map(function (l) { return el("a", { href: "sandpit://lesson/" + encodeURIComponent(l), class: "wikilink", text: l }); }))));
      }
      if (s.preflight && status !== "pass") body.appendChild(budgetForm(function () { checkLab([]); }));
      li.appendChild(body);
      steps.appendChild(li);
    });
    root.appendChild(steps);
    if (lab.cleanup_html) {
      root.appendChild(el("section", { class: "cleanup" }, [el("h2", { text: t("labs-cleanup") }), el("div", { class: "md", html: lab.cleanup_html })]));
    }
  }

  function findingView(f) {
    var rows = [el("p", { class: "finding-message", text: f.message })];
    var kv = el("dl", { class: "kv" });
    [["resource", f.resource, "finding-resource"], ["expected", f.expected, "finding-expected"], ["found", f.found, "finding-found"],
      ["hint", f.hint, "finding-hint"]].forEach(function (p) {
      if (p[1]) { kv.appendChild(el("dt", { text: t(p[2]) })); kv.appendChild(el("dd", { class: "finding-" + p[0], text: p[1] })); }
    });
    if (kv.firstChild) rows.push(kv);
    return el("div", { class: "finding finding-" + f.status, "data-status": f.status }, rows);
  }

  function checkLab(steps) {
    var lab = app.lab;
    if (!lab) return Promise.resolve();
    var runner = $("#lab-runner");
    runner.setAttribute("data-state", "checking");
    $all("#lab-runner button.check-step, #check-lab").forEach(function (b) { b.disabled = true; });
    return call("check_lab", { lab: lab.id, steps: steps }, t("labs-checking")).then(function (view) {
      if (!app.lab || app.lab.id !== lab.id) return;
      // A check of some steps comes back merged with the last check (labview::merge_checks).
      app.report = view;
      renderRunner();
    }).catch(function (err) {
      showError(err);
      renderRunner();
    }).finally(function () {
      var r = $("#lab-runner");
      if (r) r.setAttribute("data-state", "idle");
    });
  }

  function startAuto(seconds) {
    stopAuto();
    app.autoEvery = seconds;
    app.autoTimer = setInterval(function () {
      if ($("#lab-runner").getAttribute("data-state") !== "checking") checkLab([]);
    }, seconds * 1000);
  }
  function stopAuto() {
    if (app.autoTimer) clearInterval(app.autoTimer);
    app.autoTimer = null;
  }

  // ---- Topology ----------------------------------------------------------------------------
  function renderTopology() {
    var select = $("#topology-lab");
    loadLabs().then(function (labs) {
      clear(select);
      labs.forEach(function (l) { select.appendChild(el("option", { value: l.id, text: l.title })); });
      select.value = app.topologyLab || (app.info && app.info.last_lab) || labs[0].id;
      drawTopology(select.value);
    }).catch(showError);
  }
  function drawTopology(labId) {
    app.topologyLab = labId;
    var body = $("#topology-body");
    call("topology", { lab: labId }).then(function (v) {
      clear(body);
      body.appendChild(el("figure", { class: "topo target" }, [el("div", { class: "svg", html: v.target_svg })]));
      body.appendChild(el("figure", { class: "topo actual" }, [el("div", { class: "svg", html: v.actual_svg })]));
      var diffs = clear($("#topology-diffs"));
      if (!v.checked_at) diffs.appendChild(el("li", { class: "muted", text: t("topology-notchecked") }));
      else if (!v.differences.length) diffs.appendChild(el("li", { class: "ok", text: t("topology-nodiff") }));
      v.differences.forEach(function (d) { diffs.appendChild(el("li", { class: "diff diff-" + d.mark, text: d.text })); });
    }).catch(function (err) {
      clear(body).appendChild(el("div", { class: "error-card" }, [el("p", { text: messageOf(err) })]));
    });
  }

  // ---- Cost --------------------------------------------------------------------------------
  function renderCost() {
    var body = clear($("#cost-body"));
    body.appendChild(el("span", { class: "spinner", "aria-hidden": "true" }));
    call("cost_report").then(function (report) {
      clear(body);
      var money = function (v) { return v === null || v === undefined ? "—" : "$" + Number(v).toFixed(v < 1 ? 3 : 2); };
      body.appendChild(el("div", { class: "banner " + (report.items.length ? "banner-unguarded" : "banner-guarded"), id: "cost-total" }, [
        el("strong", { text: report.items.length ? t("cost-running", { n: report.items.length }) : t("cost-none") }),
        el("span", { text: "  " + money(report.total_hourly) + t("cost-perHour") + " · " + money(report.total_monthly) + t("cost-perMonth") })
      ]));
      if (report.items.length) {
        var rows = report.items.map(function (i) {
          return el("tr", {}, [el("td", { text: i.kind }), el("td", { class: "mono", text: i.id }), el("td", { text: i.detail }),
            el("td", { text: money(i.hourly) }), el("td", { text: money(i.monthly) }),
            el("td", { text: i.running_hours === null || i.running_hours === undefined ? "—" : Number(i.running_hours).toFixed(1) + "h" })]);
        });
        body.appendChild(el("table", { class: "cost-table" }, [el("thead", {}, [el("tr", {}, ["cost-kind", "cost-id", "cost-detail", "cost-hourly", "cost-monthly", "cost-runningFor"].map(function (k) {
          return el("th", { text: t(k) }); }))]), el("tbody", {}, rows)]));
      }
      if (report.teardown.length) {
        body.appendChild(el("h2", { text: t("cost-teardown") }));
        var ol = el("ol", { class: "teardown" });
        report.teardown.forEach(function (step) {
          ol.appendChild(el("li", {}, [el("p", { class: "muted", text: step.resource + (step.note ? " — " + step.note[app.lang] : "") }),
            el("pre", { class: "cli" }, [el("code", { text: step.command })])]));
        });
        body.appendChild(ol);
      }
      body.appendChild(el("p", { class: "muted", text: t("cost-asOf", { date: report.prices_as_of }) +
        (report.unreadable.length ? " · " + t("cost-unreadable") + " " + report.unreadable.join(", ") : "") }));
    }).catch(function (err) {
      clear(body);
      var unavailable = err && err.kind === "unavailable";
      body.appendChild(el("div", { class: unavailable ? "placeholder card" : "error-card", id: "cost-placeholder" }, [
        el("h2", { text: unavailable ? t("cost-unavailable") : t("common-error") }),
        el("p", { text: messageOf(err) }),
        el("p", { class: "muted", text: t("cost-meanwhile") })
      ]));
    });
  }

  // ---- Settings ----------------------------------------------------------------------------
  function renderSettings() {
    var s = (app.info && app.info.settings) || {};
    $("#set-lang").value = (app.info && app.info.lang) || "ko";
    $("#set-profile").value = s.profile || "";
    $("#set-region").value = s.region || "";
    $("#set-endpoint").value = s.endpoint_url || "";
    $("#set-db").value = s.database_url || "";
    $("#settings-file").textContent = (app.info && app.info.settings_file) || "";
    $all("#settings-form .invalid").forEach(function (n) { n.classList.remove("invalid"); });
  }
  function saveSettings(ev) {
    ev.preventDefault();
    $("#settings-saved").hidden = true;
    $all("#settings-form .invalid").forEach(function (n) { n.classList.remove("invalid"); });
    var settings = { lang: $("#set-lang").value, profile: $("#set-profile").value, region: $("#set-region").value,
                     endpoint_url: $("#set-endpoint").value, database_url: $("#set-db").value };
    call("save_settings", { settings: settings }).then(function (info) {
      app.info = info;
      app.lang = info.lang;
      applyLang();
      updateChrome();
      $("#lesson-tree").removeAttribute("data-lang");
      $("#settings-saved").hidden = false;
      // A new database URL is tried at once: a wrong one is said here, not discovered later.
      return invoke("progress_status").then(function (s) {
        showProgressStatus(s);
        if (!s.saving) showError(t("progress-notSaved") + ": " + (s.error || ""));
      });
    }).catch(function (err) {
      if (err && err.field) {
        var input = $("#settings-form [name='" + err.field + "']");
        if (input) input.classList.add("invalid");
      }
      showError(err);
    });
  }

  function updateChrome() {
    var info = app.info || {};
    $("#version").textContent = "Sandpit " + (info.version || "");
    var badge = $("#endpoint-badge");
    badge.hidden = !info.endpoint_url;
    badge.textContent = info.endpoint_url ? "⚠ " + t("common-emulator") + " · " + info.endpoint_url : "";
  }

  // ---- Class (instructors) ------------------------------------------------------------------
  // A roster, the team × step matrix of one lab (class_check: the same sandpit-classroom call as
  // `sandpit class check`, with its --concurrency and --param, progress on a channel as each team
  // finishes), the matrix's CSV/JSON export (class_export), and one team drilled into.
  var classView = { roster: null, matrix: null, team: null, checking: false, info: null,
                    params: {}, exportFormat: "csv", exportPath: "", exported: null };
  var CLASS_MARKS = { pass: "✔", fail: "✘", error: "!", blocked: "⊘", skipped: "·" };

  function initClass() {
    $("#class-form").addEventListener("submit", function (ev) { ev.preventDefault(); loadRoster(); });
    $("#class-check").addEventListener("click", function () { checkClass(); });
    $("#class-lab").addEventListener("change", function () { clearClassFieldErrors(); renderParamFields(); });
    $("#class-concurrency").addEventListener("input", clearClassFieldErrors);
  }

  function renderClass() {
    Promise.all([loadLabs(), call("class_info")]).then(function (r) {
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

  function classParams() {
    var values = classView.params[$("#class-lab").value] || {};
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
      el("strong", { text: t("class-notChecked") }), el("br"), messageOf(err)]));
    input.focus();
    input.scrollIntoView({ block: "center" });
    return true;
  }

  function renderRosterInfo(roster, err) {
    var box = clear($("#class-roster-info"));
    var input = $("#class-roster");
    input.classList.toggle("invalid", !!err);
    if (err) {
      box.appendChild(el("div", { class: "error-card", id: "class-roster-error", role: "alert" }, [el("p", { text: messageOf(err) })]));
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
    return call("class_roster", { path: $("#class-roster").value }).then(function (roster) {
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
    var core = window.__TAURI__ && window.__TAURI__.core;
    if (!core || !core.Channel) return Promise.reject({ message: "The Tauri bridge is missing: open Sandpit with `make run`." });
    classView.checking = true;
    var body = $("#class-body");
    body.setAttribute("data-state", "checking");
    $("#class-check").disabled = true;
    $("#class-load").disabled = true;
    showClassProgress(0, classView.roster ? classView.roster.teams.length : 0, null);
    clearClassFieldErrors();
    var progress = new core.Channel();
    progress.onmessage = function (p) { showClassProgress(p.done, p.total, p.team); };
    var conc = $("#class-concurrency");
    // A number field holds "" when what was typed is not a number: send what the user sees refused.
    var concurrency = conc.validity && conc.validity.badInput ? "?" : conc.value;
    var options = { concurrency: concurrency, params: classParams() };
    return call("class_check", { roster: $("#class-roster").value, lab: $("#class-lab").value, options: options,
      onProgress: progress }, t("class-checkingAll")).then(function (matrix) {
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
    var m = classView.matrix;
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
        t("class-checkedAt") + " " + new Date(m.checked_at).toLocaleTimeString() })
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
      el("th", { scope: "col", text: t("class-account") })].concat(m.steps.map(function (s, i) {
        return el("th", { scope: "col", class: "step-col", title: s.title, "data-step": s.id }, [el("abbr", { title: s.title, text: String(i + 1) })]);
      })).concat([el("th", { scope: "col", text: t("class-passed") }), el("th", { scope: "col", text: t("class-status") })]));
    var rows = m.teams.map(function (row) {
      var cells = [el("th", { scope: "row", class: "team", text: row.team }), el("td", { class: "mono", text: row.account })];
      if (row.error) {
        cells.push(el("td", { class: "team-error", colspan: String(m.steps.length) }, [
          el("span", { class: "mark", "aria-hidden": "true", text: "! " }),
          el("strong", { text: row.error.reason + ": " }), row.error.message]));
      } else {
        row.steps.forEach(function (s, i) { cells.push(classCell(s, m.steps[i] ? m.steps[i].title : s.id)); });
      }
      cells.push(el("td", { class: "passed", text: row.error ? "—" : row.passed + "/" + m.steps.length }));
      cells.push(el("td", {}, [statusBadge(row.status)]));
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
      el("ol", {}, m.steps.map(function (s) { return el("li", { "data-step": s.id }, [s.title + " ", el("code", { class: "muted", text: s.id })]); }))]));
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
        result.appendChild(document.createTextNode(r.error));
        return;
      }
      result.setAttribute("data-state", "saved");
      result.appendChild(el("span", { class: "ok", text: "✔ " + t("class-export-saved") + " " }));
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
      call("class_export", { format: format.value, path: path.value }).then(function (r) {
        classView.exported = r;
        showResult(r);
      }).catch(function (err) {
        if (err && err.field === "export_path") path.classList.add("invalid");
        classView.exported = { error: messageOf(err) };
        showResult(classView.exported);
      });
    });
    return form;
  }

  function closeClassTeam() {
    classView.team = null;
    var box = clear($("#class-team"));
    box.hidden = true;
    box.removeAttribute("data-team");
    $all("#class-matrix tr.team-row").forEach(function (r) { r.classList.remove("selected"); });
  }

  function openClassTeam(team) {
    classView.team = team;
    $all("#class-matrix tr.team-row").forEach(function (r) { r.classList.toggle("selected", r.getAttribute("data-team") === team); });
    var box = $("#class-team");
    return call("class_team", { team: team }).then(function (d) {
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
          el("p", { text: d.error.reason + ": " + d.error.message })]));
      }
      if (d.report) {
        box.appendChild(el("h3", { text: t("class-findings") }));
        box.appendChild(el("ol", { class: "steps team-steps" }, d.report.steps.map(function (s, i) {
          var findings = el("div", { class: "findings" });
          s.findings.forEach(function (f) { findings.appendChild(findingView(f)); });
          return el("li", { class: "step", "data-step": s.id, "data-status": s.status }, [
            el("div", { class: "step-head" }, [el("span", { class: "step-num", text: String(i + 1) }), el("h2", { text: s.title }),
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

  // ---- start -------------------------------------------------------------------------------
  function start() {
    $all(".nav").forEach(function (b) { b.addEventListener("click", function () {
      if (b.getAttribute("data-view") === "labs") { stopAuto(); app.lab = null; }
      show(b.getAttribute("data-view"));
    }); });
    $("#error-close").addEventListener("click", hideError);
    $("#lesson-search").addEventListener("input", onSearchInput);
    $("#settings-form").addEventListener("submit", saveSettings);
    $("#topology-lab").addEventListener("change", function (ev) { drawTopology(ev.target.value); });
    $("#topology-refresh").addEventListener("click", function () { drawTopology($("#topology-lab").value); });
    initClass();
    document.addEventListener("click", onLinkClick);
    document.addEventListener("click", onQuizCheck);
    window.addEventListener("unhandledrejection", function (ev) { showError(ev.reason); });
    window.addEventListener("error", function (ev) { showError(ev.message); });
    if (!invoke) {
      showError("The Tauri bridge is missing: open Sandpit with `make run`.");
      return;
    }
    invoke("app_info").then(function (info) {
      app.info = info;
      app.lang = info.lang || "ko";
      applyLang();
      updateChrome();
      show("home");
      document.body.setAttribute("data-ready", "true");
      // Two frames later the first screen is on the glass: tell the backend (benchmark).
      requestAnimationFrame(function () { requestAnimationFrame(function () {
        invoke("first_paint").then(function (ms) { document.body.setAttribute("data-first-paint-ms", String(ms)); });
      }); });
    }).catch(function (err) {
      show("home");
      showError(err);
      document.body.setAttribute("data-ready", "true");
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
