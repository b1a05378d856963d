"""Process exit codes, in one place so scripts can rely on them."""

OK = 0
FAILED = 1  # the command ran but some input or operation failed (details on stderr)
USAGE = 2  # bad arguments (click's own code)
DATABASE = 3  # the database cannot be opened or reached
NOT_FOUND = 4  # a named cluster, quote or file does not exist
INTERRUPTED = 130  # stopped by Ctrl-C (SIGINT), as shells report it; what was committed stays
# The reader of the output went away before the end (`tracker quotes | head -1`): the
# command stops writing and exits at once, quietly (no message, no traceback) and with
# status 0, as ripgrep does: the reader chose to stop, and a reader that failed says so
# with its own status (`set -o pipefail` sees it). Not 141 (128 + SIGPIPE, what `cat` gets
# from a shell): Python reports a single large write cut short as written, so 141 could be
# given only some of the time. A command writes to stdout only once its work is committed;
# a reader of stderr going away only silences the messages, and the work goes on.
BROKEN_PIPE = OK
