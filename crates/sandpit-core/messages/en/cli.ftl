# The `sandpit` command line's own words (the library's findings carry their own texts).

snapshot-written = snapshot written to { $path } ({ $kinds } resource kinds read)
snapshot-unreadable = could not read { $kind }: { $action }
