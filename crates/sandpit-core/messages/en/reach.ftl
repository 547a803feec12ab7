# The path check (`sandpit reach`): each hop's verdict, the rule that decided it, why, and the
# fix.

## rules
reach-rule-inbound-from = { $id }: inbound { $ports } from { $source }
reach-rule-inbound-all-traffic-from = { $id }: inbound all traffic from { $source }
reach-rule-outbound-to = { $id }: outbound { $ports } to { $source }
reach-rule-outbound-all-traffic-to = { $id }: outbound all traffic to { $source }
reach-rule-acl-default-deny = * deny (no rule matched)
reach-rule-acl-allow = { $number } allow { $what } { $block }
reach-rule-acl-deny = { $number } deny { $what } { $block }
reach-rule-acl-allow-all-traffic = { $number } allow all traffic { $block }
reach-rule-acl-deny-all-traffic = { $number } deny all traffic { $block }
# A route for people: a route whose target is gone, and no route for the addresses.
reach-route-blackhole = { $destination } → { $target } (blackhole)
reach-route-none = { $addresses } → no route
# Addresses for people: the public internet; the first blocks of many and how many more.
reach-addresses-internet = 0.0.0.0/0 (public addresses)
reach-addresses-more = { $shown } (+{ $more } more blocks)

## walk
reach-verdict-open = The network path is open both ways. If the connection still fails, look beyond the network: the credentials (user name and password; for RDS the master password, kept in Secrets Manager when RDS manages it), the engine (is it running and listening, does it accept this client?) and the operating system (a host firewall, a service bound to `localhost` only). In the bootcamp project the "broken peering" was a wrong database password.
reach-verdict-open-on-port = The network path is open both ways. If the connection still fails, look beyond the network: the credentials (user name and password; for RDS the master password, kept in Secrets Manager when RDS manages it), the engine (is it running and listening on port { $port }, does it accept this client?) and the operating system (a host firewall, a service bound to `localhost` only). In the bootcamp project the "broken peering" was a wrong database password.
reach-verdict-blocked = Not yet: hop { $hop } blocks the network path; fix it first. Once the path is open, a connection that still fails is beyond the network: the credentials, the engine, the operating system.
reach-all-traffic = all traffic
reach-nat-in-subnet = { $nat } in { $subnet }
reach-nat-subnet-not-in-snapshot = The NAT gateway's subnet { $subnet } is not in the snapshot.
reach-and-more = { $first } (+{ $more } more)
reach-sg-lets-in = { $names } lets { $what } in from { $peer_text }.
reach-sg-lets-out = { $names } lets { $what } out to { $peer_text }.
reach-only-if-other-end = Only if the other end carries one of these groups: { $need } (it has no security group of its own here, so this is what it would need).
reach-rules-together-open-every = Its rules together are open to every address (0.0.0.0/0).
reach-no-group-lets-in = no group of { $vpc } lets it in from { $peer_text }
reach-no-group-lets-out = no group of { $vpc } lets it out to { $peer_text }
reach-end-no-security-group-in = This end has no security group of its own (it is a subnet or an address). No security group of { $vpc } would let { $what } in from { $peer_text }, so whatever group an instance here gets must be given a rule.
reach-end-no-security-group-out = This end has no security group of its own (it is a subnet or an address). No security group of { $vpc } would let { $what } out to { $peer_text }, so whatever group an instance here gets must be given a rule.
reach-would-let-through = would be let through by { $labels }
reach-end-no-security-group-2 = This end has no security group of its own (it is a subnet or an address), so nothing is guessed: an instance here gets through if it carries one of { $labels }.
reach-no-inbound-rule-lets = no inbound rule lets { $what } in from { $peer_text }
reach-no-outbound-rule-lets = no outbound rule lets { $what } out to { $peer_text }
reach-no-security-group-snapshot = It has no security group that the snapshot knows.
reach-does-not-let-from = { $names } does not let { $what } in from { $from }.
reach-does-not-let-out = { $names } does not let { $what } out to { $to }.
reach-does-admit-end-other = It does admit that end on other ports: { $rules }.
reach-port-admits-other-sources = On this port it admits other sources only: { $rules }.
reach-rule-names-other-vpc = A rule names { $label } in the other VPC, but the peering { $pcx } between them is `{ $status }`: a group reference across a peering that is not active admits nobody (AWS marks the rule stale).
reach-rule-names-other-vpc-2 = A rule names { $label } in the other VPC, but no active peering joins the two VPCs: the reference admits nobody.
reach-rules-name-prefix-lists = Rules name prefix lists that could not be read ({ $lists }); they were not counted.
reach-add-inbound-rule-from = Add an inbound rule to { $group }: { $what } from { $source_text }: `{ $cmd }`
reach-add-outbound-rule = Add an outbound rule to { $group }: { $what } to { $cidr }: `{ $cmd }`
reach-no-network-acl-listed = no network ACL listed
reach-snapshot-lists-no-network = The snapshot lists no network ACL for { $subnet }; AWS gives every subnet one, so this takes its VPC's default (which allows everything).
reach-replies-of = replies ({ $label })
reach-icmp-replies = ICMP replies
reach-all-reply-traffic = all reply traffic
reach-and-more-acl = { $first } (+{ $more } more)
reach-nothing-match = nothing to match
reach-lets-out = { $acl_id } lets { $what } out of { $subnet } to { $peer_text }.
reach-lets-into-from = { $acl_id } lets { $what } into { $subnet } from { $peer_text }.
reach-stops-leaving = { $acl_id } stops { $what } leaving { $subnet } for { $to } ({ $by }).
reach-stops-entering-from = { $acl_id } stops { $what } entering { $subnet } from { $from } ({ $by }).
reach-would-allow-but-rules = { $rule } would allow it, but rules are read lowest number first and the first match decides.
reach-network-acls-stateless-replies = Network ACLs are stateless: replies need their own rule, to the client's ephemeral port, which can be anywhere in { $low }-{ $high }.
reach-add-allow-rule-numbered = Add an allow rule numbered below #{ $number }, so it is read first: `{ $cmd }`
reach-no-rule-number-free = No rule number is free below #{ $number }: make #{ $number } an allow rule: `{ $cmd }`
reach-add-allow-rule = Add an allow rule: `{ $cmd }`
reach-no-route-table = no route table
reach-snapshot-no-route-table = The snapshot has no route table for { $subnet } (and no main table for { $vpc }).
reach-keeps-inside-local = { $rt } keeps { $to } inside { $vpc } (`local`).
reach-sends-into-peering = { $rt } sends { $to } into the peering { $peering }.
reach-sends-transit-gateway = { $rt } sends { $to } to the transit gateway { $transit_gateway }.
reach-sends-internet-gateway = { $rt } sends { $to } to the internet gateway { $igw }.
reach-sends-nat-gateway = { $rt } sends { $to } to the NAT gateway { $nat }.
reach-no-route-packets-dropped = { $rt } has no route for { $to }: the packets are dropped.
reach-sends-into-peering-no = { $rt } sends { $to } into the peering { $target }, which no longer exists (a blackhole).
reach-sends-into-peering-joins = { $rt } sends { $to } into the peering { $target }, which joins { $requester } and { $accepter }, not { $dv }.
reach-sends-into-peering-peering = { $rt } sends { $to } into the peering { $target }: a peering does not lead to the internet.
reach-sends-gone-route-blackhole = { $rt } sends { $to } to { $target }, which is gone: the route is a blackhole.
reach-lies-inside-s-own = { $to } lies inside { $vpc }'s own block { $destination }, so the `local` route keeps it in { $vpc }: it never reaches { $dv }. The two VPCs overlap.
reach-lies-inside-s-own-2 = { $to } lies inside { $vpc }'s own block { $destination }: the `local` route keeps it in the VPC.
reach-sends-not-attached = { $rt } sends { $to } to { $target }, which is not attached to { $vpc }.
reach-sends-internet-gateway-not = { $rt } sends { $to } to the internet gateway { $target }, not towards { $dv }: another VPC's private addresses are not on the internet.
reach-sends-nat-gateway-route = { $rt } sends { $to } to the NAT gateway { $target }, which is `{ $state }`: the route is a blackhole.
reach-sends-replies-through-nat = { $rt } sends the replies to { $to } through the NAT gateway { $target }, but the requests came in through the internet gateway: the NAT gateway knows no such connection and the client drops replies from another address.
reach-nat-gateway-s-own = The NAT gateway's own subnet must route the internet to an internet gateway, but { $rt } sends { $to } to { $target }.
reach-sends-nat-gateway-not = { $rt } sends { $to } to the NAT gateway { $target }, not towards { $dv }.
reach-sends-sandpit-does-not = { $rt } sends { $to } to { $target }, which Sandpit does not follow (a virtual private gateway, an appliance or an endpoint).
reach-let-keep-local-route = Let { $rt } keep its `local` route for { $cidr }.
reach-overlap-vpc-s-primary = { $vpc } and { $dv } overlap, and a VPC's primary block cannot change: build one of them again on a range that overlaps nothing (then peer and route them).
reach-route-through-peering = Route { $dest } through the peering { $peering } in { $rt }: `{ $cmd }`
reach-accept-peering-aws-ec2 = Accept the peering { $peering } (`aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id { $peering }`), then route { $dest } through it in { $rt }.
reach-no-active-peering-joins = No active peering joins { $vpc } and { $dv }: create one and accept it (`aws ec2 create-vpc-peering-connection --vpc-id { $vpc } --peer-vpc-id { $dv }`, then `aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id PCX_ID`), then route { $dest } through it in { $rt }.
reach-send-internet-through-nat = Send the internet through the NAT gateway { $nat }: `{ $cmd }`
reach-no-available-nat-gateway = { $vpc } has no available NAT gateway: create one in a public subnet (`aws ec2 allocate-address --domain vpc`, then `aws ec2 create-nat-gateway --subnet-id { $public } --allocation-id ALLOCATION_ID`) and send the internet to it: `{ $cmd }`
reach-send-internet-internet-gateway = Send the internet to the internet gateway { $igw } in { $rt }: `{ $cmd }`
reach-no-internet-gateway-create = { $vpc } has no internet gateway: create and attach one (`aws ec2 create-internet-gateway`, then `aws ec2 attach-internet-gateway --internet-gateway-id IGW_ID --vpc-id { $vpc }`), then `aws ec2 create-route --route-table-id { $rt } --destination-cidr-block 0.0.0.0/0 --gateway-id IGW_ID`.
reach-peering-active-joins = The peering { $peering } is active and joins { $from } and { $to }.
reach-peering-peering-carries-traffic = The peering { $peering } is `{ $status }`: a peering carries traffic only while it is `active`.
reach-accept-accepter-vpc-s = Accept it (as the accepter VPC's owner): `{ $cmd }`
reach-cannot-come-back-create = It cannot come back: create a new peering, accept it and point both sides' routes at it (`aws ec2 create-vpc-peering-connection --vpc-id { $requester } --peer-vpc-id { $accepter }`, `aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id PCX_ID`, then `aws ec2 replace-route … --vpc-peering-connection-id PCX_ID` in both route tables).
reach-target-not-followed = → { $id } (not followed)
reach-sandpit-does-not-read = Sandpit does not read transit gateway route tables: this hop is taken as delivered. Check { $id }'s route table and attachments in the console.
reach-nat-gateway-not-available = The NAT gateway { $id } is `{ $state }`, not `available`.
reach-wait-until-available-aws = Wait until it is available (`aws ec2 wait nat-gateway-available --nat-gateway-ids { $id }`).
reach-nat-gateway-no-public = The NAT gateway { $id } has no public address (it is a private NAT gateway): it cannot reach the internet.
reach-use-public-nat-gateway = Use a public NAT gateway with an Elastic IP in a public subnet (`aws ec2 create-nat-gateway --subnet-id PUBLIC_SUBNET_ID --allocation-id ALLOCATION_ID`) and route 0.0.0.0/0 to it.
reach-nat-gateway-available-sends = The NAT gateway { $id } is available and sends the traffic out as { $ip }.
reach-internet-gateway-carries-nat = The internet gateway { $id } carries the NAT gateway { $nat }'s traffic to the internet.
reach-igw-carries-out = The internet gateway { $id } carries it to the internet ({ $why }).
reach-igw-out-needs-public-address = { $why }: an internet gateway only carries traffic from public addresses, so the packets go nowhere.
reach-no-internet-gateway-attached = no internet gateway attached to { $id }
reach-no-internet-gateway-nothing = { $id } has no internet gateway: nothing from the internet can enter it.
reach-create-attach-one-aws = Create and attach one: `aws ec2 create-internet-gateway`, then `aws ec2 attach-internet-gateway --internet-gateway-id IGW_ID --vpc-id { $id }`.
reach-igw-delivers-in = The internet gateway { $id } delivers to a public address ({ $why }).
reach-igw-in-needs-public-address = { $why }: the internet gateway only delivers to public addresses.
reach-keep-private-send-0 = Keep it private and send 0.0.0.0/0 to a NAT gateway instead, or give it an Elastic IP (`aws ec2 allocate-address --domain vpc`, then `aws ec2 associate-address --instance-id INSTANCE_ID --allocation-id ALLOCATION_ID`).
reach-give-elastic-ip-aws = Give it an Elastic IP: `aws ec2 allocate-address --domain vpc`, then `aws ec2 associate-address --allocation-id ALLOCATION_ID --instance-id { $endpoint }` (or `--network-interface-id`). Better: put it behind an internet-facing load balancer in the public subnets.
reach-give-what-runs-public = Give what runs there a public address — for instances, turn on auto-assign (`aws ec2 modify-subnet-attribute --subnet-id { $subnet } --map-public-ip-on-launch`) or use an Elastic IP; for a load balancer, an internet-facing one in public subnets. Databases are better left private.
reach-address-and-port = { $address } (destination port { $port })
reach-igw-attached = { $id }: attached
reach-igw-attached-to = { $id }: attached to { $vpc }

## endpoint
# Why an endpoint has a public address or not, for the internet gateway's verdict.
reach-public-subnet-gives-ip = { $subnet } gives instances a public IP at launch
reach-public-subnet-gives-no-ip = { $subnet } does not give instances a public IP at launch
reach-public-ip = public IP { $ip }
reach-public-no-ip = { $what } has no public IP
reach-public-internet = the internet
reach-public-address = a public address
reach-public-db-accessible = { $id } is publicly accessible
reach-public-db-not-accessible = { $id } is not publicly accessible
reach-public-lb-internet-facing = { $name } is internet-facing
reach-public-lb-internal = { $name } is internal

## component
# What a hop is, as the command line and the path picture name it.
reach-component-security-group = security group
reach-component-network-acl = network ACL
reach-component-route-table = route table
reach-component-peering = peering
reach-component-internet-gateway = internet gateway
reach-component-nat-gateway = NAT gateway
reach-component-transit-gateway = transit gateway
reach-placements-all-open = placements open: { $all }/{ $all } (a database or load balancer may use any of its subnets; every one was walked and all are open, the path shown is the first)
reach-placements-some-blocked = placements open: { $open }/{ $all } (a database or load balancer may use any of its subnets; every one was walked, the path shown is the first that is blocked)
reach-nat-gateway-to-public-subnet = { $nat } sits in { $subnet }, a private subnet: its route table { $rt } does not send the internet to an internet gateway, and pointing that table at one would make every subnet that uses it public. Create the NAT gateway in a public subnet (one whose route table sends 0.0.0.0/0 to an internet gateway), such as { $public }: `aws ec2 allocate-address --domain vpc`, then `aws ec2 create-nat-gateway --subnet-id { $public } --allocation-id ALLOCATION_ID`. Then point the private route at it, `{ $cmd }`, and delete { $nat }.
