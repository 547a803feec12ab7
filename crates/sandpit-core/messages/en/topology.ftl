# The network picture (sandpit-view topology): words inside the picture and differences from the target.

## A subnet box's route line when it has no default route (0.0.0.0/0)
topology-no-route = no route to the internet

## A default route other than the target's
topology-route-none = no route to the internet: its route table needs 0.0.0.0/0 → { $want }
topology-route-elsewhere = 0.0.0.0/0 goes to { $found }, expected { $want }

## What the account lacks, one line each
topology-vpc-missing = VPC { $cidr } is missing
topology-internet-gateway-missing = no internet gateway attached to VPC { $cidr }
topology-nat-gateway-missing = no NAT gateway in VPC { $cidr }
# $tier: public, web, WAS, DB or private, as the lab names subnets.
topology-subnet-missing = { $tier } subnet { $cidr } is missing
topology-load-balancer-missing = no { $scheme } load balancer in VPC { $cidr }
topology-target-group-missing = no listener of { $name } forwards to a target group on port { $port }
topology-auto-scaling-missing = no Auto Scaling group in VPC { $cidr }
topology-peering-missing = no peering between { $a } and { $b }

## A subnet that is there but differs: one line per problem
# $problem: one of the topology-subnet-… problems below, or topology-route-none/-elsewhere.
topology-subnet-differs = subnet { $cidr } ({ $id }): { $problem }
topology-subnet-no-peering-route = no route into the peering
topology-subnet-no-load-balancer-node = no load balancer node here
topology-subnet-no-instance = no Auto Scaling instance here
topology-subnet-shares-zone = shares { $zone } with another { $tier } subnet

## Something that is there but differs
# $scheme values: internet-facing, internal.
topology-load-balancer-scheme = load balancer { $name } is { $found }, expected { $want }
topology-load-balancer-no-listener = load balancer { $name } has no listener (expected port { $port })
topology-target-group-unhealthy = target group { $name }: { $healthy } of { $all } targets healthy
topology-auto-scaling-minimum = Auto Scaling group { $name } keeps at least { $found }, expected { $want }
# $status: the peering's status as AWS gives it (pending-acceptance, …).
topology-peering-not-active = peering { $id } is { $status }, not active
topology-nat-gateway-not-public = NAT gateway { $id } is not in a public subnet
