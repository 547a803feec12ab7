// @ts-check
// Lessons: the tree by topic, search, one page (rendered and sanitised by sandpit-lessons), quiz
// answers recorded, and Back after following a link from one lesson to another.
import { $, $all, clear, el } from "../dom.js";
import { busy, cmd, errorView, newest, showError } from "../api.js";
import { t } from "../i18n.js";
import { register, show } from "../nav.js";
import { app } from "../state.js";
import { showProgressStatus } from "./home.js";

const TOPIC_KEYS = { basics: "topic-basics", security: "topic-security", networking: "topic-networking",
  compute: "topic-compute", databases: "topic-databases", storage: "topic-storage", delivery: "topic-delivery",
  serverless: "topic-serverless", operations: "topic-operations", cost: "topic-cost", devops: "topic-devops",
  project: "topic-project", notes: "topic-notes" };

/** Lessons opened before the one shown, for Back. @type {string[]} */
const history = [];
/** @type {string | null} */
let current = null;

function renderLessons() {
  const tree = $("#lesson-tree");
  if (tree.getAttribute("data-lang") === app.lang && tree.firstChild) return;
  busy(cmd.lessonsTree).then(function (groups) {
    clear(tree).setAttribute("data-lang", app.lang);
    groups.forEach(function (g) {
      const ul = el("ul");
      g.lessons.forEach(function (l) {
        ul.appendChild(el("li", {}, [el("a", { href: "sandpit://lesson/" + encodeURIComponent(l.id), "data-lesson": l.id,
          "data-from": "tree", class: l.opened ? "opened" : null, text: l.title })]));
      });
      const key = /** @type {Record<string, string>} */ (TOPIC_KEYS)[g.topic];
      tree.appendChild(el("details", { open: "open" }, [el("summary", { text: key ? t(key) : g.topic }), ul]));
    });
  }).catch(showError);
}
register("lessons", renderLessons);

/** @type {number | undefined} */
let searchTimer;
const searchTurn = newest();
const pageTurn = newest();
export function onSearchInput() {
  clearTimeout(searchTimer);
  searchTimer = window.setTimeout(runSearch, 150);
}
function runSearch() {
  const q = $("#lesson-search").value.trim();
  const out = $("#search-results");
  const current = searchTurn();
  if (!q) { out.hidden = true; clear(out); return; }
  cmd.lessonsSearch(q).then(function (hits) {
    if (!current()) return;
    clear(out);
    out.hidden = false;
    out.setAttribute("data-query", q);
    if (!hits.length) { out.appendChild(el("li", { class: "muted", text: t("lessons-noresults") })); return; }
    hits.forEach(function (h) {
      out.appendChild(el("li", { class: "hit" }, [
        el("a", { href: "sandpit://lesson/" + encodeURIComponent(h.id), "data-lesson": h.id, "data-from": "tree", text: h.title }),
        el("p", { class: "snippet", html: h.snippet_html }) // escaped by sandpit-lessons, <mark> only
      ]));
    });
  }).catch(function (err) { if (current()) showError(err); });
}

/**
 * Opens a lesson. `follow` (a link inside a lesson) keeps the one shown for Back.
 * @param {string} id
 * @param {{ follow?: boolean, back?: boolean }} [how]
 */
export function openLesson(id, how) {
  if (app.view !== "lessons") show("lessons");
  const box = $("#lesson-content");
  const turn = pageTurn();
  return busy(function () { return cmd.lessonPage(id); }).then(function (page) {
    if (!turn()) return;
    if (how && how.follow && current && current !== id) history.push(current);
    else if (!(how && how.back)) history.length = 0;
    current = page.id;
    box.innerHTML = page.html; // rendered and sanitised by sandpit-lessons
    box.setAttribute("data-lesson", page.id);
    if (history.length) {
      box.insertBefore(el("button", { type: "button", class: "link-button lesson-back", id: "lesson-back",
        text: t("lessons-back"), onclick: function () { const prev = history.pop(); if (prev) openLesson(prev, { back: true }); } }),
        box.firstChild);
    }
    showTree(false);
    box.scrollTop = 0;
    window.scrollTo(0, 0);
    // @ts-ignore: quiz.js (served by the lesson renderer) sets it
    if (window.SandpitQuiz) window.SandpitQuiz.init(box);
    $all("#lesson-tree a").forEach(function (a) { a.classList.toggle("current", a.getAttribute("data-lesson") === id); });
    if (app.info) app.info.last_lesson = { id: page.id, title: page.title };
  }).catch(function (err) {
    if (turn()) clear(box).appendChild(el("div", { class: "error-card" }, [el("strong", { text: t("common-error") }), errorView(err)]));
  });
}

/**
 * While a lesson is open, a narrow window folds the tree away (app.css) so the text keeps a
 * readable measure; the button beside the search box brings it back.
 * @param {boolean} open
 */
function showTree(open) {
  const layout = $("#view-lessons .lessons-layout");
  const toggle = $("#lesson-tree-toggle");
  const key = open ? "lessons-tree-hide" : "lessons-tree-show";
  layout.classList.add("reading");
  layout.classList.toggle("tree-open", open);
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
  toggle.setAttribute("data-i18n", key);
  toggle.textContent = t(key);
}
$("#lesson-tree-toggle").addEventListener("click", function () {
  showTree(!$("#view-lessons .lessons-layout").classList.contains("tree-open"));
});

/**
 * After quiz.js judged an answer, record it.
 * @param {Event} ev
 */
export function onQuizCheck(ev) {
  const target = /** @type {any} */ (ev.target);
  const button = target && target.closest && target.closest("[data-quiz-check]");
  if (!button) return;
  const question = button.closest("[data-quiz-question]");
  const lesson = $("#lesson-content").getAttribute("data-lesson");
  if (!question || !lesson) return;
  setTimeout(function () {
    const right = question.classList.contains("is-correct");
    const wrong = question.classList.contains("is-wrong");
    if (!right && !wrong) return;
    const index = $all("[data-quiz-question]", $("#lesson-content")).indexOf(question);
    cmd.recordQuizAnswer(lesson, String(index + 1), right)
      .then(function (s) {
        question.setAttribute("data-recorded", right ? "correct" : "wrong");
        if (s && !s.saving) { showProgressStatus(s); showError(t("progress-notSaved") + ": " + (s.error || "")); }
      })
      .catch(showError);
  }, 0);
}
