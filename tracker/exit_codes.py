"""Process exit codes, in one place so scripts can rely on them."""

OK = 0
FAILED = 1  # the command ran but some input or operation failed (details on stderr)
USAGE = 2  # bad arguments (click's own code)
DATABASE = 3  # the database cannot be opened or reached
NOT_FOUND = 4  # a named cluster, quote or file does not exist
INTERRUPTED = 130  # stopped by Ctrl-C (SIGINT), as shells report it; what was committed stays
