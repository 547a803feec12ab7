-- The parameters each check used (a JSON object, parameter → value) and, for a check with
-- `--discover`, which of them were read off the account (a JSON array of names). Checks recorded
-- before parameters were kept have neither.
ALTER TABLE attempts ADD COLUMN params TEXT;
ALTER TABLE attempts ADD COLUMN discovered_params TEXT;
