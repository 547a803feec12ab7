//! The self-check quiz: a fenced block with the info string `quiz` (format in content/README.md).
//!
//! ```text
//! ? question
//! - [ ] wrong option
//! - [x] right option
//! > optional explanation
//!
//! ? next question …
//! ```

/// A parsed quiz block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quiz {
    pub(crate) questions: Vec<Question>,
}

/// One question: its prompt, options and explanation, all inline Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Question {
    pub(crate) prompt: String,
    pub(crate) options: Vec<QuizOption>,
    pub(crate) explanation: Option<String>,
}

/// One option of a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuizOption {
    pub(crate) text: String,
    pub(crate) correct: bool,
}

impl Question {
    /// The indices of the right options (compared across languages by the content check).
    pub(crate) fn answers(&self) -> Vec<usize> {
        self.options.iter().enumerate().filter(|(_, o)| o.correct).map(|(i, _)| i).collect()
    }
}

/// Why a quiz block does not parse, at which line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuizError {
    pub(crate) line: usize,
    pub(crate) message: String,
}

/// Parses the content of a quiz block whose first content line is line `first_line` of the file.
pub(crate) fn parse(src: &str, first_line: usize) -> Result<Quiz, QuizError> {
    let mut questions = Vec::new();
    let mut current: Option<(usize, Question)> = None;
    let err = |line: usize, message: String| QuizError { line, message };

    let finish = |(line, q): (usize, Question), out: &mut Vec<Question>| {
        if q.options.len() < 2 {
            return Err(err(line, format!("question `{}` needs at least two options", q.prompt)));
        }
        if !q.options.iter().any(|o| o.correct) {
            return Err(err(line, format!("question `{}` has no right option `- [x]`", q.prompt)));
        }
        out.push(q);
        Ok(())
    };

    for (index, raw) in src.lines().enumerate() {
        let line_no = first_line + index;
        let line = raw.trim();
        if line.is_empty() {
            if let Some(q) = current.take() {
                finish(q, &mut questions)?;
            }
            continue;
        }
        if let Some(prompt) = line.strip_prefix('?') {
            if let Some(q) = current.take() {
                finish(q, &mut questions)?;
            }
            let prompt = prompt.trim();
            if prompt.is_empty() {
                return Err(err(line_no, "a question line `? …` without a question".to_owned()));
            }
            current = Some((
                line_no,
                Question { prompt: prompt.to_owned(), options: Vec::new(), explanation: None },
            ));
            continue;
        }
        let Some((_, question)) = current.as_mut() else {
            return Err(err(line_no, format!("expected a question starting with `? `, found `{line}`")));
        };
        if let Some(option) = parse_option(line) {
            let (correct, text) = option;
            if text.is_empty() {
                return Err(err(line_no, "an option without text".to_owned()));
            }
            if question.explanation.is_some() {
                return Err(err(line_no, "an option after the explanation `> …`".to_owned()));
            }
            question.options.push(QuizOption { text: text.to_owned(), correct });
        } else if let Some(text) = line.strip_prefix('>') {
            let text = text.trim();
            match &mut question.explanation {
                Some(existing) => {
                    existing.push(' ');
                    existing.push_str(text);
                }
                None => question.explanation = Some(text.to_owned()),
            }
        } else {
            return Err(err(
                line_no,
                format!("expected an option `- [ ]` / `- [x]` or an explanation `> `, found `{line}`"),
            ));
        }
    }
    if let Some(q) = current.take() {
        finish(q, &mut questions)?;
    }
    if questions.is_empty() {
        return Err(err(first_line, "the quiz has no question".to_owned()));
    }
    Ok(Quiz { questions })
}

fn parse_option(line: &str) -> Option<(bool, &str)> {
    let rest = line.strip_prefix("- [").or_else(|| line.strip_prefix("* ["))?;
    let (mark, text) = rest.split_at_checked(1)?;
    let text = text.strip_prefix(']')?;
    let correct = match mark {
        " " => false,
        "x" | "X" => true,
        _ => return None,
    };
    Some((correct, text.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_questions_options_and_explanations() {
        let src = "? 첫 질문?\n- [ ] 아니오\n- [x] 예\n> 설명\n> 이어짐\n\n? Two\n- [X] a\n- [x] b\n";
        let quiz = parse(src, 10).unwrap();
        assert_eq!(quiz.questions.len(), 2);
        assert_eq!(quiz.questions[0].answers(), [1]);
        assert_eq!(quiz.questions[0].explanation.as_deref(), Some("설명 이어짐"));
        assert_eq!(quiz.questions[1].answers(), [0, 1]);
    }

    #[test]
    fn errors_name_the_line_of_the_file() {
        let e = parse("? q\n- [ ] a\n- [ ] b\n", 20).unwrap_err();
        assert_eq!(e.line, 20);
        assert!(e.message.contains("no right option"), "{}", e.message);
        let e = parse("? q\n- [x] a\nstray text\n", 20).unwrap_err();
        assert_eq!(e.line, 22);
        let e = parse("- [x] a\n", 5).unwrap_err();
        assert_eq!(e.line, 5);
        assert!(parse("", 1).is_err());
        assert!(parse("? q\n- [x] only one\n", 1).is_err());
    }
}
