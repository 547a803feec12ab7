# `sandpit` 명령줄이 직접 하는 말 (라이브러리의 확인 결과는 자기 문장을 가짐).

snapshot-written = 스냅숏을 { $path }에 저장했습니다 (리소스 종류 { $kinds }개 읽음)
snapshot-unreadable = { $kind }을(를) 읽지 못했습니다: { $action }
