"""``python -m command``: the same as ``ita``."""

import sys

from command.main import main

sys.exit(main())
