# 학습 페이지가 학습 본문 둘레에 보이는 말: 퀴즈, 콜아웃 제목, 각주, 페이지 제목들, 포함이나 이미지를 보일 수
# 없을 때 남기는 알림.

## quiz
lessons-quiz-check = 확인
lessons-quiz-correct = 정답입니다.
lessons-quiz-wrong = 다시 생각해 보세요.
lessons-quiz-choose = 답을 먼저 고르세요.
lessons-quiz-question = 문제
lessons-quiz-broken = 퀴즈 블록을 읽을 수 없어 코드로 보여 줍니다

## embeds, links and images
lessons-missing-page = 없는 문서
lessons-missing-image = 없는 이미지
lessons-image-cannot-be-shown = 이미지를 보일 수 없습니다
lessons-embed-cycle = 순환 포함을 멈췄습니다
lessons-embed-too-deep = 포함이 너무 깊어 멈췄습니다
lessons-embed-budget = 한 쪽에 포함할 수 있는 양을 넘어 링크로 보여 줍니다
lessons-nesting-exceeded = { $path }: { $max } 단계보다 깊게 중첩되어 글자로 보여 줍니다. 줄 { $lines }
lessons-brackets-exceeded = { $path }: 한 문단에 닫히지 않은 `[`가 { $max }개를 넘어 나머지는 글자로 보여 줍니다. 줄 { $lines }
lessons-table-too-wide = { $path }: 표의 한 행이 { $max }열을 넘어 나머지는 마지막 칸에 보여 줍니다. 줄 { $lines }
lessons-table-too-long = { $path }: 표가 { $max }칸을 넘어 나머지는 빼고 보여 줍니다. 줄 { $lines }
lessons-too-complex = { $path }: 서식 기호가 너무 많아({ $work } > { $max }) 노트를 서식 없이 글자 그대로 보여 줍니다
lessons-import-too-big = { $max } MiB보다 커서({ $bytes }바이트) 한 쪽으로 보여 줄 수 없습니다
# Why a file of a notes folder was left out. $error: the system's or the YAML parser's own words.
lessons-left-out-unreadable = 읽을 수 없습니다: { $error }
lessons-left-out-name-not-unicode = 파일 이름이 올바른 유니코드가 아닙니다
lessons-left-out-symlink = 심볼릭 링크라서 따라가지 않았습니다
lessons-left-out-not-regular = 일반 파일이 아닙니다
lessons-left-out-not-utf8 = UTF-8 텍스트가 아닙니다({ $offset }번째 바이트부터)
lessons-left-out-same-name = 이름이 같은 파일이 이미 있습니다(유니코드 정규화 후, 또는 대소문자를 무시하면 같은 이름)
lessons-left-out-not-plain-path = 보관함 안의 평범한 경로가 아닙니다
lessons-left-out-control-character = 이름에 제어 문자나 역슬래시가 들어 있습니다
lessons-left-out-not-image = PNG, JPEG, GIF, WebP, SVG 이미지가 아닙니다
lessons-left-out-outside-vault = 보관함 바깥의 파일입니다
lessons-left-out-image-too-big = { $max } MiB보다 큰 이미지입니다({ $bytes }바이트)
lessons-left-out-front-matter-not-mapping = 맨 위 `---` 사이의 머리말이 YAML 매핑이 아닙니다
lessons-left-out-front-matter-yaml = 맨 위 `---` 사이의 머리말이 올바른 YAML이 아닙니다: { $error }
lessons-image-not-builtin = content/assets의 그림이 아닙니다
lessons-image-not-in-vault = 가져온 보관함의 이미지가 아닙니다
lessons-footnotes = 각주
lessons-back-to-text = 본문으로

## callout titles (when the callout gives none)
lessons-callout-note = 참고
lessons-callout-info = 정보
lessons-callout-tip = 팁
lessons-callout-warning = 주의
lessons-callout-danger = 위험
lessons-callout-cost = 비용
lessons-callout-success = 성공
lessons-callout-question = 질문
lessons-callout-failure = 실패
lessons-callout-bug = 버그
lessons-callout-example = 예시
lessons-callout-quote = 인용
lessons-callout-abstract = 요약
