# Sandpit 전체가 함께 쓰는 말: 판정과 그 이름.

## 실습의 판정
lab-status-pass = 통과
lab-status-fail = 미완료
lab-status-error = 확인 불가
lab-status-blocked = 잠김
lab-status-partial = 일부만 확인
lab-status-none = 확인 전

## 단계의 판정
step-status-pass = 통과
step-status-fail = 실패
step-status-error = 확인 불가
step-status-blocked = 잠김
step-status-skipped = 건너뜀
