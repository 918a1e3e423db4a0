"""docker-compose.yml, read as data: pinned images, health checks, the service's shape, and
every PORTFOLIO_* variable it sets documented (a Settings field and a README table row)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from storage.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES: dict[str, dict] = COMPOSE["services"]
APP_SERVICES = ("migrate", "api", "dispatcher", "worker")
INFRASTRUCTURE = ("postgres", "minio", "rabbitmq")


def readme_variables() -> set[str]:
    """Variables the README's configuration table names (first column or in a row's meaning),
    with its shorthands expanded: `PORTFOLIO_S3_ENDPOINT/BUCKET`, `_PARSE_MEMORY_BYTES`."""
    text = (ROOT / "README.md").read_text()
    table = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names: set[str] = set()
    for row in (line for line in table.splitlines() if line.startswith("| `")):
        for token in re.findall(r"`(_?PORTFOLIO[A-Z0-9_/]*|_[A-Z0-9_/]+)`", row):
            first, *rest = token.split("/")
            if first.startswith("_"):
                first = "PORTFOLIO" + first
            names.add(first)
            prefix = first.rsplit("_", 1)[0]
            names.update(f"{prefix}_{more}" for more in rest)
    return names


def set_variables() -> dict[str, set[str]]:
    """PORTFOLIO_* variable -> the services that set it."""
    found: dict[str, set[str]] = {}
    for name, service in SERVICES.items():
        for variable in service.get("environment") or {}:
            if variable.startswith("PORTFOLIO_"):
                found.setdefault(variable, set()).add(name)
    return found


def test_every_portfolio_variable_set_is_a_documented_setting():
    fields = {f"PORTFOLIO_{name.upper()}" for name in Settings.model_fields}
    documented = readme_variables()
    variables = set_variables()
    assert len(variables) >= 15
    assert not variables.keys() - fields, "set in compose but not a Settings field"
    assert not variables.keys() - documented, "set in compose but not in the README's table"


def test_readme_table_documents_only_real_settings():
    fields = {f"PORTFOLIO_{name.upper()}" for name in Settings.model_fields}
    assert readme_variables() - fields == set()


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_every_image_is_pinned_to_a_version(name):
    image = SERVICES[name].get("image")
    assert image, f"{name} has no image (a built service names and tags its image too)"
    repository, _, tag = image.rpartition(":")
    assert repository and tag and tag != "latest", image
    assert re.search(r"\d+\.\d+", tag) or re.fullmatch(r"RELEASE\.[\dT:-]+Z", tag), image


@pytest.mark.parametrize("name", [*INFRASTRUCTURE, "api", "dispatcher", "worker"])
def test_long_running_services_have_health_checks(name):
    check = SERVICES[name].get("healthcheck")
    assert check and check.get("test"), name


def test_the_service_runs_as_api_dispatcher_and_several_workers():
    assert "serve" in SERVICES["api"]["command"] and "--no-worker" in SERVICES["api"]["command"]
    assert "--no-dispatch" not in SERVICES["dispatcher"]["command"]
    assert "--no-dispatch" in SERVICES["worker"]["command"]
    replicas = str(SERVICES["worker"]["deploy"]["replicas"])
    assert re.fullmatch(r"\$\{PORTFOLIO_WORKERS:-(\d+)\}", replicas)
    assert int(re.findall(r"\d+", replicas)[0]) >= 2
    for name in ("api", "dispatcher", "worker"):
        assert SERVICES[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )


def test_only_the_migration_job_holds_the_migration_role():
    holders = set_variables()
    assert holders["PORTFOLIO_POSTGRES_MIGRATION_PASSWORD"] == {"migrate"}
    assert holders["PORTFOLIO_POSTGRES_MIGRATION_USER"] == {"migrate"}
    assert "db migrate" in SERVICES["migrate"]["command"]
    app_role = {SERVICES[name]["environment"]["PORTFOLIO_POSTGRES_USER"] for name in APP_SERVICES}
    assert app_role == {SERVICES["postgres"]["environment"]["APP_ROLE"]}
    migrator = SERVICES["migrate"]["environment"]["PORTFOLIO_POSTGRES_MIGRATION_USER"]
    assert migrator == SERVICES["postgres"]["environment"]["MIGRATION_ROLE"] != app_role


def test_postgres_creates_both_roles_from_the_repository_sql():
    mounts = " ".join(SERVICES["postgres"]["volumes"])
    assert "./deploy/postgres/roles.sql:" in mounts
    assert "docker-entrypoint-initdb.d" in mounts
    for path in ("deploy/postgres/roles.sql", "deploy/postgres/init-roles.sh"):
        assert (ROOT / path).is_file()


def test_blobs_go_to_minio_with_object_lock():
    env = SERVICES["api"]["environment"]
    assert env["PORTFOLIO_BLOB_STORE"] == "s3"
    assert env["PORTFOLIO_S3_ENDPOINT"].startswith("minio:")
    default = re.fullmatch(
        r"\$\{PORTFOLIO_S3_RETENTION_DAYS:-(\d+)\}", env["PORTFOLIO_S3_RETENTION_DAYS"]
    )
    assert default and int(default.group(1)) > 0


def test_env_example_provides_every_required_variable():
    text = (ROOT / "docker-compose.yml").read_text()
    required = set(re.findall(r"\$\{([A-Z0-9_]+):\?", text))
    example = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    }
    assert required and required <= example
