"""``python -m factcheck``: command line tools (see factcheck.cli)."""

import sys

from factcheck.cli import main

sys.exit(main())
