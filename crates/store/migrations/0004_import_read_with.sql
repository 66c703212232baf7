-- How an imported file was read: the settings that change what its rows
-- become (personal-data hashing, strictness, the currency assumed, the column
-- mapping), as JSON. A file whose contents (`file_sha256`) and `read_with`
-- match an earlier import is skipped as unchanged; rows imported before this
-- migration have none, so their files are read once more.
ALTER TABLE import_log ADD COLUMN read_with VARCHAR;
