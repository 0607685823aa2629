"""Where the app finds its files, and the deployment it serves."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Config:
    frontend_dir: Path = ROOT / "frontend"
    service_worker_file: Path = ROOT / "service_worker" / "sw.js"
    translations_dir: Path = ROOT / "translations"
    content_dir: Path = ROOT / "content"
    schema_file: Path = ROOT / "schema" / "plan-schema.json"
    deployment_file: Path = field(
        default_factory=lambda: Path(
            os.environ.get("FAMPLAN_DEPLOYMENT", ROOT / "server" / "deployments" / "milwaukee.toml")
        )
    )

    @property
    def templates_dir(self) -> Path:
        return self.frontend_dir / "templates"

    @property
    def static_dir(self) -> Path:
        return self.frontend_dir / "static"
