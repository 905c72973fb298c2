"""Where the product's own files live, independent of the working directory."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parents[1]
# In a checkout the SQL lives at the top level; an installed wheel carries it inside the package.
QUERIES_DIR = ROOT / "queries" if (ROOT / "queries").is_dir() else PACKAGE_DIR / "_queries"
SAMPLE_DATA_DIR = ROOT / "sample_data"
DEFAULT_RULES = PACKAGE_DIR / "default_rules.toml"
