# 확인 엔진, 예산 가드, 비용 측정, 보고서, 자동 찾기.

## budget
budget-create-budget-month-alerts = 예산 { $name } 생성: 월 { $limit } { $unit }, 알림 { $alerts_text }
budget-change-limit = { $name }의 한도 변경: { $from } { $from_unit } → { $to } { $unit }
budget-replace-budget-monthly-cost = 예산 { $name }({ $was })을(를) 월별 비용 예산으로 교체
budget-add-alert = 알림 추가: { $alert }
budget-remove-alert = 알림 삭제: { $alert }
budget-alert-also-tell = 알림 { $alert }: { $subscriber } 추가
budget-alert-stop-telling = 알림 { $alert }: { $subscriber } 제거

## cost
cost-auto-scaling-group-keeps = Auto Scaling 그룹 { $group }이(가) 이 인스턴스를 유지합니다. 종료해도 그룹이 새로 띄우니 그룹을 지우세요(정리 계획).
cost-plus-per-lcu-hour = 여기에 트래픽만큼 LCU 시간당 ${ $lcu }가 더해집니다(새 연결, 활성 연결, 바이트, 규칙 평가 중 가장 큰 값). 실습 정도의 트래픽은 1 LCU 안팎, 월 약 ${ $monthly }입니다.
cost-group-first-force-delete = 그룹 먼저, --force-delete로: 그룹의 인스턴스를 함께 종료합니다. 그렇지 않으면 그룹이 인스턴스를 다시 띄웁니다.
cost-free-but-only-deletable = 요금은 없지만, 쓰는 그룹이 없어야 지울 수 있습니다.
cost-instances-first-they-targets = 인스턴스 먼저: 로드 밸런서 뒤의 대상입니다.
cost-target-group-cannot-deleted = 로드 밸런서가 쓰는 동안에는 대상 그룹을 지울 수 없습니다.
cost-deletion-protection-cluster-cannot = 삭제 방지가 켜져 있어 끄기 전에는 클러스터를 지울 수 없습니다.
cost-member-cluster-instances-go = 클러스터 { $cluster }의 인스턴스입니다. 인스턴스를 먼저 지우고, 데이터는 클러스터에 남습니다.
cost-then-cluster-bills-storage = 그다음 클러스터를 지웁니다. 클러스터는 지울 때까지 스토리지 요금이 나옵니다. 최종 스냅숏은 남기지 않습니다. 데이터를 남기려면 대신 --final-db-snapshot-identifier { $final_id }를 쓰세요(`sandpit cost --keep-final-snapshot`).
cost-then-cluster-keeping-final = 그다음 클러스터를 지우고 최종 스냅숏 { $final_id }를 남깁니다. 지울 때까지 저장 요금이 나옵니다.
cost-no-final-snapshot-data = 최종 스냅숏 없이 삭제합니다(데이터는 사라집니다). 남기려면 --skip-final-snapshot 대신 --final-db-snapshot-identifier { $final_id }를 쓰세요(스냅숏 저장 요금 발생). `sandpit cost --keep-final-snapshot`이 그렇게 계획합니다.
cost-keeps-final-snapshot-storage = 최종 스냅숏 { $final_id }를 남깁니다. 지울 때까지(`aws rds delete-db-snapshot`) 저장 요금이 나옵니다.
cost-wait-nat-gateway-s = 기다리세요: NAT 게이트웨이가 삭제된 뒤에야 그 탄력적 IP를 해제할 수 있습니다.

## discover
discover-app-vpc = { $vpc }({ $cidr })이(가) 퍼블릭 서브넷(인터넷 게이트웨이로 라우팅)과 프라이빗 서브넷을 함께 둔 VPC입니다
discover-db-vpc = { $vpc }({ $cidr })이(가) DB VPC(데이터베이스, 서브넷 그룹 또는 피어링으로 판단)입니다
discover-public-subnet = { $subnet }({ $cidr }, { $zone })은(는) 퍼블릭입니다: 라우팅 테이블이 0.0.0.0/0을 인터넷 게이트웨이로 보냅니다
discover-web-subnet = { $subnet }({ $cidr }, { $zone })은(는) 웹 계층의 프라이빗 서브넷입니다
discover-was-subnet = { $subnet }({ $cidr }, { $zone })은(는) WAS 계층의 프라이빗 서브넷입니다
discover-db-subnet = { $subnet }({ $cidr }, { $zone })은(는) DB 서브넷입니다
discover-alb-group = { $group } 은(는) 80/443을 인터넷에 열고 웹 계층이 받아 주는 그룹: 로드 밸런서 보안 그룹입니다
discover-web-group = { $group } 은(는) 로드 밸런서 보안 그룹을 받아 줍니다: 웹 계층 보안 그룹입니다
discover-was-group = { $group } 은(는) 웹 계층 보안 그룹을 받아 줍니다: WAS 계층 보안 그룹입니다
discover-db-group = { $group } 은(는) WAS 계층을 받아 주는(또는 DB에 연결된) 그룹: DB 보안 그룹입니다
discover-web-port = { $group }이(가) 로드 밸런서에서 오는 tcp/{ $port }를 받습니다
discover-was-port = { $group }이(가) 웹 계층에서 오는 tcp/{ $port }를 받습니다
discover-db-port = { $group }이(가) WAS 계층에서 오는 tcp/{ $port }를 받습니다
discover-db-instance-listens = DB 인스턴스 { $db }이(가) { $port } 포트를 씁니다
discover-customer-managed-key-encrypts = 고객 관리형 키 { $key }({ $alias })가 DB를 암호화합니다(또는 별칭이 있는 유일한 키입니다)
discover-db-instance-runs-database = DB 인스턴스 { $db }이(가) DB VPC에 있습니다
discover-db-subnet-group-database = DB 서브넷 그룹 { $group }이(가) DB VPC에 있습니다
discover-public-hosted-zone-holds = 퍼블릭 호스팅 영역 { $zone }({ $zone_id })에 실습 레코드가 있습니다
discover-your-account-seems-hold = 이 단계를 다른 이름이나 주소로 만든 것 같습니다. `{ $line }`(으)로 확인하면 통과합니다
discover-check-these-parameters-let = 이 매개변수로 확인하세요: `{ $command }`. 또는 모두 읽어 오게 하세요: `sandpit check { $lab_id } --discover`

## engine
engine-budget-guard-place = 예산 가드 설정
engine-budget-guard-not-enforced = 예산 가드를 적용하지 않았습니다(--no-budget-guard). 이 실습의 요금을 막아 주는 것이 없습니다.
engine-put-guard-place = 가드를 설정하세요: { $command }
engine-cannot-tell-whether-budget = 예산 가드가 있는지 알 수 없습니다: { $message }
engine-budget-watches-account-month = 예산 { $name }이(가) 이 계정을 지켜봅니다: 월 { $limit } { $unit }
engine-no-monthly-cost-budget = 이 계정을 지켜보는 월별 비용 예산이 없습니다. 이 실습은 시간당 요금이 나오므로 예산 가드를 설정할 때까지 잠겨 있습니다
engine-no-budget-guard-hint = 실행하세요: { $command }
engine-spend-month-past-limit = 이번 달 지출({ $actual } { $unit })이 예산 { $name }의 한도({ $limit } { $unit })를 넘었습니다. 한도 안으로 돌아올 때까지 요금이 나오는 실습은 잠깁니다
engine-run-sandpit-cost-follow = `sandpit cost`를 실행하고 정리 계획대로 요금이 나오는 리소스를 지우세요.
engine-not-in-snapshot = 이 스냅숏에는 { $what } 정보가 없습니다
engine-check-against-account-without = 계정을 직접 확인하거나(--snapshot 없이), 이 실습용으로 수집한 스냅숏을 쓰세요.
engine-cannot-read-aws-denied = { $what }을(를) 읽을 수 없습니다: AWS가 { $action } 호출을 거부했습니다
engine-grant-identity-sandpit-uses = Sandpit이 쓰는 IAM 사용자/역할에 { $action } 권한을 주세요. AWS 관리형 정책 { $managed_policy }을(를) 연결하거나 labs/policies/sandpit-checker.json 정책을 쓰면 됩니다.
engine-cannot-read-failed = { $what }을(를) 읽을 수 없습니다: { $action } 호출이 실패했습니다
engine-usually-temporary-network-throttling = 대개 일시적인 문제(네트워크, 호출 제한)입니다. 다시 확인하세요.

## resource kinds
# A resource kind as messages name it ("cannot read security groups"), one per kind Sandpit reads.
kind-vpcs = VPC
kind-subnets = 서브넷
kind-route-tables = 라우팅 테이블
kind-internet-gateways = 인터넷 게이트웨이
kind-nat-gateways = NAT 게이트웨이
kind-elastic-ips = 탄력적 IP
kind-peering-connections = VPC 피어링 연결
kind-security-groups = 보안 그룹
kind-hosted-zones = Route 53 호스팅 영역과 레코드
kind-kms-keys = KMS 키와 별칭
kind-db-instances = RDS DB 인스턴스
kind-db-subnet-groups = RDS DB 서브넷 그룹
kind-budgets = AWS Budgets 예산
kind-ec2-instances = EC2 인스턴스
kind-load-balancers = 로드 밸런서
kind-target-groups = 대상 그룹
kind-network-acls = 네트워크 ACL
kind-launch-templates = 시작 템플릿
kind-network-interfaces = 네트워크 인터페이스
kind-managed-prefix-lists = 관리형 접두사 목록
kind-db-clusters = RDS DB 클러스터
kind-auto-scaling-groups = Auto Scaling 그룹
kind-sns-topics = SNS 주제와 구독
kind-event-rules = EventBridge 규칙
kind-metric-alarms = CloudWatch 경보
kind-iam-users = IAM 사용자
kind-iam-groups = IAM 그룹
kind-iam-roles = IAM 역할
kind-iam-policies = IAM 고객 관리형 정책
kind-iam-account-summary = 루트 사용자의 MFA와 액세스 키
