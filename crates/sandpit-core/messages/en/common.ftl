# Words every part of Sandpit shares: verdicts and their labels.

## A lab's verdict
lab-status-pass = pass
lab-status-fail = fail
lab-status-error = error
lab-status-blocked = blocked
lab-status-partial = partly checked
lab-status-none = not checked

## A step's verdict
step-status-pass = pass
step-status-fail = fail
step-status-error = error
step-status-blocked = blocked
step-status-skipped = skipped
