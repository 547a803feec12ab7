-- Classroom attempts carry a team label; lessons opened and quiz answers are kept too.
ALTER TABLE attempts ADD COLUMN team TEXT;

CREATE INDEX attempts_by_team ON attempts (team, lab);

CREATE TABLE lesson_opens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    lesson_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    opened_at TEXT NOT NULL
);

CREATE INDEX lesson_opens_by_lesson ON lesson_opens (lesson_id);

CREATE TABLE quiz_answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    lesson_id TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    correct BOOLEAN NOT NULL,
    answered_at TEXT NOT NULL
);

CREATE INDEX quiz_answers_by_lesson ON quiz_answers (lesson_id);
