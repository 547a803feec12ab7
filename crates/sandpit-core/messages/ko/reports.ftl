# Words of the HTML pages: the progress report, the class report, the lesson page.

## The progress report (`sandpit progress export --html`)
report-title = Sandpit 진행 보고서
report-generated = 작성
report-labs = 실습
report-lab = 실습
report-attempts = 시도
report-best = 최고
report-latest = 최근
report-steps-done = 완료한 단계
report-first-passed = 처음 통과
report-last-checked = 마지막 확인
report-latest-results = 실습별 최근 결과
report-attempt = 시도
report-account = 계정
report-caller = 확인한 사람
report-team = 팀
report-checked-at = 확인 시각
report-status = 상태
report-step = 단계
report-resource = 리소스
report-expected = 기대
report-found = 실제
report-hint = 힌트
report-evidence = 증거 SHA-256
report-all-attempts = 모든 시도
report-lessons = 학습
report-lesson = 학습
report-opens = 열람
report-first-opened = 처음 열람
report-quiz = 퀴즈 (정답 / 응답)
report-no-attempts = 아직 기록된 확인이 없습니다.
report-no-lessons = 아직 열어 본 학습이 없습니다.
report-verify-note = 각 시도는 판정한 계정 스냅샷을 증거로 보관합니다. 여기 적힌 SHA-256은 `sandpit progress verify`로 저장된 증거에서 다시 계산해 볼 수 있고, `sandpit progress evidence ID --out FILE`로 스냅샷을 꺼내 `sha256sum FILE`과 비교할 수 있습니다.

## The class report (`sandpit class report --html`)
class-report-title = { $class } · 수업 리포트
class-report-generated = 생성 시각
class-report-status = 최근 상태
class-report-checked-at = 최근 확인
class-report-first-passed = 실습 전체 첫 통과
class-report-attempts = 확인 횟수
class-report-steps = 단계 (최근 상태, 날짜 = 처음 통과한 때, UTC)
class-report-done = 통과한 단계
class-report-note = 진행 기록 저장소에서 만든 리포트입니다. `sandpit class check`를 실행할 때마다 팀별 확인이 하나씩 기록됩니다. 시각은 UTC입니다.

## The lesson page
lesson-page-toc = 목차
lesson-page-tags = 태그
lesson-page-labs = 실습
lesson-page-related = 함께 보면 좋은 학습
lesson-page-kicker = Sandpit 학습
lesson-page-kicker-notes = 내 노트 · { $vault }
