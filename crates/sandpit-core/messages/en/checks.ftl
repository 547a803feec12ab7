# What the check kinds say: findings (pass, fail, info, error) and the hints beside them, one
# section per kind (its name in the lab files).

## alert_topic
# $subscribers: who it tells in English; the Korean sentence counts the subscriptions instead.
alert-topic-confirmed-subscription = topic { $topic } tells { $subscribers }
# $subscribers: who it tells in English; the Korean sentence counts the subscriptions instead.
alert-topic-has-subscription = topic { $topic } has a subscription: { $subscribers }
alert-topic-subscription-still-waits-confirmation = the subscription still waits for its confirmation: SNS sends nothing until someone clicks the link in the e-mail AWS sent
alert-topic-subscription-still-waits-confirmation-hint = Open the "AWS Notification - Subscription Confirmation" e-mail and click Confirm subscription (check the spam folder).
alert-topic-no-sns-topic-nothing = there is no SNS topic: nothing can tell the admin anything
alert-topic-no-sns-topic-subscriber = no SNS topic has a subscriber: a message published to { $names } reaches nobody
alert-topic-no-sns-topic-subscriber-hint = aws sns create-topic --name asg-alerts, then aws sns subscribe --topic-arn TOPIC_ARN --protocol email --notification-endpoint you@example.com (and confirm the e-mail).
# What could not be read, for "cannot read …".
alert-topic-unreadable = SNS topic { $topic }

## app_tier
app-tier-no-target-group-port = no target group for the WAS port { $port } in { $vpc }
app-tier-no-target-group-port-hint = Create it first (the target group step): aws elbv2 create-target-group --protocol HTTP --port { $port } --vpc-id { $vpc } --target-type instance …
app-tier-no-application-load-balancer = no application load balancer in { $vpc }
app-tier-no-application-load-balancer-hint = Create it in the load balancer step: aws elbv2 create-load-balancer --type application --scheme { $scheme } --subnets … --security-groups …
app-tier-no-auto-scaling-group = no Auto Scaling group launches into { $vpc }
app-tier-no-auto-scaling-group-hint = Create it in the Auto Scaling group step (aws autoscaling create-auto-scaling-group …).

## auto_scaling_group
auto-scaling-group-aws-autoscaling-update-auto = aws autoscaling update-auto-scaling-group --auto-scaling-group-name { $name } --vpc-zone-identifier "{ $was_subnets }"
auto-scaling-group-point-group-launch-template = Point the group at the WAS launch template: aws autoscaling update-auto-scaling-group --auto-scaling-group-name { $name } --launch-template LaunchTemplateId=LT_ID,Version='$Latest'
auto-scaling-group-use-version-latest-default = Use Version='$Latest' or '$Default' so the group follows the template.
auto-scaling-group-launch-configurations-being-retired = Launch configurations are being retired and get no new instance types: switch the group to the launch template.
auto-scaling-group-aws-autoscaling-update-auto-2 = aws autoscaling update-auto-scaling-group --auto-scaling-group-name { $name } --min-size { $min_size } --desired-capacity { $min_size } --max-size { $max_size }
auto-scaling-group-aws-autoscaling-attach-load = aws autoscaling attach-load-balancer-target-groups --auto-scaling-group-name { $name } --target-group-arns { $arn }
auto-scaling-group-finish-target-group-step = Finish the target group step first.
auto-scaling-group-aws-autoscaling-update-auto-3 = aws autoscaling update-auto-scaling-group --auto-scaling-group-name { $name } --health-check-type ELB --health-check-grace-period 300
auto-scaling-group-keeps-instances-desired = Auto Scaling group { $name } keeps { $min_size }–{ $max_size } instances (desired { $desired_capacity }) over the WAS subnets, registered in the target group, replaced when the load balancer finds them unhealthy
auto-scaling-group-launches-into-other-subnets = Auto Scaling group { $name } launches into { $subnets }; the WAS subnets are { $was_subnets }
auto-scaling-group-template-lacks-was-group = Auto Scaling group { $name } launches from { $template } ({ $id }), whose instances do not get the WAS group { $group }
auto-scaling-group-template-version-unread = Auto Scaling group { $name } launches from version { $version } of { $template } ({ $id }), which Sandpit did not read: it checks the default and latest versions
auto-scaling-group-launch-configuration = Auto Scaling group { $name } launches from launch configuration { $config }, not a launch template
auto-scaling-group-template-missing = Auto Scaling group { $name } names a launch template that does not exist
auto-scaling-group-sizes = Auto Scaling group { $name } has min { $min } / desired { $desired } / max { $max }: one instance per AZ needs min and desired ≥ { $want }, and max ≥ desired
auto-scaling-group-not-in-target-group = Auto Scaling group { $name } does not register its instances in target group { $tg }: the load balancer never sees them
auto-scaling-group-no-target-group-yet = Auto Scaling group { $name }: there is no target group on port { $port } to register in yet
auto-scaling-group-health-checks = Auto Scaling group { $name } uses { $check_type } health checks with a { $grace } s grace period: with EC2 checks, an instance whose Tomcat died stays in service

## budget_alerts
budget-alerts-forecast-alert-warns-while = a forecast alert warns while there is still time to stop, before the money is spent
budget-alerts-actual-spend-alert-says = an actual-spend alert says when money is really gone
budget-alerts-budget-no-alert = budget { $budget } has no { $kind } alert: { $why }
budget-alerts-budget-no-alert-hint = Budgets → { $budget } → Edit alerts → add a { $kind } alert (e.g. 100%) with your email.
budget-alerts-budget-alerts = budget { $budget } alerts on { $alerts }
budget-alerts-alert-tells-nobody = the { $alert } alert of { $budget } tells nobody
budget-alerts-receivers-unreadable = could not list who receives the { $alert } alert ({ $why }): make sure it emails someone who will act
budget-alerts-receivers-unknown = could not list who receives the { $alert } alert (unknown): make sure it emails someone who will act
# What could not be read, for "cannot read …".
budget-alerts-unreadable = the alerts of budget { $budget }

## budget_monthly_cost
budget-monthly-cost-budget-allows-month-more = budget { $budget } allows { $limit } { $unit } a month, more than the allowance of { $max }: its alerts come too late
budget-monthly-cost-budget-allows-month-more-hint = Edit the budget amount to at most { $max } (a little under the allowance leaves room for tax and exchange rates).
budget-monthly-cost-in-place = monthly cost budget { $budget }: { $limit } { $unit }
budget-monthly-cost-in-place-spent = monthly cost budget { $budget }: { $limit } { $unit }, { $spent } { $unit } spent so far

## db_subnet_group
db-subnet-group-spans = DB subnet group { $good } spans { $zones }
db-subnet-group-covers-only-rds = DB subnet group { $group } covers only { $zones }: RDS needs subnets in { $min } Availability Zones for Multi-AZ and failover
db-subnet-group-covers-only-rds-hint = aws rds modify-db-subnet-group --db-subnet-group-name { $group } --subnet-ids (subnets in two AZs)
db-subnet-group-no-db-subnet-group = no DB subnet group in { $vpc }
db-subnet-group-no-db-subnet-group-hint = RDS → Subnet groups → Create DB subnet group: VPC { $vpc }, the DB subnets of two or more AZs.

## default_route
default-route-subnet-no-route-table = subnet { $who } has no route table
default-route-subnet-associated-route-table = subnet { $who } is associated with route table { $table } which sends { $destination } to { $target }: a private subnet must use a NAT gateway
default-route-subnet-associated-route-table-hint = Associate this subnet with a private route table whose 0.0.0.0/0 goes to the NAT gateway (Route tables → private table → Subnet associations), instead of the public one.
default-route-subnet-routes-0-0 = subnet { $who } routes 0.0.0.0/0 to { $target } via { $table }
default-route-subnet-routes-0-0-2 = subnet { $who } routes 0.0.0.0/0 to { $target }, which no longer exists (blackhole) in { $table }
default-route-subnet-routes-0-0-2-hint = Edit the route to point at the current gateway.
default-route-subnet-routes-0-0-2-hint-2 = A public subnet's 0.0.0.0/0 must go to the internet gateway: associate it with the public route table.
default-route-point-0-0-0 = Point 0.0.0.0/0 of this subnet's route table at the NAT gateway.
default-route-subnet-associated-route-table-2 = subnet { $who } is associated with route table { $table } which sends 0.0.0.0/0 to { $target }
default-route-subnet-associated-route-table-2-hint = Create a public route table with 0.0.0.0/0 → the internet gateway and associate this subnet with it.
default-route-create-private-route-table = Create a private route table with 0.0.0.0/0 → the NAT gateway and associate this subnet with it.
default-route-subnet-uses-route-table = subnet { $who } uses route table { $table }, which has no 0.0.0.0/0 route
default-route-main-table-public = the VPC's main route table { $main } sends { $destination } to { $target }: every subnet without its own route table association, including any you add later, is public.
default-route-main-table-public-used = the VPC's main route table { $main } sends { $destination } to { $target }: every subnet without its own route table association, including any you add later, is public. The public subnets use it without an association of their own.
default-route-vpc-s-main-route-hint = Create a public route table with the internet route, associate the public subnets with it, and remove the internet route from the main table (aws ec2 delete-route --route-table-id { $main } --destination-cidr-block { $destination }).

## dns_record
dns-record-no-record = no { $rtype } record in { $where_ }
dns-record-no-record-hint = Route 53 → Hosted zones → { $zone } → Create record: type { $rtype }.
dns-record-found = { $rtype } record: { $record }
dns-record-points-fixed-ip-addresses = the A record points at fixed IP addresses; an alias to the load balancer follows its addresses as they change, and costs no queries
dns-record-alias = alias

## dns_ttls
dns-ttls-ttl-s-resolvers-ask = { $route } { $rtype } has a TTL of { $ttl } s: resolvers ask again that often, which costs queries and latency
dns-ttls-ttl-s-change-takes = { $route } { $rtype } has a TTL of { $ttl } s: a change takes that long to reach everyone
dns-ttls-record-sets-ttl = { $records_count } record sets with a TTL in { $zone }: { $range }

## dns_weighted
dns-weighted-no-weighted-records = no weighted records in { $zone }
dns-weighted-no-weighted-records-hint = Create records with the same name and type, routing policy Weighted, each with its own record ID and weight (e.g. 70, 20, 10).
dns-weighted-set-only-member-weighted = the weighted set { $name } { $rtype } has only { $members_count } member: weighted routing needs at least { $min } to split traffic
dns-weighted-set-only-member-weighted-hint = Add another record with the same name and type, a new record ID and its own weight.
dns-weighted-set-reuses-record-id = the weighted set { $name } { $rtype } reuses a record ID
dns-weighted-set-splits-traffic = weighted set { $name } { $rtype } splits traffic { $split }

## hosted_zone
hosted-zone-found = hosted zone { $zone } ({ $zone_id }) has { $records } record sets

## iam_access_key_age
iam-access-key-age-active-access-key-s = { $active_count } active access key(s) checked for age (older than { $max_days } days is worth rotating)
iam-access-key-age-access-key-days-old = access key { $key } of { $user } is { $days } days old: rotate it (create a new key, switch to it, deactivate the old one, then delete it)
iam-access-key-age-access-key-days-old-hint = aws iam create-access-key --user-name { $user } ; aws iam update-access-key --user-name { $user } --access-key-id { $key } --status Inactive ; aws iam delete-access-key --user-name { $user } --access-key-id { $key }

## iam_console_mfa
iam-console-mfa-user-signs-console-password = user { $user } signs in to the console with a password alone: a leaked password is the whole account's keys
iam-console-mfa-user-signs-console-password-hint = IAM → Users → { $user } → Security credentials → Assign MFA device (an authenticator app is enough).
iam-console-mfa-no-iam-user-signs = no IAM user signs in to the console
# $users: the users named in English; the Korean sentence counts them instead.
iam-console-mfa-every-user = every console user has MFA: { $users }
# What could not be read, for "cannot read …".
iam-console-mfa-unreadable-user = IAM user { $user }

## iam_group_access
iam-group-access-no-iam-group = there is no IAM group `{ $group }`
iam-group-access-no-iam-group-hint = aws iam create-group --group-name { $group } (or --param with your group's name)
iam-group-access-group-cannot-policies-do = group { $group } cannot { $missing }: its policies ({ $found }) do not allow it
iam-group-access-read-only-policy-writes = group { $group } is meant to only read, but policy { $policy } allows changes
iam-group-access-read-only-policy-unknown = group { $group } is meant to only read, but policy { $policy } is not known to be read-only
iam-group-access-group-meant-only-read-hint = aws iam detach-group-policy --group-name { $group } --policy-arn …, then attach a …ReadOnlyAccess policy instead
iam-group-access-change-what-owns = can change what it owns
iam-group-access-read-change-nothing = can read and change nothing
iam-group-access-group-can = group { $group } { $what } ({ $found })
iam-group-access-group-also-change-iam = group { $group } can also change IAM ({ $found }): the team's design keeps IAM with the administrator, so a slip on the infrastructure side cannot hand out permissions

## iam_group_members
iam-group-members-no-iam-group-put = there is no IAM group `{ $name }` to put the team in
iam-group-members-no-iam-group-put-hint = aws iam create-group --group-name { $name }
iam-group-members-group-no-members-nobody = group { $group } has no members: nobody works in this role yet
iam-group-members-group-no-members-nobody-hint = aws iam add-user-to-group --group-name { $group } --user-name USER
# $users: the users named in English; the Korean sentence counts them instead.
iam-group-members-members = group { $group }: { $users }
iam-group-members-user-no-group-permissions = user { $user } is in no group: its permissions, if any, are its own to keep track of
# $policies: the policy names, joined with "`, `" in Korean (the sentence quotes each as code).
iam-group-members-direct-policies = user { $user } has policies attached straight to it: { $policies }. A group per role is one place to grant, review and take back a role's permissions; per-user policies drift apart as the team changes
iam-group-members-user-policies-attached-straight-hint = aws iam add-user-to-group --group-name GROUP --user-name { $user } ; aws iam detach-user-policy --user-name { $user } --policy-arn …

## iam_permission_boundary
iam-permission-boundary-no-devops-principal-protect = there is no DevOps principal to protect: no user in group { $group } and no role { $role }
iam-permission-boundary-no-devops-principal-protect-hint = Finish the groups and users steps first.
iam-permission-boundary-no-permissions-boundary-anything = { $who } has no permissions boundary: anything attached to it later applies in full, IAM included
iam-permission-boundary-no-permissions-boundary-anything-hint = aws iam put-user-permissions-boundary --user-name NAME --permissions-boundary arn:aws:iam::ACCOUNT:policy/devops-boundary (put-role-permissions-boundary for a role)
iam-permission-boundary-s-boundary-cannot-read = { $who }'s boundary { $boundary } cannot be read here, so nothing says it keeps IAM out
iam-permission-boundary-s-boundary-cannot-read-hint = Use a customer managed policy of this account as the boundary.
iam-permission-boundary-s-boundary-still-allows = { $who }'s boundary { $boundary } still allows { $allowed }: a DevOps slip could change IAM
iam-permission-boundary-s-boundary-still-allows-hint = Add {"{"}"Effect":"Deny","Action":"iam:*","Resource":"*"{"}"} to the boundary policy (or leave IAM out of its Allow).
iam-permission-boundary-s-boundary-allows-nothing = { $who }'s boundary { $boundary } allows nothing at all: DevOps cannot work
iam-permission-boundary-s-boundary-allows-nothing-hint = A boundary only caps: allow what DevOps may ever do (e.g. "Action": "*"), then deny iam:*.
iam-permission-boundary-under-boundary-allows-no = { $who } is under boundary { $boundary }, which allows no IAM change

## iam_root_account
iam-root-account-unknown = IAM did not say anything about the root user
iam-root-account-root-user-no-mfa = the root user has no MFA: its password alone opens everything, billing and account closure included
iam-root-account-root-user-no-mfa-hint = Sign in as root → account menu → Security credentials → Assign MFA device.
iam-root-account-root-user-access-keys = the root user has access keys: a key that leaks cannot be limited by any policy
iam-root-account-root-user-access-keys-hint = Sign in as root → Security credentials → Access keys → deactivate, then delete them; use IAM users or roles instead.
iam-root-account-root-user-mfa-no = the root user has MFA and no access keys

## internet_gateway
internet-gateway-attached = internet gateway { $igw } is attached to { $vpc }
internet-gateway-no-internet-gateway-attached = no internet gateway is attached to { $vpc }: nothing in it can reach the internet
internet-gateway-no-internet-gateway-attached-hint = aws ec2 attach-internet-gateway --internet-gateway-id { $igw } --vpc-id { $vpc }
internet-gateway-no-internet-gateway-attached-hint-2 = Create one (VPC → Internet gateways → Create) and attach it to { $vpc }.

## kms_customer_key
kms-customer-key-no-key-alias-your = no key has the alias { $alias }; your customer-managed key { $key } is called { $alias2 }{ $more }: names are advice
kms-customer-key-no-key-alias-your-hint = To check with your alias: --param key_alias={ $alias } (or --discover).
kms-customer-key-no-kms-key-alias = no KMS key has the alias { $alias }
kms-customer-key-no-kms-key-alias-hint = KMS → Customer managed keys → Create key (symmetric, encrypt and decrypt), alias { $alias }.
kms-customer-key-aws-managed-key-you = { $alias } is an AWS-managed key: you cannot control its key policy, rotation or deletion
kms-customer-key-nothing-encrypt-decrypt = key { $key } ({ $alias }) is { $state }: nothing can encrypt or decrypt with it
kms-customer-key-nothing-encrypt-decrypt-hint = Enable the key (or cancel its deletion) in KMS.
kms-customer-key-customer-managed-key-enabled = customer-managed key { $key } is enabled with alias { $called }
kms-customer-key-other-aliases = {" "}(also: { $aliases })
# What could not be read, for "cannot read …".
kms-customer-key-unreadable = KMS key { $key } ({ $alias })

## launch_failure_alert
launch-failure-alert-sends-not-topic-region = { $what } sends to { $arn }, which is not a topic in this region
launch-failure-alert-sends-not-topic-region-hint = Point it at an existing topic, or create the topic (aws sns create-topic).
launch-failure-alert-sends-topic-nobody-subscribes = { $what } sends to topic { $topic }, which nobody subscribes to
launch-failure-alert-aws-sns-subscribe-topic = aws sns subscribe --topic-arn { $arn } --protocol email --notification-endpoint you@example.com
launch-failure-alert-notification-configuration = the notification configuration of { $group }
launch-failure-alert-group-s-notification-configuration = the group's notification configuration
launch-failure-alert-eventbridge-rule-matches-failed = EventBridge rule { $rule } matches failed launches but is { $state }
launch-failure-alert-aws-events-enable-rule = aws events enable-rule --name { $rule }
launch-failure-alert-eventbridge-rule-matches-failed-2 = EventBridge rule { $rule } matches failed launches but sends them to no SNS topic
launch-failure-alert-aws-events-put-targets = aws events put-targets --rule { $rule } --targets Id=sns,Arn=TOPIC_ARN
launch-failure-alert-rule-label = EventBridge rule { $rule }
launch-failure-alert-rule-label-2 = EventBridge rule { $rule }
# $reason: why the policy refuses, in parentheses after a space, in English only (empty in Korean).
launch-failure-alert-topic-refuses-events = EventBridge rule { $rule } sends failed launches to topic { $topic }, but the topic's policy does not let EventBridge publish{ $reason }: the rule fires and the message is dropped without a word
launch-failure-alert-eventbridge-rule-sends-failed-hint = Add a statement to the topic's policy: {"{"}"Effect":"Allow","Principal":{"{"}"Service":"events.amazonaws.com"{"}"},"Action":"sns:Publish","Resource":"{ $arn }"{"}"} (aws sns set-topic-attributes --topic-arn { $arn } --attribute-name Policy --attribute-value file://policy.json, keeping the statements it has). The console adds it for you; the CLI does not.
launch-failure-alert-cloudwatch-alarm-watches-but = CloudWatch alarm { $alarm } watches { $metric } of { $group } but fires when it rises, not when instances are missing
launch-failure-alert-cloudwatch-alarm-watches-but-hint = Use --comparison-operator LessThanThreshold with the group's minimum as --threshold.
launch-failure-alert-alarm-tells-nobody = CloudWatch alarm { $alarm } watches { $metric } of { $group } but tells no SNS topic
launch-failure-alert-alarm-disabled = CloudWatch alarm { $alarm } watches { $metric } of { $group } but tells no SNS topic (its actions are disabled)
launch-failure-alert-aws-cloudwatch-put-metric = aws cloudwatch put-metric-alarm … --alarm-actions TOPIC_ARN (and aws cloudwatch enable-alarm-actions --alarm-names { $alarm })
launch-failure-alert-cloudwatch-alarm-watches-but-3 = CloudWatch alarm { $alarm } watches { $metric } of { $group }, but the group does not send that metric (group metrics collection is off): the alarm never sees a value
launch-failure-alert-aws-autoscaling-enable-metrics = aws autoscaling enable-metrics-collection --auto-scaling-group-name { $group } --granularity 1Minute --metrics { $metric }
launch-failure-alert-alarm-label = CloudWatch alarm { $alarm }
launch-failure-alert-alarm-on-metric = CloudWatch alarm { $alarm } on { $metric }
launch-failure-alert-when-cannot-launch-instance = when { $group } cannot launch an instance, topic { $topic_name } is told through { $kind }
launch-failure-alert-group-s-notification-configurations = the group's notification configurations could not be read ({ $action }), so a route through them was not seen
launch-failure-alert-eventbridge-rule-cloudwatch-alarm = An EventBridge rule or a CloudWatch alarm (both readable here) also counts; see the step's hints.
launch-failure-alert-nobody-told-when-auto = nobody is told when Auto Scaling group { $group } cannot launch an instance
launch-failure-alert-nobody-told-when-auto-hint = Simplest: aws autoscaling put-notification-configuration --auto-scaling-group-name { $group } --topic-arn TOPIC_ARN --notification-types { $LAUNCH_ERROR }
launch-failure-alert-no-auto-scaling-group = there is no Auto Scaling group{ $what } to watch
launch-failure-alert-no-auto-scaling-group-hint = Build the group first (lab was-alb-asg), or name yours with --param asg_name=….
# What could not be read, for "cannot read …".
launch-failure-alert-unreadable-routes = every route that could tell about { $group }'s failed launches

## launch_template
launch-template-no-security-group-instances = no security group `{ $security_group }` in { $vpc } for the WAS instances
launch-template-no-security-group-instances-hint = Create the WAS security group first (three-tier-vpc, step was-security-group).
launch-template-no-launch-template-gives = no launch template gives its instances the WAS security group { $was }
launch-template-no-launch-template-gives-hint = Create one whose network interface has the group: aws ec2 create-launch-template --launch-template-name was-lt --launch-template-data '{"{"}"NetworkInterfaces":[{"{"}"DeviceIndex":0,"AssociatePublicIpAddress":false,"Groups":["{ $was }"]{"}"}], …{"}"}' (or add a version with it).
launch-template-gives-instances-public-ip = launch template { $what } gives its instances a public IP: a WAS server needs none, and one makes it reachable from the internet if its subnet ever routes there
launch-template-gives-instances-public-ip-hint = Create a new version with "AssociatePublicIpAddress": false and make it the default: aws ec2 create-launch-template-version --launch-template-id { $template } --source-version { $latest_version } --launch-template-data '{"{"}"NetworkInterfaces":[{"{"}"DeviceIndex":0,"AssociatePublicIpAddress":false,"Groups":["{ $was }"]{"}"}]{"}"}'
launch-template-launches-not-ami = launch template { $what } launches { $found }, not the AMI { $image }
launch-template-launches-not-ami-hint = Add a version with "ImageId": "{ $image }" (or check with --param ami=… if you chose another AMI on purpose).
launch-template-launches-instances-group-no = launch template { $what } launches { $ty } instances with the WAS group { $was } and no public IP
launch-template-launches-compared = launch template { $what } launches { $ty }: { $cost } compared with { $allowed_types }
launch-template-launches-compared-hint = An Auto Scaling group multiplies this by its instances; for a lab, a free-tier type is enough.
launch-template-extra-cost = ≈ +${ $hourly }/h, +${ $monthly }/month per instance (on-demand, prices of { $as_of })
launch-template-cost-beyond-free-tier = more than the free tier covers
launch-template-default-version = { $name } ({ $id }, default version)
launch-template-latest-version = { $name } ({ $id }, latest version)
# What could not be read, for "cannot read …".
launch-template-unreadable = launch template { $name } ({ $id })

## listener_forwards
listener-forwards-listener-load-balancer-forwards = listener { $port } of load balancer { $lb } forwards to target group { $tg }
listener-forwards-aws-elbv2-create-listener = aws elbv2 create-listener --load-balancer-arn { $lb_arn } --protocol HTTP --port { $listener_port } --default-actions Type=forward,TargetGroupArn={ $tg_arn } (or modify-listener on the listener that exists)
listener-forwards-load-balancer-no-listener = load balancer { $lb } has no listener: it accepts no request at all
listener-forwards-listener-load-balancer-does = listener { $port } of load balancer { $lb } does not forward to target group { $tg }: { $does }
# What could not be read, for "cannot read …".
listener-forwards-unreadable-listeners = the listeners of load balancer { $lb }

## load_balancer
load-balancer-wrong-scheme = load balancer { $name } is { $scheme }, not { $want }
load-balancer-wrong-scheme-hint = The scheme cannot change: create the load balancer again with --scheme { $scheme } (an internal one only has private addresses, which is all the web servers need).
load-balancer-nodes-availability-zone-s = load balancer { $name } has nodes in { $azs_count } Availability Zone(s), fewer than { $min_azs }
load-balancer-nodes-availability-zone-s-hint = aws elbv2 set-subnets --load-balancer-arn { $arn } --subnets SUBNET_AZ1 SUBNET_AZ2
load-balancer-no-security-group-own = load balancer { $name } has no security group of its own ({ $found }): the WAS group can only admit the load balancer if the load balancer has a group to name
load-balancer-no-security-group-own-hint = Create a group for it and attach only that one: aws elbv2 set-security-groups --load-balancer-arn { $arn } --security-groups ALB_SG
load-balancer-own-security-group-dns = load balancer { $name } is { $scheme } in { $zones } with its own security group; DNS name { $dns_name }
load-balancer-still-provisioning-answers-few = load balancer { $name } is still provisioning: it answers in a few minutes

## load_balancer_chain
load-balancer-chain-internal-open-to-other = { $group } of internal load balancer { $lb } admits { $ports } from { $source }: only the web tier needs it
load-balancer-chain-internal-load-balancer-admits-hint = aws ec2 revoke-security-group-ingress --group-id { $group } --protocol { $protocol } --port { $port } --cidr { $source } ; then allow the listener port from the web group only
load-balancer-chain-opens-more-than-listeners = { $group } of load balancer { $lb } opens { $ports } from { $source }, more than its listener ports ({ $listener_ports })
load-balancer-chain-load-balancer-opens-from-hint = Keep only the listener ports: revoke this rule and allow { $ports_text } from { $web_group }.
load-balancer-chain-web-tier-cannot-reach = the web tier cannot reach load balancer { $lb }: none of its groups admits { $ports_text } from { $web_group }
load-balancer-chain-web-tier-cannot-reach-hint = aws ec2 authorize-security-group-ingress --group-id { $lb_group } --protocol tcp --port { $port } --source-group WEB_SG
load-balancer-chain-no-security-group = no security group `{ $was_group }` in { $vpc }
load-balancer-chain-does-not-admit-tcp = { $was } does not admit tcp/{ $port } from load balancer { $lb }: its requests and health checks never reach the WAS, so every target stays unhealthy
load-balancer-chain-does-not-admit-tcp-hint = aws ec2 authorize-security-group-ingress --group-id { $was } --protocol tcp --port { $port } --source-group { $lb_group }
load-balancer-chain-web-load-balancer-tcp = web → load balancer { $lb } ({ $ports_text }) → { $was } (tcp/{ $port }): only the application's ports are open

## nat_gateway
nat-gateway-no-nat-gateway-private = no NAT gateway in { $vpc }: private subnets cannot reach the internet for updates
nat-gateway-no-nat-gateway-private-hint = Allocate an Elastic IP, then create a public NAT gateway in a public subnet with it (billed per hour: delete it when you finish).
nat-gateway-available-public-subnet-elastic = NAT gateway { $nat } is available in public subnet { $subnet } with Elastic IP { $ip }
nat-gateway-one-nat-gateway-serves = one NAT gateway serves both Availability Zones; if its zone fails, the other zone's private subnets lose internet access. Production uses one per AZ, at twice the cost
nat-gateway-still-being-created = NAT gateway { $nat } is still being created
nat-gateway-still-being-created-hint = It takes a few minutes; check again soon.
nat-gateway-private-cannot-take-traffic = NAT gateway { $nat } is private: it cannot take traffic to the internet
nat-gateway-private-cannot-take-traffic-hint = Create it with connectivity type Public and an Elastic IP.
nat-gateway-subnet-not-public-subnet = NAT gateway { $nat } is in subnet { $subnet }, which is not a public subnet: its traffic cannot reach the internet gateway
nat-gateway-subnet-not-public-subnet-hint = A NAT gateway cannot move: delete it and create it in { $public_subnets }.
nat-gateway-no-elastic-ip = NAT gateway { $nat } has no Elastic IP
nat-gateway-no-elastic-ip-hint = A public NAT gateway needs an Elastic IP allocation.

## no_world_open_port
no-world-open-port-no-vpc-yet = cannot check this yet: no VPC { $vpcs } exists
no-world-open-port-cannot-check-yet-no-hint = Finish the VPC step first.
no-world-open-port-together-every-address = {" "}(together: every address)
no-world-open-port-allows-includes-tcp-anyone = { $group } allows { $what }{ $together }, which includes tcp/{ $port }: anyone on the internet can try to log in
no-world-open-port-allows-includes-tcp-anyone-hint = Delete the rule(s). Use Session Manager (no open port at all) or allow only your own address (x.x.x.x/32).
no-world-open-port-no-security-group-opens = no security group in { $ids } opens tcp/{ $port } to the internet
no-world-open-port-rule = { $ports } from { $source }

## peering_active
peering-active-no-peering-connection-between = no peering connection between { $alias } and { $budget }
peering-active-no-peering-connection-between-hint = VPC → Peering connections → Create: requester { $alias }, accepter { $budget }; then accept it.
peering-active-peering-between-active = peering { $pcx } between { $requester } and { $accepter } is active
peering-active-peering-waiting-accepted-no = peering { $pcx } is waiting to be accepted: no traffic flows until the accepter VPC's owner accepts it
peering-active-peering-waiting-accepted-no-hint = aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id { $pcx }
peering-active-not-active = peering { $pcx } is { $status }{ $message }
peering-active-not-active-hint = A rejected, expired or deleted peering cannot be revived: create a new one and accept it.

## peering_routes
peering-routes-subnet-no-route-table = subnet { $who } has no route table
peering-routes-whole-through-routing-only = { $rt } routes the whole { $destination } through { $target }; routing only { $dests } is tighter, and security scanners flag whole-VPC peering routes
peering-routes-subnet-reaches-through-peering = subnet { $who } reaches { $dests } through the peering (route table { $rt })
peering-routes-route-table-used-subnet = route table { $rt } (used by subnet { $who }) does not send { $dests } through the peering with { $to }: replies and requests between the VPCs are dropped
peering-routes-route-table-used-subnet-hint = Route tables → { $rt } → Edit routes → add destination { $dests } with target the peering connection. Routes are needed on both sides.

## rds_backups
rds-backups-db-instance-keeps-automated = DB instance { $db } keeps automated backups for { $days } days: it can be restored to any second in that time
rds-backups-db-instance-automated-backups = DB instance { $db } has automated backups off: no point-in-time recovery after a bad delete or update
rds-backups-aws-rds-modify-db = aws rds modify-db-cluster --db-cluster-identifier { $cluster } --backup-retention-period 7 --apply-immediately
rds-backups-aws-rds-modify-db-2 = aws rds modify-db-instance --db-instance-identifier { $db } --backup-retention-period 7 --apply-immediately

## rds_encryption
rds-encryption-chosen-when-storage-created = Encryption is chosen when the storage is created: take a snapshot, copy it with --kms-key-id { $alias }, restore a new instance from the copy, then delete the old one.
rds-encryption-not-encrypted-storage-backups = { $who } is not encrypted: its storage, backups and snapshots are stored in the clear
rds-encryption-encrypted-key = { $who } is encrypted with { $alias } (key { $key })
rds-encryption-encrypted-aws-managed-key = { $who } is encrypted with the AWS-managed key { $key }, not with a key of your own ({ $alias })
rds-encryption-key-other-alias = { $who }'s key { $key } is customer-managed under { $called }, not { $alias }: the alias is a name, the key does the job
rds-encryption-key-no-alias = { $who }'s key { $key } is customer-managed under no alias, not { $alias }: the alias is a name, the key does the job
rds-encryption-s-key-customer-managed-hint = To check with your alias: --param key_alias={ $alias } (or --discover). Nothing needs rebuilding.
rds-encryption-s-key-customer-managed-hint-2 = Give the key an alias (aws kms create-alias --alias-name { $alias } --target-key-id { $key }); nothing needs rebuilding.
rds-encryption-encrypted-customer-managed-key = { $who } is encrypted with a customer-managed key ({ $key })
rds-encryption-encrypted-not-key-account = { $who } is encrypted with { $used }, which is not a key in this account and region
# What could not be read, for "cannot read …": $db names the DB instance.
rds-encryption-unreadable-key = the KMS key { $key } of { $db }

## rds_instance
rds-instance-db-instance-running = DB instance { $what } is running
rds-instance-db-instance-exists-not = DB instance { $what } exists (not available yet: the other steps may change once it is)

## rds_instance_class
rds-instance-class-multi-az = { $who } is Multi-AZ: a standby runs in a second zone, billed like a second instance (about twice the instance cost), and the free tier covers Single-AZ only
rds-instance-class-multi-az-priced = { $who } is Multi-AZ: a standby runs in a second zone, billed like a second instance (about twice the instance cost, +${ $hourly }/h, +${ $monthly }/month), and the free tier covers Single-AZ only
rds-instance-class-multi-az-standby-runs-hint = For a lab: aws rds modify-db-instance --db-instance-identifier { $db } --no-multi-az --apply-immediately
rds-instance-class-uses-free-tier-eligible = { $who } uses { $class }, a free-tier-eligible class
rds-instance-class-aws-rds-modify-db = aws rds modify-db-instance --db-instance-identifier { $db } --db-instance-class { $target } --apply-immediately
rds-instance-class-uses-previous-generation-class = { $who } uses { $class }, a previous-generation class that RDS does not offer for MySQL 8.0. { $allowed } are the free-tier-eligible classes
rds-instance-class-uses-previous-generation-class-hint = Move to a current class: { $change }
rds-instance-class-uses-compared-free-tier = { $who } uses { $class }: { $cost } compared with { $allowed }, which the free tier covers
rds-instance-class-lab-scale-down = For a lab, scale down: { $change }
rds-instance-class-lab-switch-free-tier = For a lab, switch to a free-tier class: { $change }
rds-instance-class-extra-cost = ≈ +${ $hourly }/h, +${ $monthly }/month (on-demand, prices of { $as_of })
rds-instance-class-cost-beyond-free-tier = more than the free tier covers

## rds_maintenance
rds-maintenance-db-instance-takes-minor = DB instance { $db } takes minor engine upgrades automatically during { $window } (UTC)
rds-maintenance-db-instance-does-not = DB instance { $db } does not upgrade minor versions automatically: security patches wait for someone to remember
rds-maintenance-db-instance-does-not-hint = aws rds modify-db-instance --db-instance-identifier { $db } --auto-minor-version-upgrade --apply-immediately
rds-maintenance-db-instance-no-maintenance = DB instance { $db } has no maintenance window
rds-maintenance-db-instance-no-maintenance-hint = Pick a quiet hour: --preferred-maintenance-window sun:18:00-sun:19:00 (UTC; 03:00 in Seoul).

## rds_managed_password
rds-managed-password-db-instance-s-master = DB instance { $db }'s master password lives in Secrets Manager ({ $secret }) and is rotated for you
rds-managed-password-db-instance-s-master-2 = DB instance { $db }'s master password was typed in by hand: nobody rotates it, and it ends up in notes and scripts. Let RDS manage it in Secrets Manager
rds-managed-password-aws-rds-modify-db = aws rds modify-db-cluster --db-cluster-identifier { $cluster } --manage-master-user-password --apply-immediately
rds-managed-password-aws-rds-modify-db-2 = aws rds modify-db-instance --db-instance-identifier { $db } --manage-master-user-password --apply-immediately

## rds_not_public
rds-not-public-db-instance-publicly-accessible = DB instance { $db } is publicly accessible: it gets a public DNS address anyone can try to connect to
rds-not-public-db-instance-publicly-accessible-hint = aws rds modify-db-instance --db-instance-identifier { $db } --no-publicly-accessible --apply-immediately
rds-not-public-db-instance-reachable-only = DB instance { $db } is reachable only inside the VPC (and its peers)

## rds_security_group
rds-security-group-uses = { $who } uses { $group }
rds-security-group-uses-admits-only-tcp = { $who } uses { $group }, which admits only tcp/{ $port } from the WAS tier (the lab calls its group { $lab_group }: names are advice)
rds-security-group-attach-vpc-aws-rds = Attach { $group } (it is in this VPC): aws rds modify-db-instance --db-instance-identifier { $db } --vpc-security-group-ids { $group_id } --apply-immediately
rds-security-group-attach-vpc-aws-rds-hint = No group named { $group } exists here: create a security group in the database VPC whose only inbound rule is tcp/{ $port } from the WAS tier (its security group or its subnets), then attach it to { $db } with aws rds modify-db-instance --vpc-security-group-ids.
rds-security-group-not-behind-group-admits = { $who } is not behind a group that admits only tcp/{ $port } from the WAS tier: its groups' rules decide who may reach the database

## shared by several kinds
resolve-no-vpc-region = no VPC { $what } in this region
resolve-no-vpc-region-hint = Create it first (step 1), in the region you are checking (--region).
resolve-cannot-check-yet-vpc = cannot check this yet: VPC { $what } does not exist
resolve-cannot-check-yet-vpc-hint = Finish the VPC step first.
resolve-cannot-check-yet-subnet = cannot check this yet: the { $tier } subnet { $cidr } does not exist in { $vpc }
resolve-cannot-check-yet-subnet-hint = Finish the subnet steps first.
resolve-no-public-hosted-zone = there is no public hosted zone in this account
resolve-no-public-hosted-zone-hint = Route 53 → Hosted zones → Create hosted zone (public). Any name works for practice, e.g. sandpit-lab.com.
resolve-several-hosted-zones-say = several hosted zones ({ $names }): say which one this lab is about with --param domain=NAME
resolve-no-public-hosted-zone-2 = no public hosted zone for { $want }
resolve-no-public-hosted-zone-2-hint = Create the hosted zone { $want } in Route 53 (or pass the domain you used with --param domain=).
resolve-records-hosted-zone-were = the records of hosted zone { $zone } were not read: this snapshot was taken for another zone
resolve-records-hosted-zone-were-hint = Check against the account with --param domain={ $zone } (without --snapshot).
resolve-no-rds-db-instance = no RDS DB instance in { $vpc }
resolve-no-rds-db-instance-hint = Create the DB instance with the DB subnet group of this VPC (the db-instance step).
resolve-no-monthly-cost-budget = no monthly cost budget: nothing warns you before the allowance is spent
resolve-no-monthly-cost-budget-hint = Billing → Budgets → Create budget → Cost budget, monthly, with your allowance as the amount.

## scaling_policy
scaling-policy-auto-scaling-group-tracks = Auto Scaling group { $group } tracks { $metric } at { $target } with policy { $policy }
scaling-policy-aws-autoscaling-put-scaling = aws autoscaling put-scaling-policy --auto-scaling-group-name { $group } --policy-name { $group }-target --policy-type TargetTrackingScaling --target-tracking-configuration '{"{"}"PredefinedMetricSpecification":{"{"}"PredefinedMetricType":"{ $metric }"{"}"},"TargetValue":50.0{"}"}' (or --param scaling_metric=… for another metric)
# What could not be read, for "cannot read …".
scaling-policy-unreadable = the scaling policies of { $group }
scaling-policy-no-target-tracking = Auto Scaling group { $group } has no target-tracking scaling policy: it never grows with the load
scaling-policy-tracks-other-metric = Auto Scaling group { $group } tracks another metric than { $metric }

## security_group_ingress
security-group-ingress-other-group-does-the-job = no group is named { $group } in { $vpc }; { $doer } does its job (tcp/{ $port } from { $sources }), so it is judged: names are advice
security-group-ingress-no-group-does-the-job = no security group named { $group } in { $vpc }, and none there admits tcp/{ $port } from { $sources }
security-group-ingress-no-security-group-named-hint = Create it in { $vpc } (any name; the lab calls it { $group }) with an inbound rule for tcp/{ $port } from the tier in front. If yours has another name, tell Sandpit with --param or --discover.
security-group-ingress-stale-rule = { $group }'s rule { $ports } from { $source } admits nothing: the peering it goes through is no longer active (a stale rule)
security-group-ingress-s-rule-from-admits-hint = Delete the stale rule; reference the other VPC's group again once a new peering is active, or use the other tier's subnet addresses.
security-group-ingress-allows-tcp-from = { $group } allows tcp/{ $port } from { $snap }
security-group-ingress-source-security-group-does = the source security group { $name } does not exist yet
security-group-ingress-no-security-group-named-2 = no security group is named { $name }; a rule from the addresses { $cidrs } does as well
security-group-ingress-no-security-group-named-2-hint = Create { $name } first, or tell Sandpit the name yours has (--param, --discover).
security-group-ingress-port-closed = { $group } does not allow tcp/{ $port } from { $sources }
security-group-ingress-does-not-allow-tcp-hint = Add an inbound rule: Custom TCP { $port }, source = the security group of the tier in front (not a CIDR like 0.0.0.0/0).
security-group-ingress-opens-more-ports = { $group } opens { $ports } (more than tcp/{ $port }) to { $source }; only the port the tier serves is needed
security-group-ingress-other-source = { $group } also allows { $ports } from { $source }: this tier must only be reachable from { $sources }
security-group-ingress-also-allows-from-tier-hint = Delete this inbound rule; reach the instances through the tier in front, or Session Manager for administration.
security-group-ingress-cannot-read-list-not = cannot read { $what }: the list is not in this snapshot (shared from another account?)
security-group-ingress-prefix-list-entries = the entries of prefix list { $list } (in a rule of { $group })

## subnets
subnets-vpc-subnets-create-subnet = VPC → Subnets → Create subnet: VPC { $vpc }, IPv4 CIDR { $cidr }.
subnets-if-tier-s-subnets = { $why }. If this tier's subnets exist under other addresses, check with --discover (or --param); otherwise create one in a free block of VPC { $vpc }, e.g. { $free }, and tell Sandpit with --param.
subnets-vpc-no-free-left = { $why }, and VPC { $vpc } has no free /{ $prefix } left: add a secondary CIDR block to the VPC (or use smaller subnets) first.
subnets-subnet-also-subnet-each = the { $tier } subnet { $cidr } is also the { $other_tier } subnet { $shared }: each tier needs subnets of its own, or nothing (routes, ACLs, addresses) separates them
subnets-subnet-also-subnet-each-hint = Give the { $tier } tier its own subnets (a --param of the lab names each tier's subnets), or create them first.
subnets-subnet-in-zone = { $tier } subnet { $subnet } is in { $zone }
subnets-no-subnet-vpc = no { $tier } subnet { $cidr } in VPC { $vpc }
subnets-no-subnet-vpc-hint = { $other } has this CIDR but belongs to { $vpc_id }; a subnet cannot move, so create it in { $vpc }.
subnets-all-tier-must-span = the { $tier } subnets are all in { $distinct }: a tier must span { $wanted } Availability Zones so one zone's outage does not take it down
subnets-all-tier-must-span-hint = A subnet's AZ cannot change: delete one subnet and recreate it in another AZ (e.g. a and c).
subnets-why-size = AWS takes subnets from /16 to /28, not /{ $prefix }
subnets-why-outside-vpc = { $cidr } is outside the VPC's { $vpc_cidrs } and AWS would refuse it
subnets-why-overlap = { $cidr } overlaps the existing subnet { $subnet } and AWS would refuse it

## target_group
target-group-speaks-not = target group { $name } speaks { $protocol }, not { $want }
target-group-speaks-not-hint = A target group's protocol cannot change: create one with --protocol { $protocol } and point the listener at it.
target-group-takes-targets-auto-scaling = target group { $name } takes { $ty } targets: an Auto Scaling group registers instances
target-group-takes-targets-auto-scaling-hint = Create the target group again with --target-type instance.
target-group-checks-health-not = target group { $name } checks health at { $path }, not { $health_check_path }
target-group-checks-health-not-hint = aws elbv2 modify-target-group --target-group-arn { $arn } --health-check-path { $health_check_path } (or --param health_check_path=… if your application answers elsewhere)
target-group-counts-http-healthy-does = target group { $name } counts HTTP { $matcher } as healthy, which does not include { $health_check_codes }
target-group-counts-http-healthy-does-hint = aws elbv2 modify-target-group --target-group-arn { $arn } --matcher HttpCode={ $health_check_codes }
target-group-takes-port-health-check = target group { $name } takes { $protocol } on port { $port } in { $vpc }, health check { $path } → { $matcher }

## targets_healthy
targets-healthy-target-still-being-checked = target { $target } of { $tg } is still being checked ({ $reason })
targets-healthy-target-unhealthy = target { $target } of { $tg } is { $state }: { $reason }
targets-healthy-too-few = target group { $tg } has { $healthy } healthy target(s) of { $registered } registered; at least { $min_healthy } are needed
targets-healthy-too-few-hint = Nothing is registered: attach the target group to the Auto Scaling group (aws autoscaling attach-load-balancer-target-groups …).
targets-healthy-too-few-hint-2 = Fix the unhealthy targets above, or raise the group's desired capacity.
targets-healthy-enough = target group { $tg }: { $healthy } of { $registered } targets healthy
# What could not be read, for "cannot read …".
targets-healthy-unreadable = the targets of { $tg }
# Hints by the reason AWS gives for an unhealthy target (Target.Timeout, …).
targets-healthy-advice-timeout = The health check got no answer: the WAS group must admit the load balancer on the WAS port, and Tomcat must listen on it.
targets-healthy-advice-response-code = The application answered the health check path with another status: fix the path or the accepted codes.
targets-healthy-advice-failed-checks = The connection or the answer failed: is the application running on the instance?
targets-healthy-advice-still-checking = Health checks are still running for a new target: check again in a minute.
targets-healthy-advice-look = Look at the target group's Targets tab for the reason, and at the instance's application log.

## vpc
vpc-cidr-but-lab-expects = VPC { $label } has CIDR { $cidr }, but the lab expects { $want }
vpc-cidr-but-lab-expects-hint = A VPC's primary CIDR cannot be changed: create a new VPC with { $want } (or check with --param if you chose another range on purpose).
vpc-exists-cidr = VPC { $label } exists with CIDR { $cidr }
vpc-no-name-tag-naming = VPC { $vpc } has no Name tag `{ $want }`; naming resources as the lab does makes them easy to find

## vpc_cidrs_disjoint
vpc-cidrs-disjoint-overlaps-peered-vpcs-must = { $a } ({ $ca }) overlaps { $b } ({ $cb }): peered VPCs must not share addresses, or a route could not tell them apart
vpc-cidrs-disjoint-overlaps-peered-vpcs-must-hint = A VPC's CIDR cannot change: recreate one VPC with a distinct private range (e.g. 10.10.0.0/16 and 172.16.0.0/16).
vpc-cidrs-disjoint-vpcs-address-ranges-do = the VPCs' address ranges do not overlap: { $all }

## resolve
checks-db-instance = DB instance { $db }
checks-db-instance-in-cluster = DB instance { $db } (cluster { $cluster })
checks-list-or = {" "}or{" "}
# What could not be read, for "cannot read …".
resolve-unreadable-records = the records of hosted zone { $zone }
# A lab's VPC as messages name it: by its block and Name tag, by its Name tag, or any VPC.
checks-vpc-ref-cidr-name = { $cidr } (Name { $name })
checks-vpc-ref-name = Name { $name }
checks-vpc-ref-any = (any)
# A security group rule's ports when it opens every protocol (otherwise tcp/22, tcp/1024-65535).
sg-rule-all-traffic = all traffic
# A lab's subnet tier in a Korean sentence (the English sentences name the tier as the lab file spells it).
checks-tier-web = web
checks-tier-public = public
checks-tier-private = private
checks-tier-application = application
checks-tier-database = database
