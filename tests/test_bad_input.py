"""Every bad input of the catalogue fails cleanly: exit 2, file and field named, nothing written."""

import pytest

from .bad_inputs import CASES, run_case


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.key)
def test_bad_input_fails_cleanly(case, tmp_path, monkeypatch):
    monkeypatch.delenv("ECOSIM_DEBUG", raising=False)
    code, _, err, written = run_case(case, tmp_path)
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err, err
    for words in case.says:
        assert words in err, (words, err)
    assert written == set(), written  # no results, manifests or partial folders
