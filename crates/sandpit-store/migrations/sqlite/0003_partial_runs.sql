-- A check of some steps (`--step`) used to be recorded as `pass` when those steps passed. It says
-- nothing about the steps it did not evaluate, so it is `partial` now: recorded runs of that kind
-- (a step other than the budget preflight skipped) are relabelled, and their stored report
-- follows the column when it is read back.
UPDATE attempts SET status = 'partial'
WHERE status = 'pass'
  AND EXISTS (
      SELECT 1 FROM attempt_steps s
      WHERE s.attempt_id = attempts.id AND s.status = 'skipped' AND s.step_id <> 'budget-guard'
  );
