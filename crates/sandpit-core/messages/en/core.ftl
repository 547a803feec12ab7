# The check engine, the budget guard, the cost meter, reports and discovery.

## budget
budget-create-budget-month-alerts = create budget { $name }: { $limit } { $unit } a month, with alerts { $alerts_text }
budget-change-limit = change the limit of { $name }: { $from } { $from_unit } → { $to } { $unit }
budget-replace-budget-monthly-cost = replace budget { $name } ({ $was }) with a monthly cost budget
budget-add-alert = add alert { $alert }
budget-remove-alert = remove alert { $alert }
budget-alert-also-tell = alert { $alert }: also tell { $subscriber }
budget-alert-stop-telling = alert { $alert }: stop telling { $subscriber }

## cost
cost-auto-scaling-group-keeps = Auto Scaling group { $group } keeps it running: terminate it and the group launches another. Delete the group (teardown plan).
cost-plus-per-lcu-hour = Plus ${ $lcu } per LCU-hour for traffic (new connections, active connections, bytes, rule evaluations — whichever is highest); a lab's trickle stays near one LCU, about ${ $monthly } a month.
cost-group-first-force-delete = The group first, with --force-delete: it terminates the group's instances, which the group would otherwise replace.
cost-free-but-only-deletable = Free, but only deletable once no group uses it.
cost-instances-first-they-targets = Instances first: they are the targets behind the load balancers.
cost-target-group-cannot-deleted = A target group cannot be deleted while a load balancer uses it.
cost-deletion-protection-cluster-cannot = Deletion protection is on: the cluster cannot be deleted until it is turned off.
cost-member-cluster-instances-go = A member of cluster { $cluster }: its instances go first, the cluster keeps the data.
cost-then-cluster-bills-storage = Then the cluster, which bills for its storage until it is gone. No final snapshot: to keep the data use --final-db-snapshot-identifier { $final_id } instead (`sandpit cost --keep-final-snapshot`).
cost-then-cluster-keeping-final = Then the cluster, keeping the final snapshot { $final_id }: its storage is billed until you delete it.
cost-no-final-snapshot-data = No final snapshot: the data is gone. To keep it, use --final-db-snapshot-identifier { $final_id } instead of --skip-final-snapshot (snapshot storage is billed) — `sandpit cost --keep-final-snapshot` plans that.
cost-keeps-final-snapshot-storage = Keeps the final snapshot { $final_id }: its storage is billed until you delete it (`aws rds delete-db-snapshot`).
cost-wait-nat-gateway-s = Wait: a NAT gateway's Elastic IP can be released only once the gateway is deleted.

## discover
discover-app-vpc = { $vpc } ({ $cidr }) is the VPC with public subnets (routed to an internet gateway) beside private ones
discover-db-vpc = { $vpc } ({ $cidr }) is the database VPC (its database, its subnet group or its peering says so)
discover-public-subnet = { $subnet } ({ $cidr }, { $zone }) is public: its route table sends 0.0.0.0/0 to an internet gateway
discover-web-subnet = { $subnet } ({ $cidr }, { $zone }) is a private subnet of the web tier
discover-was-subnet = { $subnet } ({ $cidr }, { $zone }) is a private subnet of the WAS tier
discover-db-subnet = { $subnet } ({ $cidr }, { $zone }) is a database subnet
discover-alb-group = { $group } is open to the internet on 80/443 and the web tier admits it: the load balancer's group
discover-web-group = { $group } admits the load balancer's group: the web tier's group
discover-was-group = { $group } admits the web tier's group: the WAS tier's group
discover-db-group = { $group } admits the WAS tier (or is the database's own group): the database's group
discover-web-port = { $group } admits tcp/{ $port } from the load balancer
discover-was-port = { $group } admits tcp/{ $port } from the web tier
discover-db-port = { $group } admits tcp/{ $port } from the WAS tier
discover-db-instance-listens = DB instance { $db } listens on { $port }
discover-customer-managed-key-encrypts = customer-managed key { $key } ({ $alias }) encrypts the database (or is the only one with an alias)
discover-db-instance-runs-database = DB instance { $db } runs in the database VPC
discover-db-subnet-group-database = DB subnet group { $group } is in the database VPC
discover-public-hosted-zone-holds = public hosted zone { $zone } ({ $zone_id }) holds the lab's records
discover-your-account-seems-hold = your account seems to hold this step under other names or addresses: with `{ $line }` it passes
discover-check-these-parameters-let = Check with these parameters: `{ $command }`, or let Sandpit read them all: `sandpit check { $lab_id } --discover`

## engine
engine-budget-guard-place = Budget guard in place
engine-budget-guard-not-enforced = The budget guard is NOT enforced (--no-budget-guard): nothing stops this lab from billing you.
engine-put-guard-place = Put a guard in place: { $command }
engine-cannot-tell-whether-budget = cannot tell whether a budget guard is in place: { $message }
engine-budget-watches-account-month = budget { $name } watches this account: { $limit } { $unit } a month
engine-no-monthly-cost-budget = no monthly cost budget watches this account: this lab bills by the hour, so it stays locked until a budget guard is in place
engine-no-budget-guard-hint = Run: { $command }
engine-spend-month-past-limit = spend this month ({ $actual } { $unit }) is past the limit of budget { $name } ({ $limit } { $unit }): no new billable lab until it is back under
engine-run-sandpit-cost-follow = Run `sandpit cost` and follow its teardown plan to stop what is billing.
engine-not-in-snapshot = { $what } are not in this snapshot
engine-check-against-account-without = Check against the account (without --snapshot), or collect a snapshot for this lab.
engine-cannot-read-aws-denied = cannot read { $what }: AWS denied { $action }
engine-grant-identity-sandpit-uses = Grant { $action } to the identity Sandpit uses: attach the AWS managed policy { $managed_policy }, or the checker policy labs/policies/sandpit-checker.json.
engine-cannot-read-failed = cannot read { $what }: { $action } failed
engine-usually-temporary-network-throttling = This is usually temporary (network, throttling): check again.

## resource kinds
# A resource kind as messages name it ("cannot read security groups"), one per kind Sandpit reads.
kind-vpcs = VPCs
kind-subnets = subnets
kind-route-tables = route tables
kind-internet-gateways = internet gateways
kind-nat-gateways = NAT gateways
kind-elastic-ips = Elastic IPs
kind-peering-connections = VPC peering connections
kind-security-groups = security groups
kind-hosted-zones = Route 53 hosted zones and records
kind-kms-keys = KMS keys and aliases
kind-db-instances = RDS DB instances
kind-db-subnet-groups = RDS DB subnet groups
kind-budgets = AWS Budgets
kind-ec2-instances = EC2 instances
kind-load-balancers = load balancers
kind-target-groups = target groups
kind-network-acls = network ACLs
kind-launch-templates = launch templates
kind-network-interfaces = network interfaces
kind-managed-prefix-lists = managed prefix lists
kind-db-clusters = RDS DB clusters
kind-auto-scaling-groups = Auto Scaling groups
kind-sns-topics = SNS topics and subscriptions
kind-event-rules = EventBridge rules
kind-metric-alarms = CloudWatch alarms
kind-iam-users = IAM users
kind-iam-groups = IAM groups
kind-iam-roles = IAM roles
kind-iam-policies = IAM customer managed policies
kind-iam-account-summary = the root user's MFA and access keys
