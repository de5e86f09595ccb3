"""mkdocs hook: publish the JSON Schema bundle with the docs, generated at build time.

The bundle is ``schoollogistics.schema.bundle()`` written as
``reference/schoollogistics.schema.json`` in the built site: never a committed copy
that goes stale when a docstring changes.
"""

from __future__ import annotations

import json
from typing import Any

from mkdocs.structure.files import File, Files

from schoollogistics.schema import bundle

PATH = "reference/schoollogistics.schema.json"


def on_files(files: Files, config: Any) -> Files:
    text = json.dumps(bundle(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    files.append(File.generated(config, PATH, content=text))
    return files
