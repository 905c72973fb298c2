import sys

from orghealth.cli import main

sys.exit(main())
