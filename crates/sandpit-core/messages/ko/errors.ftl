# 오류: 무엇이 잘못됐는지, 그리고 어디서 고치는지 (`-cli`는 명령줄, `-window`는 데스크톱 창).

error-prefix = 오류

## AWS
error-no-region = AWS 리전이 설정되어 있지 않습니다
error-no-region-cli = --region을 주거나(예: --region ap-northeast-2) AWS_REGION 환경 변수나 프로필에 리전을 설정하세요
error-no-region-window = 설정 → 리전에서 리전을 고르세요
error-no-profile = AWS 프로필 `{ $profile }`을(를) ~/.aws/config나 ~/.aws/credentials에서 찾지 못했습니다
error-no-profile-cli = --profile에 있는 프로필 이름을 주세요(`aws configure list-profiles`로 확인)
error-no-profile-window = 설정 → AWS 프로필에서 있는 프로필을 고르세요
error-no-credentials = AWS 자격 증명을 찾지 못했습니다
error-no-credentials-cli = `aws configure`(또는 `aws sso login --profile 이름`)를 실행하거나 AWS_ACCESS_KEY_ID와 AWS_SECRET_ACCESS_KEY를 설정하세요
error-no-credentials-window = 터미널에서 `aws configure`로 자격 증명을 만든 뒤 설정 → AWS 프로필에서 고르거나, 홈에서 연습용 샌드박스를 시작하세요
error-bad-credentials = AWS가 자격 증명을 거부했습니다({ $code })
error-bad-credentials-fix = 액세스 키를 확인하고, 만료됐다면 다시 로그인하세요
error-unreachable = { $endpoint }의 AWS에 연결할 수 없습니다
error-unreachable-cli = 네트워크를 확인하고, 에뮬레이터를 쓴다면 --endpoint-url을 확인하세요
error-unreachable-window = 네트워크를 확인하고, 에뮬레이터를 쓴다면 설정의 엔드포인트 URL을 확인하세요
error-root = 루트 사용자의 자격 증명({ $arn })은 쓰지 않습니다: 루트 사용자는 계정 해지까지 무엇이든 할 수 있습니다
error-root-fix = 읽기 전용 확인 정책(labs/policies/sandpit-checker.json)을 붙인 IAM 사용자나 역할을 만들어 그 자격 증명을 쓰세요
error-aws-call = AWS 호출 { $operation }이(가) 실패했습니다
error-detail = 자세히: { $detail }

## 실습과 매개변수
error-lab-files = 실습 파일에 문제가 있습니다:
error-lab-folder = 실습 폴더 { $path }을(를) 읽을 수 없습니다: { $detail }
error-unknown-lab = `{ $id }` 실습은 없습니다(실습: `{ $known }`)
error-unknown-step = `{ $lab }` 실습에는 `{ $step }` 단계가 없습니다(단계: `{ $known }`)
param-unknown = `{ $lab }` 실습에는 `{ $name }` 매개변수가 없습니다(매개변수: `{ $known }`)
param-of-type-cidr = `{ $name }`은(는) CIDR 블록 매개변수입니다
param-of-type-port = `{ $name }`은(는) 포트 번호 매개변수입니다
param-of-type-integer = `{ $name }`은(는) 정수 매개변수입니다
param-of-type-number = `{ $name }`은(는) 숫자 매개변수입니다
param-of-type-domain = `{ $name }`은(는) 도메인 이름 매개변수입니다
param-of-type-string = `{ $name }`은(는) 문자열 매개변수입니다
param-not-cidr = `{ $value }`은(는) IPv4 CIDR 블록이 아닙니다(예: 10.10.1.0/24)
param-host-bits = `{ $value }`에 호스트 비트가 켜져 있습니다. 블록은 { $network }입니다
param-not-port = `{ $value }`은(는) TCP 포트가 아닙니다(1-65535)
param-not-integer = `{ $value }`은(는) 정수가 아닙니다
param-not-number = `{ $value }`은(는) 숫자가 아닙니다
param-not-domain = `{ $value }`은(는) 도메인 이름이 아닙니다(예: example.com)
param-empty = 값이 비어 있습니다

## 진행 기록 저장소
store-fix-cli = --database-url(또는 SANDPIT_DATABASE_URL)을 고치거나, 빼서 데이터 폴더의 SQLite 파일을 쓰세요
store-fix-window = 설정의 데이터베이스 URL을 고치거나, 비워서 데이터 폴더의 SQLite 파일을 쓰세요
store-bad-url = `{ $url }`은(는) Sandpit이 쓸 수 있는 데이터베이스 URL이 아닙니다({ $detail })
store-too-new = 데이터베이스 { $location }은(는) 더 새로운 Sandpit이 올린 것입니다(스키마 버전 { $version }을 모름): Sandpit을 업데이트하세요
store-unreachable = 데이터베이스 { $location }을(를) 열 수 없습니다: { $detail }
store-tls = 데이터베이스 { $location }을(를) 열 수 없습니다: { $server }에 안전하게 연결하지 못했습니다: { $detail }
store-io = { $path }에 쓸 수 없습니다: { $detail }
store-migration = 데이터베이스 { $location }을(를) 새 버전으로 올릴 수 없습니다: { $detail }
store-query = 데이터베이스 오류: { $detail }
store-no-attempt = 데이터베이스에 { $id }번 확인 기록이 없습니다
store-corrupt = 데이터베이스의 기록이 손상됐습니다: { $detail }
store-export = 내보낼 파일을 만들 수 없습니다: { $detail }

## 예산 가드의 옵션
guard-not-email = `{ $value }`은(는) 이메일 주소가 아닙니다
guard-not-sns-topic = `{ $value }`은(는) SNS 주제 ARN이 아닙니다(arn:aws:sns:리전:계정:주제)
guard-not-name = `{ $value }`은(는) 예산 이름이 될 수 없습니다(1-100자, `:`와 `\` 없이)
guard-not-amount = { $value }은(는) 0보다 큰 금액이 아닙니다
guard-not-currency = `{ $value }`은(는) USD 같은 통화 코드가 아닙니다
guard-no-subscriber = 아무도 듣지 않는 가드는 가드가 아닙니다: --email 주소나 --sns-topic ARN을 하나 이상 주세요
guard-too-many-emails = 주소가 { $count }개입니다: AWS Budgets는 알림 하나에 최대 10개까지 받습니다
guard-one-sns-topic = AWS Budgets는 알림 하나에 SNS 주제를 하나만 받습니다
guard-not-iam-arn = { $flag }: `{ $value }`은(는) IAM { $kind } ARN이 아닙니다(arn:aws:iam::계정:{ $kind }/이름)
guard-hard-stop-target = --hard-stop: { $arn }은(는) IAM 사용자도 역할 세션도 아니어서 Budgets 작업의 대상이 될 수 없습니다
guard-budgets-denied = AWS Budgets를 읽을 수 없습니다: AWS가 { $action } 호출을 거부했습니다. { $policy } 정책(또는 labs/policies/sandpit-checker.json)을 연결하세요
guard-budgets-failed = AWS Budgets를 읽을 수 없습니다: { $action } 호출이 실패했습니다: { $detail }

## 명단, 학습, 노트, 연습용 샌드박스
error-roster-unreadable = 명단 { $path }을(를) 읽을 수 없습니다: { $detail }
error-roster-invalid = 명단 파일에 문제가 있습니다:
lesson-broken-builtin = 내장 학습 하나가 깨져 있습니다(이 Sandpit 빌드의 버그): { $detail }
lesson-unknown = `{ $id }` 학습이 없습니다(`sandpit lessons list`로 확인)
notes-no-folder = { $path }: 그런 폴더가 없습니다
notes-none = { $path }: 가져올 마크다운 노트(`.md`)가 없습니다
notes-into-itself = { $path }: 이 폴더는 Sandpit의 노트 폴더 안에 있습니다. 원래 볼트를 가져오세요
lesson-io = { $path }: { $detail }
lesson-template = 페이지 템플릿이 실패했습니다(이 Sandpit 빌드의 버그): { $detail }
practice-no-python = 연습용 가상 환경을 만들 수 없습니다({ $detail }): 가상 환경 모듈까지 있는 파이썬 3을 설치하세요(데비안: `sudo apt install python3-venv`)
practice-install = 에뮬레이터를 { $venv }에 설치할 수 없습니다: { $detail }
practice-start = 에뮬레이터가 127.0.0.1:{ $port }에서 시작하지 않았습니다: { $detail } (로그: { $log })
practice-io = { $path }: { $detail }
notes-manifest = { $path }: { $detail } (이 파일을 다른 곳으로 옮긴 뒤 보관함을 다시 가져오세요)
notes-unknown-vault = 가져온 보관함 중에 `{ $which }`이(가) 없습니다. 가져온 보관함: `{ $known }`
notes-ambiguous-vault = `{ $which }`에 해당하는 보관함이 여럿입니다: `{ $known }`. 이름이나 원래 폴더로 하나를 지정하세요
notes-index = 검색 색인 { $path }: { $detail }

# sandpit reach: 답할 수 없는 질문
reach-unknown-endpoint = { $flag } `{ $input }`: { $why }
reach-ambiguous = { $flag } `{ $input }`은(는) 여러 리소스를 가리킵니다: { $candidates }. 이 중 하나의 ID를 쓰세요
reach-not-collected = 스냅샷에 { $kind } 정보가 없습니다(저장할 때 읽지 않았습니다): `sandpit snapshot --out FILE` 또는 `sandpit reach … --save-snapshot FILE`로 전체 스냅샷을 저장하세요
reach-unreadable-denied = { $kind }을(를) 읽을 수 없습니다: AWS가 { $action } 호출을 거부했습니다. { $policy } 정책(또는 labs/policies/sandpit-checker.json)을 연결하세요
reach-unreadable-failed = { $kind }을(를) 읽을 수 없습니다: { $action } 호출 실패: { $message }
reach-empty = 비어 있습니다
reach-names-nothing = 이 스냅샷에서 찾을 수 없습니다(인스턴스, 네트워크 인터페이스, RDS 인스턴스, 로드 밸런서, 보안 그룹, 서브넷의 ID나 `Name` 태그, IPv4 주소나 CIDR, 또는 `internet`을 쓰세요)
reach-vpc-not-in-snapshot = 속한 VPC { $vpc }이(가) 스냅샷에 없습니다
reach-address-in-no-subnet = 읽은 VPC의 어느 서브넷에도 속하지 않고 퍼블릭 주소도 아닙니다: 서브넷, 인스턴스 또는 `internet`을 쓰세요
reach-not-a-subnet-of = { $owner }이(가) 놓일 수 있는 서브넷이 아닙니다(가능한 서브넷: { $subnets })
reach-in-no-subnet = { $what }은(는) 어느 서브넷에도 없습니다
reach-subnet-not-in-snapshot = 속한 서브넷 { $subnet }이(가) 스냅샷에 없습니다
reach-no-db-subnet-group = DB 서브넷 그룹이 없습니다
reach-db-subnet-group-missing = DB 서브넷 그룹 { $group }이(가) 스냅샷에 없습니다
reach-db-subnets-missing = { $group }의 서브넷이 하나도 스냅샷에 없습니다
reach-lb-subnets-missing = 서브넷이 하나도 스냅샷에 없습니다
reach-vpc-has-no-subnet = VPC { $vpc }에 서브넷이 없습니다
reach-group-needs-subnet = { $flag } `{ $input }`: 보안 그룹의 VPC { $vpc }에 서브넷이 { $count }개 있습니다. 인스턴스가 있는 서브넷을 { $subnet_flag }로 알려 주세요(후보: { $subnets })
reach-hint-not-placed = { $subnet_flag } `{ $hint }`: 서브넷을 따로 정하는 것은 보안 그룹, 데이터베이스, 로드 밸런서뿐입니다. { $flag } `{ $input }`에는 빼 주세요
reach-port-needed = --port: `{ $protocol }`에는 1부터 65535까지의 포트가 필요합니다(예: --port 3306)
reach-block-spans-subnets = 서브넷 하나보다 넓습니다: { $subnets }에 걸쳐 있습니다. 그중 하나(ID, `Name` 태그 또는 CIDR)나 그 안의 주소나 인스턴스로 물어보세요
reach-port-without-ports = --port는 `tcp`와 `udp`에만 씁니다. `{ $protocol }`에는 포트가 없으니 --port를 빼세요(또는 --protocol `tcp`나 `udp`로 물어보세요)
reach-both-outside = --from `{ $from }`와(과) --to `{ $to }`가 둘 다 VPC 밖에 있습니다: 한쪽은 VPC 안에 있어야 합니다
