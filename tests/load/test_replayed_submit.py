"""The same final POST replayed 10 times in parallel stores one assessment."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from .client import Browser
from .server import running_server

pytestmark = pytest.mark.load


def test_parallel_replays_of_submit_store_one_result(tmp_path, static_root):
    with running_server(tmp_path, static_root) as server:
        browser = Browser(server.base)
        token = browser.start_and_answer()
        with ThreadPoolExecutor(max_workers=10) as pool:
            answers = list(pool.map(lambda _: browser.post(f"/a/{token}/review/", {}), range(10)))
        rows = server.query("SELECT status, count(*) FROM assessments_assessment GROUP BY status")
    assert {status for status, _ in answers} == {302}
    assert len({location for _, location in answers}) == 1, "every replay lands on one result"
    assert rows == [("submitted", 1)]
