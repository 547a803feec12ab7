# 창과 페이지에 보일 화면의 말: 실습 실행기의 예산 단계, 경로 질문 답의 그림.

## lab runner: the budget step a billable lab starts with
view-budget-step-console =
    이 실습은 시간당 요금이 붙는 리소스를 만듭니다. 시작하기 전에 알림이 달린 월별 비용 예산이 계정을 지켜보고 있어야 합니다.

    아래 **예산 가드 만들기**를 누르거나, `sandpit budget ensure --limit 22 --email you@example.com`을 실행하거나(계정에 쓰는 유일한 Sandpit 명령), `budget-guard` 실습대로 **결제 → Budgets**에서 만드세요.
view-budget-step-why = 잊어버린 NAT 게이트웨이 하나가 아무 일도 하지 않고 한 달에 약 $32를 씁니다. 가드는 한도의 50%, 80%, 100%에 이르거나 예측이 한도를 넘으면 메일을 보내므로, 모르는 사이에 요금 폭탄을 맞을 일이 없습니다.
view-budget-step-hint = 수업 지원금은 ₩30,000 ≈ 22 USD입니다. 이 값을 한도로 쓰세요.

## path picture
view-path-internet = 인터넷
view-path-open = ✓ 네트워크 경로가 양방향 모두 열려 있습니다
view-path-blocked = × { $hop }번 구간에서 막힘: { $component } { $resource }
