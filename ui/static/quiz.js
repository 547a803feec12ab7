// Self-check quizzes on lesson pages. The page holds everything in data attributes (rendered by
// sandpit-lessons): no inline script, so a strict Content-Security-Policy can forbid them.
//
//   <section class="quiz" data-quiz data-msg-correct data-msg-wrong data-msg-choose>
//     <li data-quiz-question data-answer="1,3" data-multiple="true">
//       <input value="0"> …  <button data-quiz-check>  <span data-quiz-feedback>
//       <div data-quiz-explanation hidden>
"use strict";

(function () {
  function answerOf(question) {
    return (question.getAttribute("data-answer") || "")
      .split(",")
      .filter(function (s) { return s !== ""; })
      .sort()
      .join(",");
  }

  function chosenOf(question) {
    return Array.prototype.map
      .call(question.querySelectorAll("input:checked"), function (input) { return input.value; })
      .sort()
      .join(",");
  }

  function check(quiz, question) {
    var feedback = question.querySelector("[data-quiz-feedback]");
    var explanation = question.querySelector("[data-quiz-explanation]");
    var chosen = chosenOf(question);
    var answer = answerOf(question).split(",");

    question.classList.remove("is-correct", "is-wrong");
    Array.prototype.forEach.call(question.querySelectorAll(".quiz-option"), function (option) {
      option.classList.remove("is-correct", "is-wrong");
    });

    if (chosen === "") {
      if (feedback) feedback.textContent = quiz.getAttribute("data-msg-choose") || "";
      return;
    }

    var right = chosen === answer.join(",");
    question.classList.add(right ? "is-correct" : "is-wrong");
    if (feedback) {
      feedback.textContent = quiz.getAttribute(right ? "data-msg-correct" : "data-msg-wrong") || "";
    }
    // Mark what the learner picked; reveal the right options and the explanation once solved.
    Array.prototype.forEach.call(question.querySelectorAll(".quiz-option"), function (option) {
      var input = option.querySelector("input");
      if (!input) return;
      var isAnswer = answer.indexOf(input.value) !== -1;
      if (input.checked && !isAnswer) option.classList.add("is-wrong");
      if (right && isAnswer) option.classList.add("is-correct");
    });
    if (explanation && right) explanation.hidden = false;
  }

  function init(root) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-quiz]"), function (quiz) {
      if (quiz.getAttribute("data-quiz-ready") === "true") return;
      quiz.setAttribute("data-quiz-ready", "true");
      Array.prototype.forEach.call(quiz.querySelectorAll("[data-quiz-question]"), function (question) {
        var button = question.querySelector("[data-quiz-check]");
        if (button) {
          button.addEventListener("click", function () { check(quiz, question); });
        }
        question.addEventListener("change", function () {
          question.classList.remove("is-correct", "is-wrong");
          var feedback = question.querySelector("[data-quiz-feedback]");
          if (feedback) feedback.textContent = "";
        });
      });
    });
  }

  // The desktop shell may insert lesson HTML after load: it can call SandpitQuiz.init(element).
  window.SandpitQuiz = { init: init };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
