"""``python -m govdisclosure.cli``, as ``python -m govdisclosure``."""

import sys

from . import main

sys.exit(main())
