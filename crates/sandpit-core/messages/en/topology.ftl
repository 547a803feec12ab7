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
# $tier: the subnet tier in words (one of topology-tier-… below).
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
# $scheme values: topology-scheme-internet-facing or topology-scheme-internal, in words.
topology-load-balancer-scheme = load balancer { $name } is { $found }, expected { $want }
topology-load-balancer-no-listener = load balancer { $name } has no listener (expected port { $port })
topology-target-group-unhealthy = target group { $name }: { $healthy } of { $all } targets healthy
topology-auto-scaling-minimum = Auto Scaling group { $name } keeps at least { $found }, expected { $want }
# $status: the peering's status as AWS gives it (pending-acceptance, …).
topology-peering-not-active = peering { $id } is { $status }, not active
topology-nat-gateway-not-public = NAT gateway { $id } is not in a public subnet

## The rows of a VPC: its subnet tiers, as the labs name them
topology-tier-public = public
topology-tier-web = web
topology-tier-was = WAS
topology-tier-db = DB
topology-tier-private = private
topology-tier-web-was = web/WAS

## A target's Availability Zones: numbered places, not real zone names
# $number: 1, 2, … (the target asks for subnets in different zones, not for given ones).
topology-zone = AZ { $number }
topology-zone-unknown = AZ ?

## Peering in the picture
# A target's peering connection, which has no pcx-… id yet.
topology-peering = peering
topology-peering-status-active = active
topology-peering-status-pending-acceptance = pending-acceptance
# A subnet box's route line: the subnet has a route into a peering connection.
topology-peering-route = → pcx

## The load-balancing band of a VPC
topology-scheme-internal = internal
topology-scheme-internet-facing = internet-facing
topology-band-healthy = { $healthy }/{ $all } healthy
topology-band-no-listener = no listener
topology-band-min = min { $min }
topology-band-instances = { $count ->
    [one] { $count } instance
   *[other] { $count } instances
}
