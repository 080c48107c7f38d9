"""The Web Annotation export against the W3C test suite's own JSON Schemas.

The schemas are vendored in ``tests/data/web-annotation-tests`` (w3c/web-annotation-tests,
under its licence in ``license.md``). Each assertion schema names its ``assertionType``
(must/should/may) and ``expectedResult``; the suite's ``*Musts.test`` files list the MUST
assertions for an annotation, a collection and a page. Every one of them is run here,
with format checks (``uri``, ``date-time``) on, as the suite's own harness does.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

# jsonschema is in the test extra; a venv made before it was added skips these tests.
pytest.importorskip("jsonschema")

from jsonschema import Draft4Validator, FormatChecker  # noqa: E402
from referencing import Registry  # noqa: E402
from referencing.jsonschema import DRAFT4  # noqa: E402

from annotator.export.research import web_annotations  # noqa: E402
from annotator.export.table import collect  # noqa: E402
from annotator.store import Store  # noqa: E402
from tests import export_fixture  # noqa: E402

SUITE = Path(__file__).resolve().parents[2] / "data" / "web-annotation-tests"


@cache
def registry() -> Registry:  # type: ignore[type-arg]
    """Every schema of the suite under its own ``id`` ("id.json", "3.1-...json")."""
    resources = []
    for path in sorted(SUITE.rglob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema.get("id", path.name), DRAFT4.create_resource(schema)))
    return Registry().with_resources(resources)  # type: ignore[no-any-return]


def musts(test_file: str) -> list[dict[str, Any]]:
    """The assertion schemas a ``.test`` file lists, each a MUST of the model."""
    listed = json.loads((SUITE / test_file).read_text(encoding="utf-8"))["assertions"]
    schemas = [json.loads((SUITE / name).read_text(encoding="utf-8")) for name in listed]
    assert schemas and all(s["assertionType"] == "must" for s in schemas)
    return schemas


def failures(instance: Any, test_file: str) -> list[str]:
    """The MUST assertions of ``test_file`` that ``instance`` does not meet."""
    failed = []
    for schema in musts(test_file):
        validator = Draft4Validator(schema, registry=registry(), format_checker=FormatChecker())
        valid = validator.is_valid(instance)
        if valid != (schema.get("expectedResult", "valid") == "valid"):
            failed.append(f"{schema['id']}: {schema.get('errorMessage', schema['title'])}")
    return failed


@pytest.fixture
def collection(built: Store) -> dict[str, Any]:
    return web_annotations(collect(built, desk=export_fixture.DESK, full=True))


def test_the_suite_is_vendored_with_its_licence() -> None:
    assert (SUITE / "license.md").exists()
    assert "w3c/web-annotation-tests" in (SUITE / "SOURCE.txt").read_text(encoding="utf-8")
    assert len(musts("annotations/annotationMusts.test")) > 40


def test_every_annotation_meets_every_must(collection: dict[str, Any]) -> None:
    items = collection["first"]["items"]
    assert len(items) == 5
    for item in items:
        # An annotation read on its own carries the context, as the suite expects.
        annotation = {"@context": collection["@context"], **item}
        assert failures(annotation, "annotations/annotationMusts.test") == [], item["id"]


def test_the_collection_meets_every_must(collection: dict[str, Any]) -> None:
    assert failures(collection, "collections/collectionMusts.test") == []


def test_the_page_meets_every_must(collection: dict[str, Any]) -> None:
    page = {"@context": collection["@context"], **collection["first"]}
    assert failures(page, "collections/pages/pageMusts.test") == []
    # The suite also takes a collection with its page embedded.
    assert failures(collection, "collections/pages/pageMusts.test") == []


def test_the_suite_catches_what_the_old_export_did() -> None:
    """The failures issue 14 found, fed to the same schemas: they fail."""
    both = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:x:1",
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": "supports", "source": "https://doi.org/10.1/x"}],
        "target": "https://news.example/a",
    }
    assert failures(both, "annotations/annotationMusts.test")
    no_id = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection"}
    assert failures(no_id, "collections/collectionMusts.test")
