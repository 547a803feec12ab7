# Errors: what went wrong, then where to fix it (`-cli` on the command line, `-window` in the
# desktop window).

error-prefix = error

## AWS
error-no-region = no AWS region is configured
error-no-region-cli = pass --region (e.g. --region ap-northeast-2), set AWS_REGION, or set a region in your profile
error-no-region-window = choose a region in Settings → Region
error-no-profile = AWS profile `{ $profile }` was not found in ~/.aws/config or ~/.aws/credentials
error-no-profile-cli = name a profile that exists with --profile (see `aws configure list-profiles`)
error-no-profile-window = choose a profile that exists in Settings → AWS profile
error-no-credentials = no AWS credentials found
error-no-credentials-cli = run `aws configure` (or `aws sso login --profile NAME`), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
error-no-credentials-window = set up credentials with `aws configure` in a terminal, then choose the profile in Settings → AWS profile, or start the practice sandbox from Home
error-bad-credentials = AWS rejected the credentials ({ $code })
error-bad-credentials-fix = check the access key, or log in again if they expired
error-unreachable = cannot reach AWS at { $endpoint }
error-unreachable-cli = check the network, or --endpoint-url if you use an emulator
error-unreachable-window = check the network, or the endpoint URL in Settings if you use an emulator
error-root = refusing to use the root user's credentials ({ $arn }). The root user can do anything, including close the account
error-root-fix = create an IAM user or role with the read-only checker policy (labs/policies/sandpit-checker.json) and use its credentials
error-aws-call = AWS call { $operation } failed
error-detail = details: { $detail }

## Labs and parameters
error-lab-files = a lab file has problems:
error-lab-folder = cannot read the lab folder { $path }: { $detail }
error-unknown-lab = unknown lab `{ $id }` (known labs: `{ $known }`)
error-unknown-step = lab `{ $lab }` has no step `{ $step }` (steps: `{ $known }`)
param-unknown = lab `{ $lab }` has no parameter `{ $name }` (parameters: `{ $known }`)
param-of-type-cidr = `{ $name }` is a cidr parameter
param-of-type-port = `{ $name }` is a port parameter
param-of-type-integer = `{ $name }` is an integer parameter
param-of-type-number = `{ $name }` is a number parameter
param-of-type-domain = `{ $name }` is a domain parameter
param-of-type-string = `{ $name }` is a string parameter
param-not-cidr = `{ $value }` is not an IPv4 CIDR block (e.g. 10.10.1.0/24)
param-host-bits = `{ $value }` has host bits set; the block is { $network }
param-not-port = `{ $value }` is not a TCP port (1-65535)
param-not-integer = `{ $value }` is not a whole number
param-not-number = `{ $value }` is not a number
param-not-domain = `{ $value }` is not a domain name (e.g. example.com)
param-empty = the value is empty

## The progress store
store-fix-cli = fix --database-url (or SANDPIT_DATABASE_URL), or leave it out to use the SQLite file in the data folder
store-fix-window = fix the database URL in Settings, or leave it empty to use the SQLite file in the data folder
store-bad-url = `{ $url }` is not a database URL Sandpit can use ({ $detail })
store-too-new = the database { $location } was upgraded by a newer Sandpit (schema version { $version } is unknown here): update Sandpit
store-unreachable = cannot open the database { $location }: { $detail }
store-tls = cannot open the database { $location }: no secure connection to { $server }: { $detail }
store-io = cannot write { $path }: { $detail }
store-migration = cannot upgrade the database { $location }: { $detail }
store-query = database error: { $detail }
store-no-attempt = there is no attempt { $id } in the database
store-corrupt = damaged record in the database: { $detail }
store-export = cannot render the export: { $detail }

## The budget guard's options
guard-not-email = `{ $value }` is not an e-mail address
guard-not-sns-topic = `{ $value }` is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:TOPIC)
guard-not-name = `{ $value }` is not a budget name (1-100 characters, no `:` or `\`)
guard-not-amount = { $value } is not a positive amount
guard-not-currency = `{ $value }` is not a currency code such as USD
guard-no-subscriber = a guard nobody hears is no guard: give at least one --email ADDRESS or --sns-topic ARN
guard-too-many-emails = { $count } addresses: AWS Budgets allows at most 10 per alert
guard-one-sns-topic = AWS Budgets allows one SNS topic per alert
guard-not-iam-arn = { $flag }: `{ $value }` is not an IAM { $kind } ARN (arn:aws:iam::ACCOUNT:{ $kind }/NAME)
guard-hard-stop-target = --hard-stop: { $arn } is neither an IAM user nor an assumed role, so a Budgets action cannot target it
guard-budgets-denied = cannot read AWS Budgets: AWS denied { $action }; attach { $policy } (or labs/policies/sandpit-checker.json)
guard-budgets-failed = cannot read AWS Budgets: { $action } failed: { $detail }

## Rosters, lessons, notes, the practice sandbox
error-roster-unreadable = cannot read roster { $path }: { $detail }
error-roster-invalid = the roster has problems:
lesson-broken-builtin = a built-in lesson is broken (a bug in this build of Sandpit): { $detail }
lesson-unknown = no lesson with id `{ $id }` (see `sandpit lessons list`)
notes-no-folder = { $path }: no such folder
notes-none = { $path }: no Markdown notes (.md) to import
notes-into-itself = { $path }: this folder is inside Sandpit's notes folder; import the original vault instead
lesson-io = { $path }: { $detail }
lesson-template = the page template failed (a bug in this build of Sandpit): { $detail }
practice-no-python = cannot create the practice virtualenv ({ $detail }): install Python 3 with venv (Debian: sudo apt install python3-venv)
practice-install = cannot install the emulator into { $venv }: { $detail }
practice-start = the emulator did not start on 127.0.0.1:{ $port }: { $detail } (log: { $log })
practice-io = { $path }: { $detail }
notes-manifest = { $path }: { $detail } (move the file aside and import your vaults again)
notes-unknown-vault = no imported vault `{ $which }`; imported vaults: `{ $known }`
notes-ambiguous-vault = `{ $which }` could be any of: `{ $known }`; name one by its key or source folder
notes-index = search index { $path }: { $detail }

# sandpit reach: questions that cannot be answered
reach-unknown-endpoint = { $flag } { $input }: { $why }
reach-ambiguous = { $flag } { $input } is ambiguous: it names { $candidates }; use one of the ids
reach-not-collected = the snapshot has no { $kind } (it was saved without them): save a full one with `sandpit snapshot --out FILE` or `sandpit reach … --save-snapshot FILE`
reach-unreadable-denied = cannot read { $kind }: AWS denied { $action }; attach { $policy } (or labs/policies/sandpit-checker.json)
reach-unreadable-failed = cannot read { $kind }: { $action } failed: { $message }
reach-empty = is empty
reach-names-nothing = names nothing in this snapshot (an instance, network interface, RDS instance, load balancer, security group or subnet id, a Name tag, an IPv4 address or CIDR, or `internet`)
reach-vpc-not-in-snapshot = its VPC { $vpc } is not in the snapshot
reach-address-in-no-subnet = is in no subnet of the VPCs read and is not a public address: name a subnet, an instance or `internet`
reach-not-a-subnet-of = is not a subnet { $owner } can be in (its subnets: { $subnets })
reach-in-no-subnet = { $what } is in no subnet
reach-subnet-not-in-snapshot = its subnet { $subnet } is not in the snapshot
reach-no-db-subnet-group = has no DB subnet group
reach-db-subnet-group-missing = its DB subnet group { $group } is not in the snapshot
reach-db-subnets-missing = none of the subnets of { $group } is in the snapshot
reach-lb-subnets-missing = none of its subnets is in the snapshot
reach-vpc-has-no-subnet = its VPC { $vpc } has no subnet
reach-group-needs-subnet = { $flag } { $input }: the group's VPC { $vpc } has { $count } subnets; say where the instance is with { $subnet_flag } (one of: { $subnets })
reach-hint-not-placed = { $subnet_flag } { $hint }: only a security group, a database or a load balancer is placed in a subnet; leave it out for { $flag } { $input }
reach-port-needed = --port: { $protocol } needs a port from 1 to 65535 (e.g. --port 3306)
reach-block-spans-subnets = is wider than one subnet: it spans { $subnets }. Ask about one of them (its id, Name tag or CIDR), or an address or instance in it
reach-port-without-ports = --port is for tcp and udp; { $protocol } has no port: leave --port out (or ask with --protocol tcp or udp)
reach-both-outside = --from { $from } and --to { $to } are both outside every VPC: one end must be in a VPC
