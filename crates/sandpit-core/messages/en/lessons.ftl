# What a rendered lesson page says around the lesson's own text: the quiz, callout titles,
# footnotes, the page's headings, and the notes left where an embed or image could not be shown.

## quiz
lessons-quiz-check = Check
lessons-quiz-correct = Correct.
lessons-quiz-wrong = Not quite — think again.
lessons-quiz-choose = Pick an answer first.
# Before the question's number: "Question 1."
lessons-quiz-question = Question
# Shown as "lessons/x.md:12: <this>: <the parser's reason>".
lessons-quiz-broken = the quiz block could not be read; shown as code

## embeds, links and images
lessons-missing-page = missing page
lessons-missing-image = missing image
lessons-image-cannot-be-shown = image cannot be shown
lessons-embed-cycle = stopped an embed loop
lessons-embed-too-deep = embeds nested too deep
lessons-embed-budget = this page embeds too much already; shown as a link
# $lines: the first line numbers, "1, 4, 9" (or "-").
lessons-nesting-exceeded = { $path }: { $max } levels of nesting exceeded; the rest is shown as text. Lines { $lines }
# $max: the limit; $lines as above.
lessons-brackets-exceeded = { $path }: more than { $max } brackets `[` left open in one paragraph; the rest are shown as text. Lines { $lines }
lessons-table-too-wide = { $path }: a table row has more than { $max } columns; the rest of the row is shown in its last cell. Lines { $lines }
lessons-table-too-long = { $path }: a table has more than { $max } cells; the rest of it is left out. Lines { $lines }
# $work and $max: markup characters squared, summed over the note's paragraphs.
lessons-too-complex = { $path }: too much markup to lay out ({ $work } > { $max }); the note is shown as plain text
# Why a note was not imported: $max in MiB, $bytes the note's size.
lessons-import-too-big = larger than { $max } MiB ({ $bytes } bytes): too big to show as a page
# Why a file of a notes folder was left out (import report, library warnings, an image's
# placeholder). $error: the system's or the YAML parser's own words.
lessons-left-out-unreadable = unreadable: { $error }
lessons-left-out-name-not-unicode = the file name is not valid Unicode
lessons-left-out-symlink = symbolic link (not followed)
lessons-left-out-not-regular = not a regular file
# $offset: the first byte that is not UTF-8.
lessons-left-out-not-utf8 = not valid UTF-8 (bad byte at offset { $offset })
lessons-left-out-same-name = another file has the same name (after Unicode normalisation or ignoring case)
lessons-left-out-not-plain-path = not a plain path inside the vault
lessons-left-out-control-character = the name holds a control character or a backslash
lessons-left-out-not-image = not a PNG, JPEG, GIF, WebP or SVG image
lessons-left-out-outside-vault = outside the vault
# $max in MiB, $bytes the image's size.
lessons-left-out-image-too-big = image larger than { $max } MiB ({ $bytes } bytes)
lessons-left-out-front-matter-not-mapping = the front matter is not a YAML mapping
lessons-left-out-front-matter-yaml = the front matter is not valid YAML: { $error }
lessons-image-not-builtin = not a picture of content/assets
lessons-image-not-in-vault = not an image of an imported vault
lessons-footnotes = Footnotes
lessons-back-to-text = Back to text

## callout titles (when the callout gives none)
lessons-callout-note = Note
lessons-callout-info = Info
lessons-callout-tip = Tip
lessons-callout-warning = Warning
lessons-callout-danger = Danger
lessons-callout-cost = Cost
lessons-callout-success = Success
lessons-callout-question = Question
lessons-callout-failure = Failure
lessons-callout-bug = Bug
lessons-callout-example = Example
lessons-callout-quote = Quote
lessons-callout-abstract = Summary
