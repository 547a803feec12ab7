# 확인 종류가 하는 말: 결과(통과, 실패, 참고, 오류)와 그 옆의 도움말. 종류마다 한 절
# (실습 파일에 쓰는 이름).

## alert_topic
# $subscribers: who it tells in English; the Korean sentence counts the subscriptions instead.
alert-topic-confirmed-subscription = 주제 { $topic }에 확인된 구독이 있습니다(구독 { $subscribers }개)
# $subscribers: who it tells in English; the Korean sentence counts the subscriptions instead.
alert-topic-has-subscription = 주제 { $topic }에 구독이 있습니다(구독 { $subscribers }개)
alert-topic-subscription-still-waits-confirmation = 구독이 아직 확인을 기다립니다. AWS가 보낸 메일의 링크를 누르기 전에는 SNS가 아무것도 보내지 않습니다
alert-topic-subscription-still-waits-confirmation-hint = "AWS Notification - Subscription Confirmation" 메일을 열어 Confirm subscription을 누르세요(스팸함도 보세요).
alert-topic-no-sns-topic-nothing = SNS 주제가 없습니다. 관리자에게 알릴 통로가 없습니다
alert-topic-no-sns-topic-subscriber = 구독자가 있는 SNS 주제가 없습니다. { $names }에 보낸 메시지는 아무에게도 가지 않습니다
alert-topic-no-sns-topic-subscriber-hint = aws sns create-topic --name asg-alerts 후 aws sns subscribe --topic-arn TOPIC_ARN --protocol email --notification-endpoint you@example.com (메일 확인까지).
# What could not be read, for "cannot read …".
alert-topic-unreadable = SNS 주제 { $topic }

## app_tier
app-tier-no-target-group-port = { $vpc }에 WAS 포트 { $port }용 대상 그룹이 없습니다
app-tier-no-target-group-port-hint = 먼저 대상 그룹 단계를 끝내세요: aws elbv2 create-target-group --protocol HTTP --port { $port } --vpc-id { $vpc } --target-type instance …
app-tier-no-application-load-balancer = { $vpc }에 애플리케이션 로드 밸런서가 없습니다
app-tier-no-application-load-balancer-hint = 로드 밸런서 단계에서 만드세요: aws elbv2 create-load-balancer --type application --scheme { $scheme } --subnets … --security-groups …
app-tier-no-auto-scaling-group = { $vpc }에서 인스턴스를 띄우는 Auto Scaling 그룹이 없습니다
app-tier-no-auto-scaling-group-hint = Auto Scaling 그룹 단계에서 만드세요(aws autoscaling create-auto-scaling-group …).

## auto_scaling_group
auto-scaling-group-aws-autoscaling-update-auto = aws autoscaling update-auto-scaling-group --auto-scaling-group-name { $name } --vpc-zone-identifier "{ $was_subnets }"
auto-scaling-group-point-group-launch-template = WAS 시작 템플릿을 쓰게 하세요: aws autoscaling update-auto-scaling-group --auto-scaling-group-name { $name } --launch-template LaunchTemplateId=LT_ID,Version='$Latest'
auto-scaling-group-use-version-latest-default = 그룹이 템플릿을 따라가도록 Version='$Latest' 또는 '$Default'를 쓰세요.
auto-scaling-group-launch-configurations-being-retired = 시작 구성은 단계적으로 없어지고 새 인스턴스 유형도 쓸 수 없습니다. 그룹을 시작 템플릿으로 바꾸세요.
auto-scaling-group-aws-autoscaling-update-auto-2 = aws autoscaling update-auto-scaling-group --auto-scaling-group-name { $name } --min-size { $min_size } --desired-capacity { $min_size } --max-size { $max_size }
auto-scaling-group-aws-autoscaling-attach-load = aws autoscaling attach-load-balancer-target-groups --auto-scaling-group-name { $name } --target-group-arns { $arn }
auto-scaling-group-finish-target-group-step = 대상 그룹 단계를 먼저 끝내세요.
auto-scaling-group-aws-autoscaling-update-auto-3 = aws autoscaling update-auto-scaling-group --auto-scaling-group-name { $name } --health-check-type ELB --health-check-grace-period 300
auto-scaling-group-keeps-instances-desired = Auto Scaling 그룹 { $name }이(가) WAS 서브넷에 인스턴스 { $min_size }–{ $max_size }개(원하는 용량 { $desired_capacity })를 두고, 대상 그룹에 등록하며, 로드 밸런서가 비정상으로 보면 교체합니다
auto-scaling-group-launches-into-other-subnets = Auto Scaling 그룹 { $name }이(가) { $subnets }에 인스턴스를 띄웁니다. WAS 서브넷은 { $was_subnets }입니다
auto-scaling-group-template-lacks-was-group = Auto Scaling 그룹 { $name }이(가) 쓰는 시작 템플릿 { $template } ({ $id })의 인스턴스에는 WAS 그룹 { $group }이(가) 붙지 않습니다
auto-scaling-group-template-version-unread = Auto Scaling 그룹 { $name }이(가) { $template } ({ $id })의 { $version } 버전을 씁니다. Sandpit은 기본 버전과 최신 버전만 확인합니다
auto-scaling-group-launch-configuration = Auto Scaling 그룹 { $name }이(가) 시작 템플릿이 아니라 시작 구성 { $config }을(를) 씁니다
auto-scaling-group-template-missing = Auto Scaling 그룹 { $name }이(가) 가리키는 시작 템플릿이 없습니다
auto-scaling-group-sizes = Auto Scaling 그룹 { $name }의 최소 { $min } / 원하는 용량 { $desired } / 최대 { $max }: 가용 영역마다 하나씩이려면 최소와 원하는 용량이 { $want } 이상, 최대는 원하는 용량 이상이어야 합니다
auto-scaling-group-not-in-target-group = Auto Scaling 그룹 { $name }이(가) 인스턴스를 대상 그룹 { $tg }에 등록하지 않습니다. 로드 밸런서가 인스턴스를 보지 못합니다
auto-scaling-group-no-target-group-yet = Auto Scaling 그룹 { $name }: 아직 등록할 포트 { $port } 대상 그룹이 없습니다
auto-scaling-group-health-checks = Auto Scaling 그룹 { $name }이(가) { $check_type } 상태 검사와 유예 기간 { $grace }초를 씁니다. EC2 검사로는 Tomcat이 죽은 인스턴스도 계속 서비스에 남습니다

## budget_alerts
budget-alerts-forecast-alert-warns-while = 예측 알림은 돈을 다 쓰기 전, 아직 멈출 수 있을 때 알려 줍니다
budget-alerts-actual-spend-alert-says = 실제 비용 알림은 돈이 실제로 나갔을 때 알려 줍니다
budget-alerts-budget-no-alert = 예산 { $budget }에 { $kind } 알림이 없습니다. { $why }
budget-alerts-budget-no-alert-hint = 예산 → { $budget } → 알림 편집 → { $kind } 알림(예: 100%)을 이메일과 함께 추가하세요.
budget-alerts-budget-alerts = 예산 { $budget }이(가) { $alerts }에서 알립니다
budget-alerts-alert-tells-nobody = { $budget }의 { $alert } 알림을 받을 사람이 없습니다
budget-alerts-receivers-unreadable = { $alert } 알림을 누가 받는지 확인할 수 없습니다({ $why }). 실제로 대응할 사람의 이메일이 들어 있는지 확인하세요
budget-alerts-receivers-unknown = { $alert } 알림을 누가 받는지 확인할 수 없습니다(알 수 없음). 실제로 대응할 사람의 이메일이 들어 있는지 확인하세요
# What could not be read, for "cannot read …".
budget-alerts-unreadable = 예산 { $budget }의 알림

## budget_monthly_cost
budget-monthly-cost-budget-allows-month-more = 예산 { $budget }의 한도가 월 { $limit } { $unit }로 할당액 { $max }보다 커서 알림이 너무 늦게 옵니다
budget-monthly-cost-budget-allows-month-more-hint = 예산 금액을 { $max } 이하로 고치세요(세금과 환율을 생각해 할당액보다 조금 낮게).
budget-monthly-cost-in-place = 월별 비용 예산 { $budget }: { $limit } { $unit }
budget-monthly-cost-in-place-spent = 월별 비용 예산 { $budget }: { $limit } { $unit }, 지금까지 { $spent } { $unit } 사용

## db_subnet_group
db-subnet-group-spans = DB 서브넷 그룹 { $good }이(가) { $zones }에 걸쳐 있습니다
db-subnet-group-covers-only-rds = DB 서브넷 그룹 { $group }이(가) { $zones }만 포함합니다. Multi-AZ와 장애 조치를 위해 가용 영역 { $min }곳의 서브넷이 필요합니다
db-subnet-group-covers-only-rds-hint = 서브넷 그룹에 다른 가용 영역의 서브넷을 추가하세요(aws rds modify-db-subnet-group --db-subnet-group-name { $group } --subnet-ids …)
db-subnet-group-no-db-subnet-group = { $vpc }에 DB 서브넷 그룹이 없습니다
db-subnet-group-no-db-subnet-group-hint = RDS → 서브넷 그룹 → DB 서브넷 그룹 생성: VPC { $vpc }, 두 곳 이상의 가용 영역에 있는 DB 서브넷.

## default_route
default-route-subnet-no-route-table = 서브넷 { $who }에 라우팅 테이블이 없습니다
default-route-subnet-associated-route-table = 서브넷 { $who }이(가) 연결된 라우팅 테이블 { $table }이(가) { $destination }을(를) { $target }(으)로 보냅니다. 프라이빗 서브넷은 NAT 게이트웨이를 써야 합니다
default-route-subnet-associated-route-table-hint = 이 서브넷을 퍼블릭 라우팅 테이블 대신, 0.0.0.0/0이 NAT 게이트웨이로 가는 프라이빗 라우팅 테이블에 연결하세요(라우팅 테이블 → 프라이빗 테이블 → 서브넷 연결 편집).
default-route-subnet-routes-0-0 = 서브넷 { $who }이(가) { $table }을(를) 통해 0.0.0.0/0을 { $target }(으)로 보냅니다
default-route-subnet-routes-0-0-2 = 서브넷 { $who }의 0.0.0.0/0 경로가 가리키는 { $target }이(가) 더는 없습니다(블랙홀, { $table })
default-route-subnet-routes-0-0-2-hint = 경로를 지금 있는 게이트웨이로 고치세요.
default-route-subnet-routes-0-0-2-hint-2 = 퍼블릭 서브넷의 0.0.0.0/0은 인터넷 게이트웨이로 가야 합니다. 퍼블릭 라우팅 테이블에 연결하세요.
default-route-point-0-0-0 = 이 서브넷 라우팅 테이블의 0.0.0.0/0을 NAT 게이트웨이로 바꾸세요.
default-route-subnet-associated-route-table-2 = 서브넷 { $who }이(가) 연결된 라우팅 테이블 { $table }은(는) 0.0.0.0/0을 { $target }(으)로 보냅니다
default-route-subnet-associated-route-table-2-hint = 0.0.0.0/0 → 인터넷 게이트웨이 경로가 있는 퍼블릭 라우팅 테이블을 만들고 이 서브넷을 연결하세요.
default-route-create-private-route-table = 0.0.0.0/0 → NAT 게이트웨이 경로가 있는 프라이빗 라우팅 테이블을 만들고 이 서브넷을 연결하세요.
default-route-subnet-uses-route-table = 서브넷 { $who }이(가) 쓰는 라우팅 테이블 { $table }에 0.0.0.0/0 경로가 없습니다
default-route-main-table-public = VPC의 기본 라우팅 테이블 { $main }이(가) { $destination }을(를) { $target }(으)로 보냅니다. 라우팅 테이블을 따로 연결하지 않은 서브넷은 나중에 만드는 것까지 모두 퍼블릭이 됩니다.
default-route-main-table-public-used = VPC의 기본 라우팅 테이블 { $main }이(가) { $destination }을(를) { $target }(으)로 보냅니다. 라우팅 테이블을 따로 연결하지 않은 서브넷은 나중에 만드는 것까지 모두 퍼블릭이 됩니다. 퍼블릭 서브넷도 따로 연결하지 않고 이 테이블을 씁니다.
default-route-vpc-s-main-route-hint = 인터넷 경로가 있는 퍼블릭 라우팅 테이블을 따로 만들어 퍼블릭 서브넷을 연결하고, 기본 테이블에서는 인터넷 경로를 지우세요(aws ec2 delete-route --route-table-id { $main } --destination-cidr-block { $destination }).

## dns_record
dns-record-no-record = { $where_ }에 { $rtype } 레코드가 없습니다
dns-record-no-record-hint = Route 53 → 호스팅 영역 → { $zone } → 레코드 생성: 유형 { $rtype }.
dns-record-found = { $rtype } 레코드: { $record }
dns-record-points-fixed-ip-addresses = A 레코드가 고정 IP를 가리킵니다. 로드 밸런서를 가리키는 별칭 레코드는 바뀌는 주소를 따라가고 조회 요금도 없습니다
dns-record-alias = 별칭

## dns_ttls
dns-ttls-ttl-s-resolvers-ask = { $route } { $rtype }의 TTL이 { $ttl }초입니다. 리졸버가 그만큼 자주 다시 물어 조회 비용과 지연이 늘어납니다
dns-ttls-ttl-s-change-takes = { $route } { $rtype }의 TTL이 { $ttl }초입니다. 값을 바꾸면 모두에게 닿기까지 그만큼 걸립니다
dns-ttls-record-sets-ttl = { $zone }의 TTL이 있는 레코드 세트 { $records_count }개: { $range }

## dns_weighted
dns-weighted-no-weighted-records = { $zone }에 가중치 기반 레코드가 없습니다
dns-weighted-no-weighted-records-hint = 이름과 유형이 같은 레코드를 라우팅 정책 '가중치 기반'으로 만들고, 각각 다른 레코드 ID와 가중치(예: 70, 20, 10)를 주세요.
dns-weighted-set-only-member-weighted = 가중치 레코드 세트 { $name } { $rtype }의 구성원이 { $members_count }개뿐입니다. 트래픽을 나누려면 최소 { $min }개가 필요합니다
dns-weighted-set-only-member-weighted-hint = 같은 이름·유형으로 레코드 ID와 가중치가 다른 레코드를 더 추가하세요.
dns-weighted-set-reuses-record-id = 가중치 레코드 세트 { $name } { $rtype }에 같은 레코드 ID가 있습니다
dns-weighted-set-splits-traffic = 가중치 레코드 세트 { $name } { $rtype }이(가) 트래픽을 { $split }(으)로 나눕니다

## hosted_zone
hosted-zone-found = 호스팅 영역 { $zone }({ $zone_id })에 레코드 세트가 { $records }개 있습니다

## iam_access_key_age
iam-access-key-age-active-access-key-s = 활성 액세스 키 { $active_count }개의 나이를 확인했습니다({ $max_days }일이 넘으면 교체할 때입니다)
iam-access-key-age-access-key-days-old = `{ $user }`의 액세스 키 { $key }이(가) { $days }일 되었습니다. 새 키를 만들어 바꿔 쓰고, 옛 키를 비활성화한 뒤 삭제하세요
iam-access-key-age-access-key-days-old-hint = aws iam create-access-key --user-name { $user } ; aws iam update-access-key --user-name { $user } --access-key-id { $key } --status Inactive ; aws iam delete-access-key --user-name { $user } --access-key-id { $key }

## iam_console_mfa
iam-console-mfa-user-signs-console-password = 사용자 `{ $user }`이(가) 비밀번호만으로 콘솔에 로그인합니다. 비밀번호가 새면 계정 전체가 열립니다
iam-console-mfa-user-signs-console-password-hint = IAM → 사용자 → { $user } → 보안 자격 증명 → MFA 디바이스 할당(인증 앱이면 충분합니다).
iam-console-mfa-no-iam-user-signs = 콘솔에 로그인하는 IAM 사용자가 없습니다
# $users: the users named in English; the Korean sentence counts them instead.
iam-console-mfa-every-user = 콘솔 사용자 { $users }명 모두 MFA가 있습니다
# What could not be read, for "cannot read …".
iam-console-mfa-unreadable-user = IAM 사용자 `{ $user }`

## iam_group_access
iam-group-access-no-iam-group = IAM 그룹 `{ $group }`이(가) 없습니다
iam-group-access-no-iam-group-hint = aws iam create-group --group-name { $group } (다른 이름이라면 --param으로 알려 주세요)
iam-group-access-group-cannot-policies-do = 그룹 `{ $group }`은(는) { $missing }을(를) 할 수 없습니다. 붙은 정책({ $found })이 허용하지 않습니다
iam-group-access-read-only-policy-writes = 그룹 `{ $group }`은(는) 읽기만 해야 하는데 정책 `{ $policy }`이(가) 변경을 허용합니다
iam-group-access-read-only-policy-unknown = 그룹 `{ $group }`은(는) 읽기만 해야 하는데 정책 `{ $policy }`이(가) 읽기 전용인지 알 수 없습니다
iam-group-access-group-meant-only-read-hint = aws iam detach-group-policy --group-name { $group } --policy-arn … 로 떼고 …ReadOnlyAccess 정책을 대신 붙이세요
iam-group-access-change-what-owns = 맡은 리소스를 바꿀 수 있습니다
iam-group-access-read-change-nothing = 읽기만 하고 아무것도 바꾸지 못합니다
iam-group-access-group-can = 그룹 `{ $group }`은(는) { $what }({ $found })
iam-group-access-group-also-change-iam = 그룹 `{ $group }`은(는) IAM도 바꿀 수 있습니다({ $found }). 팀 설계는 IAM을 관리자에게만 두어, 인프라 담당의 실수가 권한을 나눠 주는 일로 번지지 않게 합니다

## iam_group_members
iam-group-members-no-iam-group-put = 팀원을 넣을 IAM 그룹 `{ $name }`이(가) 없습니다
iam-group-members-no-iam-group-put-hint = aws iam create-group --group-name { $name }
iam-group-members-group-no-members-nobody = 그룹 `{ $group }`에 사용자가 없습니다. 아직 이 역할로 일하는 사람이 없습니다
iam-group-members-group-no-members-nobody-hint = aws iam add-user-to-group --group-name { $group } --user-name USER
# $users: the users named in English; the Korean sentence counts them instead.
iam-group-members-members = 그룹 `{ $group }`의 사용자 { $users }명
iam-group-members-user-no-group-permissions = 사용자 `{ $user }`은(는) 어느 그룹에도 없습니다. 권한이 있다면 사용자마다 따로 관리해야 합니다
# $policies: the policy names, joined with "`, `" in Korean (the sentence quotes each as code).
iam-group-members-direct-policies = 사용자 `{ $user }`에게 정책이 직접 붙어 있습니다: `{ $policies }`. 역할마다 그룹을 두면 권한을 주고, 검토하고, 거두는 곳이 한 군데입니다. 사용자별 정책은 팀이 바뀔수록 제각각이 됩니다
iam-group-members-user-policies-attached-straight-hint = aws iam add-user-to-group --group-name GROUP --user-name { $user } ; aws iam detach-user-policy --user-name { $user } --policy-arn …

## iam_permission_boundary
iam-permission-boundary-no-devops-principal-protect = 보호할 DevOps 주체가 없습니다: 그룹 `{ $group }`에 사용자가 없고 역할 `{ $role }`도 없습니다
iam-permission-boundary-no-devops-principal-protect-hint = 그룹과 사용자 단계를 먼저 끝내세요.
iam-permission-boundary-no-permissions-boundary-anything = `{ $who }`에 권한 경계가 없습니다. 나중에 붙는 정책이 IAM까지 그대로 적용됩니다
iam-permission-boundary-no-permissions-boundary-anything-hint = aws iam put-user-permissions-boundary --user-name NAME --permissions-boundary arn:aws:iam::ACCOUNT:policy/devops-boundary (역할이라면 put-role-permissions-boundary)
iam-permission-boundary-s-boundary-cannot-read = `{ $who }`의 경계 { $boundary }를 읽을 수 없어 IAM을 막는지 알 수 없습니다
iam-permission-boundary-s-boundary-cannot-read-hint = 이 계정의 고객 관리형 정책을 경계로 쓰세요.
iam-permission-boundary-s-boundary-still-allows = `{ $who }`의 경계 { $boundary }가 아직 { $allowed }을(를) 허용합니다. DevOps의 실수가 IAM을 바꿀 수 있습니다
iam-permission-boundary-s-boundary-still-allows-hint = 경계 정책에 {"{"}"Effect":"Deny","Action":"iam:*","Resource":"*"{"}"}를 더하세요(또는 Allow에서 IAM을 빼세요).
iam-permission-boundary-s-boundary-allows-nothing = `{ $who }`의 경계 { $boundary }가 아무것도 허용하지 않습니다. DevOps가 일할 수 없습니다
iam-permission-boundary-s-boundary-allows-nothing-hint = 경계는 상한일 뿐입니다. DevOps가 할 수 있는 최대치(예: "Action": "*")를 허용하고 iam:*를 거부하세요.
iam-permission-boundary-under-boundary-allows-no = `{ $who }`에 IAM 변경을 허용하지 않는 경계 { $boundary }가 있습니다

## iam_root_account
iam-root-account-unknown = IAM이 루트 사용자에 대해 아무것도 알려 주지 않았습니다
iam-root-account-root-user-no-mfa = 루트 사용자에게 MFA가 없습니다. 비밀번호 하나로 결제와 계정 해지까지 모든 것이 열립니다
iam-root-account-root-user-no-mfa-hint = 루트로 로그인 → 계정 메뉴 → 보안 자격 증명 → MFA 디바이스 할당.
iam-root-account-root-user-access-keys = 루트 사용자에게 액세스 키가 있습니다. 그 키가 새면 어떤 정책으로도 막을 수 없습니다
iam-root-account-root-user-access-keys-hint = 루트로 로그인 → 보안 자격 증명 → 액세스 키 → 비활성화 후 삭제하고, IAM 사용자나 역할을 쓰세요.
iam-root-account-root-user-mfa-no = 루트 사용자에게 MFA가 있고 액세스 키는 없습니다

## internet_gateway
internet-gateway-attached = 인터넷 게이트웨이 { $igw }이(가) { $vpc }에 연결되어 있습니다
internet-gateway-no-internet-gateway-attached = { $vpc }에 연결된 인터넷 게이트웨이가 없습니다. 이 VPC의 어떤 것도 인터넷에 닿을 수 없습니다
internet-gateway-no-internet-gateway-attached-hint = 인터넷 게이트웨이 → { $igw } 선택 → 작업 → VPC에 연결 → { $vpc } (CLI: aws ec2 attach-internet-gateway)
internet-gateway-no-internet-gateway-attached-hint-2 = 인터넷 게이트웨이를 만들고(VPC → 인터넷 게이트웨이 → 생성) { $vpc }에 연결하세요.

## kms_customer_key
kms-customer-key-no-key-alias-your = 별칭이 { $alias }인 키는 없지만 고객 관리형 키 { $key }의 별칭이 { $alias2 }입니다{ $more }. 이름은 권장일 뿐입니다
kms-customer-key-no-key-alias-your-hint = 내 별칭으로 확인하려면 --param key_alias={ $alias }(또는 --discover)를 쓰세요.
kms-customer-key-no-kms-key-alias = 별칭이 { $alias }인 KMS 키가 없습니다
kms-customer-key-no-kms-key-alias-hint = KMS → 고객 관리형 키 → 키 생성(대칭, 암호화 및 해독), 별칭 { $alias }.
kms-customer-key-aws-managed-key-you = { $alias }은(는) AWS 관리형 키입니다. 키 정책, 교체, 삭제를 직접 관리할 수 없습니다
kms-customer-key-nothing-encrypt-decrypt = 키 { $key }({ $alias })의 상태가 { $state }입니다. 이 키로는 암호화도 복호화도 할 수 없습니다
kms-customer-key-nothing-encrypt-decrypt-hint = KMS에서 키를 활성화하세요(삭제 예약이면 삭제를 취소하세요).
kms-customer-key-customer-managed-key-enabled = 고객 관리형 키 { $key }이(가) 별칭 { $called }(으)로 활성화되어 있습니다
kms-customer-key-other-aliases = (그 밖에: { $aliases })
# What could not be read, for "cannot read …".
kms-customer-key-unreadable = KMS 키 { $key }({ $alias })

## launch_failure_alert
launch-failure-alert-sends-not-topic-region = { $what }이(가) { $arn }(으)로 보내지만, 이 리전에 그런 주제가 없습니다
launch-failure-alert-sends-not-topic-region-hint = 있는 주제를 가리키게 하거나 주제를 만드세요(aws sns create-topic).
launch-failure-alert-sends-topic-nobody-subscribes = { $what }이(가) 주제 { $topic }(으)로 보내지만 구독자가 없습니다
launch-failure-alert-aws-sns-subscribe-topic = aws sns subscribe --topic-arn { $arn } --protocol email --notification-endpoint you@example.com
launch-failure-alert-notification-configuration = { $group }의 알림 구성
launch-failure-alert-group-s-notification-configuration = 그룹의 알림 구성
launch-failure-alert-eventbridge-rule-matches-failed = EventBridge 규칙 { $rule }이(가) 실패한 시작을 잡지만 상태가 { $state }입니다
launch-failure-alert-aws-events-enable-rule = aws events enable-rule --name { $rule }
launch-failure-alert-eventbridge-rule-matches-failed-2 = EventBridge 규칙 { $rule }이(가) 실패한 시작을 잡지만 SNS 주제로 보내지 않습니다
launch-failure-alert-aws-events-put-targets = aws events put-targets --rule { $rule } --targets Id=sns,Arn=TOPIC_ARN
launch-failure-alert-rule-label = EventBridge 규칙 { $rule }
launch-failure-alert-rule-label-2 = EventBridge 규칙 { $rule }
# $reason: why the policy refuses, in parentheses after a space, in English only (empty in Korean).
launch-failure-alert-topic-refuses-events = EventBridge 규칙 { $rule }이(가) 실패한 시작을 주제 { $topic }(으)로 보내지만, 주제 정책이 EventBridge의 게시를 허용하지 않습니다{ $reason }. 규칙은 실행되어도 메시지는 조용히 버려집니다
launch-failure-alert-eventbridge-rule-sends-failed-hint = 주제 정책에 문장을 더하세요: {"{"}"Effect":"Allow","Principal":{"{"}"Service":"events.amazonaws.com"{"}"},"Action":"sns:Publish","Resource":"{ $arn }"{"}"} (aws sns set-topic-attributes --topic-arn { $arn } --attribute-name Policy --attribute-value file://policy.json, 기존 문장은 그대로 두고). 콘솔은 이 문장을 자동으로 넣지만 CLI는 넣지 않습니다.
launch-failure-alert-cloudwatch-alarm-watches-but = CloudWatch 경보 { $alarm }이(가) { $group }의 { $metric }을(를) 보지만, 인스턴스가 모자랄 때가 아니라 늘 때 울립니다
launch-failure-alert-cloudwatch-alarm-watches-but-hint = --comparison-operator LessThanThreshold와 그룹의 최소 크기를 --threshold로 쓰세요.
launch-failure-alert-alarm-tells-nobody = CloudWatch 경보 { $alarm }이(가) { $group }의 { $metric }을(를) 보지만 SNS 주제에 알리지 않습니다
launch-failure-alert-alarm-disabled = CloudWatch 경보 { $alarm }이(가) { $group }의 { $metric }을(를) 보지만 SNS 주제에 알리지 않습니다(작업이 꺼져 있음)
launch-failure-alert-aws-cloudwatch-put-metric = aws cloudwatch put-metric-alarm … --alarm-actions TOPIC_ARN (그리고 aws cloudwatch enable-alarm-actions --alarm-names { $alarm })
launch-failure-alert-cloudwatch-alarm-watches-but-3 = CloudWatch 경보 { $alarm }이(가) { $group }의 { $metric }을(를) 보지만, 그룹이 그 지표를 보내지 않습니다(그룹 지표 수집 꺼짐). 경보는 값을 받지 못합니다
launch-failure-alert-aws-autoscaling-enable-metrics = aws autoscaling enable-metrics-collection --auto-scaling-group-name { $group } --granularity 1Minute --metrics { $metric }
launch-failure-alert-alarm-label = CloudWatch 경보 { $alarm }
launch-failure-alert-alarm-on-metric = { $metric } CloudWatch 경보 { $alarm }
launch-failure-alert-when-cannot-launch-instance = { $group }이(가) 인스턴스를 띄우지 못하면 { $kind }을(를) 통해 주제 { $topic_name }에 알림이 갑니다
launch-failure-alert-group-s-notification-configurations = 그룹의 알림 구성을 읽지 못해({ $action }) 그 경로가 있는지는 보지 못했습니다
launch-failure-alert-eventbridge-rule-cloudwatch-alarm = EventBridge 규칙이나 CloudWatch 경보(둘 다 여기서 읽을 수 있습니다)도 인정됩니다. 단계의 힌트를 보세요.
launch-failure-alert-nobody-told-when-auto = Auto Scaling 그룹 { $group }이(가) 인스턴스를 띄우지 못해도 아무도 알림을 받지 않습니다
launch-failure-alert-nobody-told-when-auto-hint = 가장 간단한 방법: aws autoscaling put-notification-configuration --auto-scaling-group-name { $group } --topic-arn TOPIC_ARN --notification-types { $LAUNCH_ERROR }
launch-failure-alert-no-auto-scaling-group = 지켜볼 Auto Scaling 그룹{ $what }이(가) 없습니다
launch-failure-alert-no-auto-scaling-group-hint = 먼저 그룹을 만드세요(was-alb-asg 실습). 다른 이름이라면 --param asg_name=…로 알려 주세요.
# What could not be read, for "cannot read …".
launch-failure-alert-unreadable-routes = { $group }의 시작 실패를 알릴 수 있는 모든 경로

## launch_template
launch-template-no-security-group-instances = { $vpc }에 WAS 인스턴스가 쓸 보안 그룹 `{ $security_group }`이(가) 없습니다
launch-template-no-security-group-instances-hint = WAS 보안 그룹을 먼저 만드세요(three-tier-vpc 실습의 was-security-group 단계).
launch-template-no-launch-template-gives = WAS 보안 그룹 { $was }을(를) 인스턴스에 붙이는 시작 템플릿이 없습니다
launch-template-no-launch-template-gives-hint = 네트워크 인터페이스에 그 그룹을 붙인 템플릿을 만드세요: aws ec2 create-launch-template --launch-template-name was-lt --launch-template-data '{"{"}"NetworkInterfaces":[{"{"}"DeviceIndex":0,"AssociatePublicIpAddress":false,"Groups":["{ $was }"]{"}"}], …{"}"}' (또는 그 그룹을 넣은 새 버전을 만드세요).
launch-template-gives-instances-public-ip = 시작 템플릿 { $what }이(가) 인스턴스에 퍼블릭 IP를 줍니다. WAS 서버에는 필요 없고, 서브넷이 인터넷으로 이어지는 순간 밖에서 닿게 됩니다
launch-template-gives-instances-public-ip-hint = "AssociatePublicIpAddress": false로 새 버전을 만들어 기본 버전으로 지정하세요: aws ec2 create-launch-template-version --launch-template-id { $template } --source-version { $latest_version } --launch-template-data '{"{"}"NetworkInterfaces":[{"{"}"DeviceIndex":0,"AssociatePublicIpAddress":false,"Groups":["{ $was }"]{"}"}]{"}"}'
launch-template-launches-not-ami = 시작 템플릿 { $what }이(가) AMI { $image }가 아니라 { $found }로 인스턴스를 띄웁니다
launch-template-launches-not-ami-hint = "ImageId": "{ $image }"로 새 버전을 만드세요(다른 AMI를 일부러 골랐다면 --param ami=…로 알려 주세요).
launch-template-launches-instances-group-no = 시작 템플릿 { $what }이(가) WAS 그룹 { $was }을(를) 붙이고 퍼블릭 IP 없이 { $ty } 인스턴스를 띄웁니다
launch-template-launches-compared = 시작 템플릿 { $what }이(가) { $ty }을(를) 띄웁니다. { $allowed_types } 대비 { $cost }
launch-template-launches-compared-hint = Auto Scaling 그룹은 이 비용을 인스턴스 수만큼 곱합니다. 실습에는 프리 티어 유형이면 충분합니다.
launch-template-extra-cost = 인스턴스당 시간당 약 +${ $hourly }, 월 +${ $monthly }(온디맨드, { $as_of } 가격)
launch-template-cost-beyond-free-tier = 프리 티어를 넘는 요금
launch-template-default-version = { $name } ({ $id }, 기본 버전)
launch-template-latest-version = { $name } ({ $id }, 최신 버전)
# What could not be read, for "cannot read …".
launch-template-unreadable = 시작 템플릿 { $name } ({ $id })

## listener_forwards
listener-forwards-listener-load-balancer-forwards = 로드 밸런서 { $lb }의 리스너 { $port }이(가) 대상 그룹 { $tg }(으)로 전달합니다
listener-forwards-aws-elbv2-create-listener = aws elbv2 create-listener --load-balancer-arn { $lb_arn } --protocol HTTP --port { $listener_port } --default-actions Type=forward,TargetGroupArn={ $tg_arn } (이미 있는 리스너라면 modify-listener)
listener-forwards-load-balancer-no-listener = 로드 밸런서 { $lb }에 리스너가 없습니다. 어떤 요청도 받지 않습니다
listener-forwards-listener-load-balancer-does = 로드 밸런서 { $lb }의 리스너 { $port }이(가) 대상 그룹 { $tg }(으)로 전달하지 않습니다: { $does }
# What could not be read, for "cannot read …".
listener-forwards-unreadable-listeners = 로드 밸런서 { $lb }의 리스너

## load_balancer
load-balancer-wrong-scheme = 로드 밸런서 { $name }의 체계가 { $want }가 아니라 { $scheme }입니다
load-balancer-wrong-scheme-hint = 체계는 바꿀 수 없습니다. --scheme { $scheme }로 다시 만드세요(내부 로드 밸런서는 프라이빗 주소만 가지며, 웹 서버에는 그것이면 충분합니다).
load-balancer-nodes-availability-zone-s = 로드 밸런서 { $name }의 노드가 가용 영역 { $azs_count }곳에만 있습니다({ $min_azs }곳 이상 필요)
load-balancer-nodes-availability-zone-s-hint = aws elbv2 set-subnets --load-balancer-arn { $arn } --subnets SUBNET_AZ1 SUBNET_AZ2
load-balancer-no-security-group-own = 로드 밸런서 { $name }에 전용 보안 그룹이 없습니다({ $found }). 로드 밸런서에 자기 그룹이 있어야 WAS 그룹이 그 그룹만 받아들일 수 있습니다
load-balancer-no-security-group-own-hint = 전용 그룹을 만들어 그것만 붙이세요: aws elbv2 set-security-groups --load-balancer-arn { $arn } --security-groups ALB_SG
load-balancer-own-security-group-dns = 로드 밸런서 { $name }이(가) { $zones }에 { $scheme } 체계로 있고 전용 보안 그룹을 씁니다. DNS 이름 { $dns_name }
load-balancer-still-provisioning-answers-few = 로드 밸런서 { $name }이(가) 아직 프로비저닝 중입니다. 몇 분 뒤에 응답합니다

## load_balancer_chain
load-balancer-chain-internal-open-to-other = 내부 로드 밸런서 { $lb }의 { $group }이(가) { $source }에서 오는 { $ports }을(를) 허용합니다. 필요한 것은 웹 계층뿐입니다
load-balancer-chain-internal-load-balancer-admits-hint = aws ec2 revoke-security-group-ingress --group-id { $group } --protocol { $protocol } --port { $port } --cidr { $source } 로 지우고, 리스너 포트는 웹 그룹에서만 받게 하세요
load-balancer-chain-opens-more-than-listeners = 로드 밸런서 { $lb }의 { $group }이(가) { $source }에서 오는 { $ports }을(를) 엽니다. 리스너 포트({ $listener_ports })보다 넓습니다
load-balancer-chain-load-balancer-opens-from-hint = 리스너 포트만 남기세요: 이 규칙을 지우고 { $web_group }에서 오는 { $ports_text }만 허용하세요.
load-balancer-chain-web-tier-cannot-reach = 웹 계층이 로드 밸런서 { $lb }에 닿지 못합니다. 어느 그룹도 { $web_group }에서 오는 { $ports_text }를 허용하지 않습니다
load-balancer-chain-web-tier-cannot-reach-hint = aws ec2 authorize-security-group-ingress --group-id { $lb_group } --protocol tcp --port { $port } --source-group WEB_SG
load-balancer-chain-no-security-group = { $vpc }에 보안 그룹 `{ $was_group }`이(가) 없습니다
load-balancer-chain-does-not-admit-tcp = { $was }이(가) 로드 밸런서 { $lb }에서 오는 tcp/{ $port }를 허용하지 않습니다. 요청도 상태 검사도 WAS에 닿지 않아 모든 대상이 비정상으로 남습니다
load-balancer-chain-does-not-admit-tcp-hint = aws ec2 authorize-security-group-ingress --group-id { $was } --protocol tcp --port { $port } --source-group { $lb_group }
load-balancer-chain-web-load-balancer-tcp = 웹 → 로드 밸런서 { $lb } ({ $ports_text }) → { $was } (tcp/{ $port }): 애플리케이션 포트만 열려 있습니다

## nat_gateway
nat-gateway-no-nat-gateway-private = { $vpc }에 NAT 게이트웨이가 없습니다. 프라이빗 서브넷이 업데이트를 받으러 인터넷에 나갈 수 없습니다
nat-gateway-no-nat-gateway-private-hint = 탄력적 IP를 할당한 뒤, 그 IP로 퍼블릭 서브넷에 퍼블릭 NAT 게이트웨이를 만드세요(시간당 과금: 실습이 끝나면 삭제하세요).
nat-gateway-available-public-subnet-elastic = NAT 게이트웨이 { $nat }이(가) 퍼블릭 서브넷 { $subnet }에서 탄력적 IP { $ip }로 동작 중입니다
nat-gateway-one-nat-gateway-serves = NAT 게이트웨이 하나가 두 가용 영역을 모두 맡고 있습니다. 그 영역이 멈추면 다른 영역의 프라이빗 서브넷도 인터넷을 잃습니다. 운영 환경은 가용 영역마다 하나씩 두지만 비용이 두 배입니다
nat-gateway-still-being-created = NAT 게이트웨이 { $nat }이(가) 아직 생성 중입니다
nat-gateway-still-being-created-hint = 몇 분 걸립니다. 잠시 후 다시 확인하세요.
nat-gateway-private-cannot-take-traffic = NAT 게이트웨이 { $nat }은(는) 프라이빗 유형이라 인터넷으로 내보낼 수 없습니다
nat-gateway-private-cannot-take-traffic-hint = 연결 유형을 퍼블릭으로, 탄력적 IP와 함께 만드세요.
nat-gateway-subnet-not-public-subnet = NAT 게이트웨이 { $nat }이(가) 퍼블릭이 아닌 서브넷 { $subnet }에 있어 인터넷 게이트웨이에 닿을 수 없습니다
nat-gateway-subnet-not-public-subnet-hint = NAT 게이트웨이는 옮길 수 없습니다. 삭제하고 { $public_subnets }에 다시 만드세요.
nat-gateway-no-elastic-ip = NAT 게이트웨이 { $nat }에 탄력적 IP가 없습니다
nat-gateway-no-elastic-ip-hint = 퍼블릭 NAT 게이트웨이에는 탄력적 IP가 필요합니다.

## no_world_open_port
no-world-open-port-no-vpc-yet = 아직 확인할 수 없습니다: VPC { $vpcs }이(가) 없습니다
no-world-open-port-cannot-check-yet-no-hint = VPC 단계를 먼저 끝내세요.
no-world-open-port-together-every-address = (합치면 모든 주소)
no-world-open-port-allows-includes-tcp-anyone = { $group }이(가) { $what }{ $together }을(를) 허용합니다(tcp/{ $port } 포함). 인터넷의 누구나 접속을 시도할 수 있습니다
no-world-open-port-allows-includes-tcp-anyone-hint = 규칙을 지우세요. Session Manager를 쓰거나(포트를 열 필요가 없음) 내 IP만(x.x.x.x/32) 허용하세요.
no-world-open-port-no-security-group-opens = { $ids }의 어떤 보안 그룹도 tcp/{ $port }를 인터넷에 열지 않았습니다
no-world-open-port-rule = { $source }에서 오는 { $ports }

## peering_active
peering-active-no-peering-connection-between = { $alias }과(와) { $budget } 사이에 피어링 연결이 없습니다
peering-active-no-peering-connection-between-hint = VPC → 피어링 연결 → 생성: 요청자 { $alias }, 수락자 { $budget }. 그다음 요청을 수락하세요.
peering-active-peering-between-active = { $requester }과(와) { $accepter } 사이의 피어링 { $pcx }이(가) 활성 상태입니다
peering-active-peering-waiting-accepted-no = 피어링 { $pcx }이(가) 수락을 기다리고 있습니다. 수락자 VPC 쪽에서 수락하기 전에는 트래픽이 흐르지 않습니다
peering-active-peering-waiting-accepted-no-hint = 피어링 연결 → { $pcx } 선택 → 작업 → 요청 수락 (CLI: aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id { $pcx })
peering-active-not-active = 피어링 { $pcx }의 상태가 { $status }입니다{ $message }
peering-active-not-active-hint = 거절·만료·삭제된 피어링은 되살릴 수 없습니다. 새로 만들고 수락하세요.

## peering_routes
peering-routes-subnet-no-route-table = 서브넷 { $who }에 라우팅 테이블이 없습니다
peering-routes-whole-through-routing-only = { $rt }이(가) { $destination } 전체를 { $target }(으)로 보냅니다. { $dests }만 보내는 편이 더 안전하며, 보안 점검 도구는 VPC 전체 경로를 지적합니다
peering-routes-subnet-reaches-through-peering = 서브넷 { $who }이(가) 피어링을 통해 { $dests }에 닿습니다(라우팅 테이블 { $rt })
peering-routes-route-table-used-subnet = 라우팅 테이블 { $rt }(서브넷 { $who })이(가) { $dests }을(를) { $to }와의 피어링으로 보내지 않습니다. VPC 사이의 요청과 응답이 버려집니다
peering-routes-route-table-used-subnet-hint = 라우팅 테이블 → { $rt } → 라우팅 편집 → 대상 { $dests }, 타깃 피어링 연결을 추가하세요. 경로는 양쪽 모두에 있어야 합니다.

## rds_backups
rds-backups-db-instance-keeps-automated = DB 인스턴스 { $db }이(가) 자동 백업을 { $days }일 보관합니다. 그 기간 안의 어느 시점으로든 복원할 수 있습니다
rds-backups-db-instance-automated-backups = DB 인스턴스 { $db }의 자동 백업이 꺼져 있습니다. 잘못 지우거나 고쳐도 특정 시점으로 되돌릴 수 없습니다
rds-backups-aws-rds-modify-db = RDS → { $cluster } 클러스터 → 수정 → 백업 보존 기간 7일 (CLI: --backup-retention-period 7)
rds-backups-aws-rds-modify-db-2 = RDS → { $db } → 수정 → 백업 → 자동 백업 활성화, 보존 기간 7일 (CLI: --backup-retention-period 7)

## rds_encryption
rds-encryption-chosen-when-storage-created = 암호화는 스토리지를 만들 때 정해집니다. 스냅숏을 찍고 --kms-key-id { $alias }로 복사한 뒤, 그 복사본으로 새 인스턴스를 복원하고 옛 인스턴스를 지우세요.
rds-encryption-not-encrypted-storage-backups = { $who }이(가) 암호화되어 있지 않습니다. 스토리지, 백업, 스냅숏이 암호화 없이 저장됩니다
rds-encryption-encrypted-key = { $who }이(가) { $alias }(키 { $key })로 암호화되어 있습니다
rds-encryption-encrypted-aws-managed-key = { $who }이(가) 내 키({ $alias })가 아니라 AWS 관리형 키 { $key }로 암호화되어 있습니다
rds-encryption-key-other-alias = { $who }의 키 { $key }는 { $alias }가 아닌 별칭 { $called }의 고객 관리형 키입니다. 별칭은 이름일 뿐, 키가 제 역할을 합니다
rds-encryption-key-no-alias = { $who }의 키 { $key }는 { $alias }가 아닌 별칭 없는 고객 관리형 키입니다. 별칭은 이름일 뿐, 키가 제 역할을 합니다
rds-encryption-s-key-customer-managed-hint = 내 별칭으로 확인하려면 --param key_alias={ $alias }(또는 --discover)를 쓰세요. 다시 만들 것은 없습니다.
rds-encryption-s-key-customer-managed-hint-2 = 키에 별칭을 붙이세요(`aws kms create-alias --alias-name { $alias } --target-key-id { $key }`). 다시 만들 것은 없습니다.
rds-encryption-encrypted-customer-managed-key = { $who }이(가) 고객 관리형 키({ $key })로 암호화되어 있습니다
rds-encryption-encrypted-not-key-account = { $who }의 암호화 키 { $used }을(를) 이 계정·리전의 KMS에서 찾을 수 없습니다
# What could not be read, for "cannot read …": $db names the DB instance.
rds-encryption-unreadable-key = { $db }의 KMS 키 { $key }

## rds_instance
rds-instance-db-instance-running = DB 인스턴스 { $what }이(가) 동작 중입니다
rds-instance-db-instance-exists-not = DB 인스턴스 { $what }이(가) 있습니다(아직 사용 가능 상태가 아니므로 다른 단계 결과가 바뀔 수 있습니다)

## rds_instance_class
rds-instance-class-multi-az = { $who }이(가) 다중 AZ입니다. 다른 가용 영역에서 대기 인스턴스가 하나 더 돌아 인스턴스 요금이 약 두 배가 되고, 프리 티어는 단일 AZ만 해당됩니다
rds-instance-class-multi-az-priced = { $who }이(가) 다중 AZ입니다. 다른 가용 영역에서 대기 인스턴스가 하나 더 돌아 인스턴스 요금이 약 두 배가 되고(시간당 +${ $hourly }, 월 +${ $monthly }), 프리 티어는 단일 AZ만 해당됩니다
rds-instance-class-multi-az-standby-runs-hint = 실습이라면 단일 AZ로 바꾸세요: `aws rds modify-db-instance --db-instance-identifier { $db } --no-multi-az --apply-immediately`
rds-instance-class-uses-free-tier-eligible = { $who }이(가) 프리 티어 대상 클래스 { $class }을(를) 씁니다
rds-instance-class-aws-rds-modify-db = `aws rds modify-db-instance --db-instance-identifier { $db } --db-instance-class { $target } --apply-immediately`
rds-instance-class-uses-previous-generation-class = { $who }이(가) 쓰는 { $class }은(는) 이전 세대 클래스라 RDS가 MySQL 8.0용으로 제공하지 않습니다. 프리 티어 대상은 { $allowed }입니다
rds-instance-class-uses-previous-generation-class-hint = 현재 클래스로 옮기세요: { $change }
rds-instance-class-uses-compared-free-tier = { $who }이(가) { $class }을(를) 씁니다. 프리 티어 대상인 { $allowed }보다 { $cost }
rds-instance-class-lab-scale-down = 실습이라면 줄이세요: { $change }
rds-instance-class-lab-switch-free-tier = 실습이라면 프리 티어 클래스로 바꾸세요: { $change }
rds-instance-class-extra-cost = 시간당 약 +${ $hourly }, 월 +${ $monthly }({ $as_of } 기준 온디맨드 가격)
rds-instance-class-cost-beyond-free-tier = 프리 티어가 다루지 않는 비용

## rds_maintenance
rds-maintenance-db-instance-takes-minor = DB 인스턴스 { $db }이(가) { $window }(UTC) 유지 관리 기간에 마이너 버전을 자동으로 올립니다
rds-maintenance-db-instance-does-not = DB 인스턴스 { $db }의 마이너 버전 자동 업그레이드가 꺼져 있어 보안 패치가 누군가 기억할 때까지 미뤄집니다
rds-maintenance-db-instance-does-not-hint = RDS → { $db } → 수정 → 유지 관리 → 마이너 버전 자동 업그레이드 사용 (CLI: --auto-minor-version-upgrade)
rds-maintenance-db-instance-no-maintenance = DB 인스턴스 { $db }에 유지 관리 기간이 없습니다
rds-maintenance-db-instance-no-maintenance-hint = 사용이 적은 시간을 고르세요: --preferred-maintenance-window sun:18:00-sun:19:00 (UTC, 서울 시간 새벽 3시).

## rds_managed_password
rds-managed-password-db-instance-s-master = DB 인스턴스 { $db }의 마스터 암호는 Secrets Manager({ $secret })에 있고 자동으로 교체됩니다
rds-managed-password-db-instance-s-master-2 = DB 인스턴스 { $db }의 마스터 암호를 직접 입력했습니다. 아무도 교체하지 않고 메모나 스크립트에 남기 쉽습니다. RDS가 Secrets Manager에서 관리하게 하세요
rds-managed-password-aws-rds-modify-db = RDS → { $cluster } 클러스터 → 수정 → 자격 증명 관리 → AWS Secrets Manager에서 관리 (CLI: --manage-master-user-password)
rds-managed-password-aws-rds-modify-db-2 = RDS → { $db } → 수정 → 자격 증명 관리 → AWS Secrets Manager에서 관리 (CLI: --manage-master-user-password)

## rds_not_public
rds-not-public-db-instance-publicly-accessible = DB 인스턴스 { $db }이(가) 퍼블릭 액세스 가능으로 되어 있어 누구나 접속을 시도할 수 있는 공인 주소를 받습니다
rds-not-public-db-instance-publicly-accessible-hint = RDS → { $db } → 수정 → 연결 → 퍼블릭 액세스 불가 (CLI: aws rds modify-db-instance --no-publicly-accessible)
rds-not-public-db-instance-reachable-only = DB 인스턴스 { $db }은(는) VPC(와 피어링된 VPC) 안에서만 접속할 수 있습니다

## rds_security_group
rds-security-group-uses = { $who }에 { $group }이(가) 연결되어 있습니다
rds-security-group-uses-admits-only-tcp = { $who }에 연결된 { $group }이(가) WAS 계층에서 오는 tcp/{ $port }만 받습니다(실습의 이름은 { $lab_group }이지만 이름은 권장일 뿐입니다)
rds-security-group-attach-vpc-aws-rds = 이 VPC에 있는 { $group }을(를) 연결하세요: RDS → { $db } → 수정 → 연결 → VPC 보안 그룹 (CLI: --vpc-security-group-ids { $group_id })
rds-security-group-attach-vpc-aws-rds-hint = 이름이 { $group }인 그룹은 여기에 없습니다. DB VPC에 인바운드 규칙이 WAS 계층(보안 그룹이나 서브넷)에서 오는 tcp/{ $port } 하나뿐인 보안 그룹을 만들어 { $db }에 연결하세요(`aws rds modify-db-instance --vpc-security-group-ids`).
rds-security-group-not-behind-group-admits = { $who }에 WAS 계층에서 오는 tcp/{ $port }만 받는 보안 그룹이 없습니다. 누가 DB에 닿을 수 있는지는 연결된 그룹의 규칙이 정합니다

## shared by several kinds
resolve-no-vpc-region = 이 리전에 VPC { $what }이(가) 없습니다
resolve-no-vpc-region-hint = 먼저 VPC를 만드세요(1단계). 확인하는 리전(--region)과 같은 리전이어야 합니다.
resolve-cannot-check-yet-vpc = 아직 확인할 수 없습니다: VPC { $what }이(가) 없습니다
resolve-cannot-check-yet-vpc-hint = VPC 단계를 먼저 끝내세요.
resolve-cannot-check-yet-subnet = 아직 확인할 수 없습니다: { $vpc }에 { $tier } 서브넷 { $cidr }이(가) 없습니다
resolve-cannot-check-yet-subnet-hint = 서브넷 단계를 먼저 끝내세요.
resolve-no-public-hosted-zone = 이 계정에 퍼블릭 호스팅 영역이 없습니다
resolve-no-public-hosted-zone-hint = Route 53 → 호스팅 영역 → 호스팅 영역 생성(퍼블릭). 연습용이면 아무 이름이나 됩니다(예: sandpit-lab.com).
resolve-several-hosted-zones-say = 호스팅 영역이 여러 개입니다({ $names }). 어느 것인지 --param domain=이름 으로 알려 주세요
resolve-no-public-hosted-zone-2 = { $want }의 퍼블릭 호스팅 영역이 없습니다
resolve-no-public-hosted-zone-2-hint = Route 53에 호스팅 영역 { $want }을(를) 만드세요(다른 도메인을 썼다면 --param domain=으로 알려 주세요).
resolve-records-hosted-zone-were = 호스팅 영역 { $zone }의 레코드를 읽지 않았습니다. 이 스냅숏은 다른 호스팅 영역을 위해 수집되었습니다
resolve-records-hosted-zone-were-hint = --param domain={ $zone }으로 계정을 직접 확인하세요(--snapshot 없이).
resolve-no-rds-db-instance = { $vpc }에 RDS DB 인스턴스가 없습니다
resolve-no-rds-db-instance-hint = 이 VPC의 DB 서브넷 그룹으로 DB 인스턴스를 만드세요(db-instance 단계).
resolve-no-monthly-cost-budget = 월별 비용 예산이 없습니다. 할당액을 다 쓰기 전에 알려 줄 것이 없습니다
resolve-no-monthly-cost-budget-hint = 결제 → 예산 → 예산 생성 → 비용 예산, 월별, 금액은 할당액으로.

## scaling_policy
scaling-policy-auto-scaling-group-tracks = Auto Scaling 그룹 { $group }이(가) 정책 { $policy }(으)로 { $metric }을(를) { $target }에 맞춥니다
scaling-policy-aws-autoscaling-put-scaling = aws autoscaling put-scaling-policy --auto-scaling-group-name { $group } --policy-name { $group }-target --policy-type TargetTrackingScaling --target-tracking-configuration '{"{"}"PredefinedMetricSpecification":{"{"}"PredefinedMetricType":"{ $metric }"{"}"},"TargetValue":50.0{"}"}' (다른 지표라면 --param scaling_metric=…)
# What could not be read, for "cannot read …".
scaling-policy-unreadable = { $group }의 조정 정책
scaling-policy-no-target-tracking = Auto Scaling 그룹 { $group }에 대상 추적 조정 정책이 없습니다. 부하가 늘어도 인스턴스가 늘지 않습니다
scaling-policy-tracks-other-metric = Auto Scaling 그룹 { $group }이(가) { $metric }이(가) 아닌 다른 지표를 추적합니다

## security_group_ingress
security-group-ingress-other-group-does-the-job = { $vpc }에 이름이 { $group }인 보안 그룹은 없지만 { $doer }이(가) 그 일(tcp/{ $port }, { $sources }에서)을 하므로 그 그룹으로 판단합니다. 이름은 권장일 뿐입니다
security-group-ingress-no-group-does-the-job = { $vpc }에 이름이 { $group }인 보안 그룹이 없고, { $sources }에서 오는 tcp/{ $port }를 받는 그룹도 없습니다
security-group-ingress-no-security-group-named-hint = { $vpc }에 만드세요(이름은 자유, 실습에서는 { $group }). 인바운드 규칙은 앞단 계층에서 오는 tcp/{ $port }입니다. 다른 이름으로 만들었다면 --param이나 --discover로 알려 주세요.
security-group-ingress-stale-rule = { $group }의 규칙({ $ports }, { $source }에서)은 아무것도 허용하지 않습니다. 이 규칙이 거치는 피어링이 더는 활성 상태가 아닙니다(오래된 규칙)
security-group-ingress-s-rule-from-admits-hint = 오래된 규칙을 지우세요. 새 피어링이 활성화된 뒤 상대 VPC의 보안 그룹을 다시 지정하거나, 상대 계층의 서브넷 주소를 쓰세요.
security-group-ingress-allows-tcp-from = { $group }이(가) { $snap }에서 오는 tcp/{ $port }를 허용합니다
security-group-ingress-source-security-group-does = 출발지 보안 그룹 { $name }이(가) 아직 없습니다
security-group-ingress-no-security-group-named-2 = 이름이 { $name }인 보안 그룹은 없습니다. 주소 { $cidrs }에서 오는 규칙도 같은 역할을 합니다
security-group-ingress-no-security-group-named-2-hint = { $name }을(를) 먼저 만들거나, 내 그룹의 이름을 알려 주세요(--param, --discover).
security-group-ingress-port-closed = { $group }이(가) { $sources }에서 오는 tcp/{ $port }를 허용하지 않습니다
security-group-ingress-does-not-allow-tcp-hint = 인바운드 규칙을 추가하세요: 사용자 지정 TCP { $port }, 소스 = 앞단 계층의 보안 그룹(0.0.0.0/0 같은 CIDR이 아니라).
security-group-ingress-opens-more-ports = { $group }이(가) { $source }에 { $ports }(tcp/{ $port }보다 넓게)를 열어 두었습니다. 서비스 포트만 열면 됩니다
security-group-ingress-other-source = { $group }이(가) { $source }에서 오는 { $ports }도 허용합니다. 이 계층은 { $sources }에서만 닿을 수 있어야 합니다
security-group-ingress-also-allows-from-tier-hint = 이 인바운드 규칙을 지우세요. 접근은 앞단 계층을 거치게 하고, 관리는 Session Manager를 쓰세요.
security-group-ingress-cannot-read-list-not = { $what }을(를) 읽을 수 없습니다. 이 스냅숏에 그 목록이 없습니다(다른 계정에서 공유된 목록일 수 있습니다)
security-group-ingress-prefix-list-entries = 접두사 목록 { $list }의 항목({ $group } 규칙)

## subnets
subnets-vpc-subnets-create-subnet = VPC → 서브넷 → 서브넷 생성: VPC { $vpc }, IPv4 CIDR { $cidr }.
subnets-if-tier-s-subnets = { $why }. 이 계층의 서브넷을 다른 주소로 만들었다면 --discover(또는 --param)로 확인하세요. 아니라면 VPC { $vpc }의 빈 대역(예: { $free })에 만들고 --param으로 알려 주세요.
subnets-vpc-no-free-left = { $why }. VPC { $vpc }에는 남은 /{ $prefix } 대역이 없습니다. 먼저 VPC에 보조 CIDR 블록을 추가하세요(또는 더 작은 서브넷을 쓰세요).
subnets-subnet-also-subnet-each = { $tier } 서브넷 { $cidr }이(가) { $other_tier } 서브넷 { $shared }과(와) 같습니다. 계층마다 따로 서브넷이 있어야 라우팅, ACL, 주소로 계층을 나눌 수 있습니다
subnets-subnet-also-subnet-each-hint = { $tier } 계층에 따로 서브넷을 주세요(실습의 --param이 계층마다 서브넷을 정합니다). 없다면 먼저 만드세요.
subnets-subnet-in-zone = { $tier } 서브넷 { $subnet }이(가) { $zone }에 있습니다
subnets-no-subnet-vpc = VPC { $vpc }에 { $tier } 서브넷 { $cidr }이(가) 없습니다
subnets-no-subnet-vpc-hint = { $other }이(가) 이 CIDR을 쓰지만 { $vpc_id }에 속해 있습니다. 서브넷은 옮길 수 없으니 { $vpc }에 새로 만드세요.
subnets-all-tier-must-span = { $tier } 서브넷이 모두 { $distinct }에 있습니다. 한 가용 영역이 멈춰도 버티려면 { $wanted }개 가용 영역에 나눠야 합니다
subnets-all-tier-must-span-hint = 서브넷의 가용 영역은 바꿀 수 없습니다. 하나를 지우고 다른 가용 영역(예: a와 c)에 다시 만드세요.
subnets-why-size = AWS는 /16부터 /28까지의 서브넷만 받습니다(/{ $prefix } 불가)
subnets-why-outside-vpc = { $cidr }은(는) VPC 대역 { $vpc_cidrs } 밖이라 AWS가 거부합니다
subnets-why-overlap = { $cidr }은(는) 기존 서브넷 { $subnet }와(과) 겹쳐 AWS가 거부합니다

## target_group
target-group-speaks-not = 대상 그룹 { $name }의 프로토콜이 { $want }가 아니라 { $protocol }입니다
target-group-speaks-not-hint = 대상 그룹의 프로토콜은 바꿀 수 없습니다. --protocol { $protocol }로 새로 만들고 리스너가 그 그룹을 가리키게 하세요.
target-group-takes-targets-auto-scaling = 대상 그룹 { $name }의 대상 유형이 { $ty }입니다. Auto Scaling 그룹은 인스턴스를 등록합니다
target-group-takes-targets-auto-scaling-hint = --target-type instance로 대상 그룹을 다시 만드세요.
target-group-checks-health-not = 대상 그룹 { $name }의 상태 검사 경로가 { $health_check_path }가 아니라 { $path }입니다
target-group-checks-health-not-hint = aws elbv2 modify-target-group --target-group-arn { $arn } --health-check-path { $health_check_path } (애플리케이션이 다른 경로로 답한다면 --param health_check_path=…)
target-group-counts-http-healthy-does = 대상 그룹 { $name }은(는) HTTP { $matcher }만 정상으로 봅니다. { $health_check_codes }가 들어 있지 않습니다
target-group-counts-http-healthy-does-hint = aws elbv2 modify-target-group --target-group-arn { $arn } --matcher HttpCode={ $health_check_codes }
target-group-takes-port-health-check = 대상 그룹 { $name }이(가) { $vpc }의 포트 { $port }에서 { $protocol }을(를) 받고, 상태 검사는 { $path } → { $matcher }입니다

## targets_healthy
targets-healthy-target-still-being-checked = { $tg }의 대상 { $target }을(를) 아직 검사 중입니다({ $reason })
targets-healthy-target-unhealthy = { $tg }의 대상 { $target }의 상태가 { $state }입니다: { $reason }
targets-healthy-too-few = 대상 그룹 { $tg }에 등록된 대상 { $registered }개 중 정상은 { $healthy }개입니다. { $min_healthy }개 이상이어야 합니다
targets-healthy-too-few-hint = 등록된 대상이 없습니다. 대상 그룹을 Auto Scaling 그룹에 연결하세요(aws autoscaling attach-load-balancer-target-groups …).
targets-healthy-too-few-hint-2 = 위의 비정상 대상을 고치거나 그룹의 원하는 용량을 늘리세요.
targets-healthy-enough = 대상 그룹 { $tg }: 대상 { $registered }개 중 { $healthy }개가 정상입니다
# What could not be read, for "cannot read …".
targets-healthy-unreadable = { $tg }의 대상
# Hints by the reason AWS gives for an unhealthy target (Target.Timeout, …).
targets-healthy-advice-timeout = 상태 검사가 응답을 받지 못했습니다. WAS 그룹이 로드 밸런서에서 오는 WAS 포트를 허용하는지, Tomcat이 그 포트에서 듣고 있는지 보세요.
targets-healthy-advice-response-code = 애플리케이션이 상태 검사 경로에 다른 상태 코드로 답했습니다. 경로나 정상 코드를 고치세요.
targets-healthy-advice-failed-checks = 연결이나 응답이 실패했습니다. 인스턴스에서 애플리케이션이 실행 중인지 보세요.
targets-healthy-advice-still-checking = 새 대상의 상태 검사가 아직 진행 중입니다. 1분 뒤 다시 확인하세요.
targets-healthy-advice-look = 대상 그룹의 대상 탭에서 이유를, 인스턴스의 애플리케이션 로그를 함께 보세요.

## vpc
vpc-cidr-but-lab-expects = VPC { $label }의 CIDR은 { $cidr }이지만 실습은 { $want }를 기대합니다
vpc-cidr-but-lab-expects-hint = VPC의 기본 CIDR은 바꿀 수 없습니다. { $want }로 새 VPC를 만드세요(일부러 다른 대역을 골랐다면 --param으로 알려 주세요).
vpc-exists-cidr = VPC { $label }이(가) CIDR { $cidr }(으)로 있습니다
vpc-no-name-tag-naming = VPC { $vpc }에 Name 태그 `{ $want }`가 없습니다. 실습과 같은 이름을 붙이면 찾기 쉽습니다

## vpc_cidrs_disjoint
vpc-cidrs-disjoint-overlaps-peered-vpcs-must = { $a }({ $ca })과(와) { $b }({ $cb })의 주소가 겹칩니다. 겹치면 라우팅이 둘을 구별할 수 없어 피어링할 수 없습니다
vpc-cidrs-disjoint-overlaps-peered-vpcs-must-hint = VPC의 CIDR은 바꿀 수 없습니다. 한쪽 VPC를 겹치지 않는 사설 대역(예: 10.10.0.0/16과 172.16.0.0/16)으로 다시 만드세요.
vpc-cidrs-disjoint-vpcs-address-ranges-do = VPC 주소 대역이 겹치지 않습니다: { $all }

## resolve
checks-db-instance = DB 인스턴스 { $db }
checks-db-instance-in-cluster = DB 인스턴스 { $db }(클러스터 { $cluster })
checks-list-or = {" "}또는{" "}
# What could not be read, for "cannot read …".
resolve-unreadable-records = 호스팅 영역 { $zone }의 레코드
# A lab's VPC as messages name it: by its block and Name tag, by its Name tag, or any VPC.
checks-vpc-ref-cidr-name = { $cidr } (이름 { $name })
checks-vpc-ref-name = 이름 { $name }
checks-vpc-ref-any = (아무것이나)
# A security group rule's ports when it opens every protocol (otherwise tcp/22, tcp/1024-65535).
sg-rule-all-traffic = 모든 트래픽
# A lab's subnet tier in a Korean sentence (the English sentences name the tier as the lab file spells it).
checks-tier-web = 웹
checks-tier-public = 퍼블릭
checks-tier-private = 프라이빗
checks-tier-application = 애플리케이션
checks-tier-database = 데이터베이스
