# 네트워크 그림(sandpit-view topology): 그림 안의 말과 목표와 다른 점.

## 서브넷 상자의 경로 줄: 기본 경로(0.0.0.0/0)가 없을 때
topology-no-route = 인터넷으로 가는 경로 없음

## 목표와 다른 기본 경로
topology-route-none = 인터넷으로 가는 경로 없음: 라우팅 테이블에 0.0.0.0/0 → { $want } 경로가 필요합니다
topology-route-elsewhere = 0.0.0.0/0이 { $want }이(가) 아니라 { $found }(으)로 갑니다
