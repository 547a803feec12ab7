# The network picture (sandpit-view topology): words inside the picture and differences from the target.

## A subnet box's route line when it has no default route (0.0.0.0/0)
topology-no-route = no route to the internet

## A default route other than the target's
topology-route-none = no route to the internet: its route table needs 0.0.0.0/0 → { $want }
topology-route-elsewhere = 0.0.0.0/0 goes to { $found }, expected { $want }
