"""The RoleFit project package: settings, URLs and the plumbing every app shares.

Templates, static files, translations and the shipped data files live inside this
package, so an installed wheel carries everything the site needs.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
FIXTURES_DIR = PACKAGE_DIR / "fixtures"
SHIPPED_BANK = FIXTURES_DIR / "question_bank.json"
