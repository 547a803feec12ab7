# What the views built for the window and the pages say: the lab runner's budget step, the
# picture of a path-question answer.

## lab runner: the budget step a billable lab starts with
view-budget-step-console =
    This lab creates resources billed by the hour. Before it starts, a monthly cost budget with alerts must watch the account.

    Use **Create budget guard** below, or run `sandpit budget ensure --limit 22 --email you@example.com` (the only Sandpit command that writes to the account), or build it in **Billing → Budgets** as the `budget-guard` lab explains.
view-budget-step-why = A forgotten NAT gateway costs about $32 a month doing nothing. The guard e-mails you at 50%, 80% and 100% of the limit, and when the forecast passes it, so a surprise bill cannot happen quietly.
view-budget-step-hint = The class allowance is ₩30,000 ≈ 22 USD: use that as the limit.

## path picture
# The component a hop went through, in its label and the headline.
view-path-internet = internet
view-path-open = ✓ The network path is open both ways
view-path-blocked = × Blocked at hop { $hop }: { $component } { $resource }
