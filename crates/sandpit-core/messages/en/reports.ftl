# Words of the HTML pages: the progress report, the class report, the lesson page.

## The progress report (`sandpit progress export --html`)
report-title = Sandpit progress report
report-generated = Generated
report-labs = Labs
report-lab = Lab
report-attempts = Attempts
report-best = Best
report-latest = Latest
report-steps-done = Steps done
report-first-passed = First passed
report-last-checked = Last checked
report-latest-results = Latest result per lab
report-attempt = Attempt
report-account = Account
report-caller = Checked by
report-team = Team
report-checked-at = Checked at
report-status = Status
report-step = Step
report-resource = resource
report-expected = expected
report-found = found
report-hint = hint
report-evidence = Evidence SHA-256
report-all-attempts = All attempts
report-lessons = Lessons
report-lesson = Lesson
report-opens = Opened
report-first-opened = First opened
report-quiz = Quiz (correct / answered)
report-no-attempts = No check has been recorded yet.
report-no-lessons = No lesson opened yet.
report-verify-note = Each attempt keeps the account snapshot it judged as evidence. Its SHA-256 is shown here: `sandpit progress verify` recomputes it from the stored evidence, and `sandpit progress evidence ID --out FILE` writes the snapshot so `sha256sum FILE` can be compared.

## The class report (`sandpit class report --html`)
class-report-title = { $class } · class report
class-report-generated = Generated
class-report-status = Latest
class-report-checked-at = Last checked
class-report-first-passed = Whole lab first passed
class-report-attempts = Checks
class-report-steps = Steps (latest status; date = first passed, UTC)
class-report-done = Steps passing
class-report-note = From the progress store: every `sandpit class check` keeps one check per team. Times are UTC.

## The lesson page
lesson-page-toc = Contents
lesson-page-tags = Tags
lesson-page-labs = Practice
lesson-page-related = Related lessons
lesson-page-kicker = Sandpit lesson
lesson-page-kicker-notes = My notes · { $vault }
