# 네트워크 그림(sandpit-view topology): 그림 안의 말과 목표와 다른 점.

## 서브넷 상자의 경로 줄: 기본 경로(0.0.0.0/0)가 없을 때
topology-no-route = 인터넷으로 가는 경로 없음

## 목표와 다른 기본 경로
topology-route-none = 인터넷으로 가는 경로 없음: 라우팅 테이블에 0.0.0.0/0 → { $want } 경로가 필요합니다
topology-route-elsewhere = 0.0.0.0/0이 { $want }이(가) 아니라 { $found }(으)로 갑니다

## 계정에 없는 것, 한 줄에 하나씩
topology-vpc-missing = VPC { $cidr }가 없습니다
topology-internet-gateway-missing = VPC { $cidr }에 연결된 인터넷 게이트웨이가 없습니다
topology-nat-gateway-missing = VPC { $cidr }에 NAT 게이트웨이가 없습니다
# $tier: 서브넷 계층, 아래 topology-tier-… 가운데 하나.
topology-subnet-missing = { $tier } 서브넷 { $cidr }가 없습니다
topology-load-balancer-missing = VPC { $cidr }에 { $scheme } 로드 밸런서가 없습니다
topology-target-group-missing = { $name }의 어떤 리스너도 포트 { $port } 대상 그룹으로 전달하지 않습니다
topology-auto-scaling-missing = VPC { $cidr }에 Auto Scaling 그룹이 없습니다
topology-peering-missing = { $a }와 { $b } 사이에 피어링이 없습니다

## 있지만 다른 서브넷: 문제마다 한 줄
# $problem: 아래 topology-subnet-… 문제 중 하나, 또는 topology-route-none/-elsewhere.
topology-subnet-differs = 서브넷 { $cidr } ({ $id }): { $problem }
topology-subnet-no-peering-route = 피어링으로 가는 경로가 없습니다
topology-subnet-no-load-balancer-node = 로드 밸런서 노드가 없습니다
topology-subnet-no-instance = Auto Scaling 인스턴스가 없습니다
topology-subnet-shares-zone = 다른 { $tier } 서브넷과 같은 가용 영역({ $zone })에 있습니다

## 있지만 다른 것
# $scheme 값: topology-scheme-internet-facing 또는 topology-scheme-internal(말로 옮긴 것).
topology-load-balancer-scheme = 로드 밸런서 { $name }의 체계가 { $want }가 아니라 { $found }입니다
topology-load-balancer-no-listener = 로드 밸런서 { $name }에 리스너가 없습니다(포트 { $port } 예상)
topology-target-group-unhealthy = 대상 그룹 { $name }: 대상 { $all }개 중 { $healthy }개 정상
topology-auto-scaling-minimum = Auto Scaling 그룹 { $name }의 최소 크기가 { $want }가 아니라 { $found }입니다
# $status: AWS가 주는 피어링 상태(pending-acceptance, …). active는 AWS가 쓰는 그대로입니다.
topology-peering-not-active = 피어링 { $id }의 상태가 active가 아니라 { $status }입니다
topology-nat-gateway-not-public = NAT 게이트웨이 { $id }가 퍼블릭 서브넷에 있지 않습니다

## VPC 안의 줄: 실습이 부르는 서브넷 계층
# WAS와 DB는 AWS 한국어 문서도 그대로 씁니다(DB 인스턴스, DB 서브넷 그룹).
topology-tier-public = 퍼블릭
topology-tier-web = 웹
topology-tier-was = WAS
topology-tier-db = DB
topology-tier-private = 프라이빗
topology-tier-web-was = 웹/WAS

## 목표 구성의 가용 영역: 실제 이름이 아니라 번호로 부르는 자리
# $number: 1, 2, …(목표는 서로 다른 가용 영역을 요구할 뿐, 어느 영역인지는 정하지 않습니다).
topology-zone = 가용 영역 { $number }
topology-zone-unknown = 가용 영역 ?

## 그림 속 피어링
# 아직 pcx-… ID가 없는 목표 구성의 피어링 연결.
topology-peering = 피어링
topology-peering-status-active = 활성
topology-peering-status-pending-acceptance = 수락 대기 중
# 서브넷 상자의 경로 줄: 피어링 연결로 가는 경로가 있는 서브넷.
topology-peering-route = → 피어링

## VPC의 로드 밸런싱 띠
topology-scheme-internal = 내부
topology-scheme-internet-facing = 인터넷 경계
topology-band-healthy = 정상 { $healthy }/{ $all }
topology-band-no-listener = 리스너 없음
topology-band-min = 최소 { $min }
topology-band-instances = 인스턴스 { $count }개
