"""``python -m factcheck``: command line tools (see factcheck.extraction.cli)."""

import sys

from factcheck.extraction.cli import main

sys.exit(main())
