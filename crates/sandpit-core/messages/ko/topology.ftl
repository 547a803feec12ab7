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
# $tier: 실습이 부르는 서브넷 계층(public, web, WAS, DB, private).
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
# $scheme 값: internet-facing, internal.
topology-load-balancer-scheme = 로드 밸런서 { $name }의 체계가 { $want }가 아니라 { $found }입니다
topology-load-balancer-no-listener = 로드 밸런서 { $name }에 리스너가 없습니다(포트 { $port } 예상)
topology-target-group-unhealthy = 대상 그룹 { $name }: 대상 { $all }개 중 { $healthy }개 정상
topology-auto-scaling-minimum = Auto Scaling 그룹 { $name }의 최소 크기가 { $want }가 아니라 { $found }입니다
# $status: AWS가 주는 피어링 상태(pending-acceptance, …). active는 AWS가 쓰는 그대로입니다.
topology-peering-not-active = 피어링 { $id }의 상태가 active가 아니라 { $status }입니다
topology-nat-gateway-not-public = NAT 게이트웨이 { $id }가 퍼블릭 서브넷에 있지 않습니다
