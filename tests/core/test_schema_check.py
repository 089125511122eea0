from genesis.core.schema_check import schema_errors

SCHEMA = {
    "type": "object",
    "required": ["name", "items"],
    "properties": {
        "name": {"type": "string", "minLength": 2, "maxLength": 5},
        "kind": {"enum": ["a", "b"]},
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "items": {"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "integer"}},
    },
}


def test_conforming_value() -> None:
    assert schema_errors({"name": "abc", "items": [1], "kind": "a", "score": 0.5}, SCHEMA) == []


def test_every_problem_is_named() -> None:
    errors = schema_errors({"name": "x", "items": [1, "2", 3], "kind": "c", "score": True}, SCHEMA)
    assert "$.name: shorter than 2 characters" in errors
    assert "$.items: more than 2 items" in errors
    assert "$.items[1]: expected integer, got str" in errors
    assert "$.kind: 'c' is not one of ['a', 'b']" in errors
    assert "$.score: expected number, got bool" in errors
    assert schema_errors([], SCHEMA) == ["$: expected object, got list"]
    assert schema_errors({}, SCHEMA) == ["$: missing 'name'", "$: missing 'items'"]
