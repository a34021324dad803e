"""A reviewer exports what the queue shows, in the browser, and opens the file."""
import json

from factcheck.models import ClaimStatus, Role
from tests.browser.conftest import screenshot
from tests.factories import make_claim


def test_the_queue_export_downloads_the_filtered_claims(signed_in, db):
    kept = [make_claim(language="fr") for _ in range(2)]
    make_claim(language="en")
    make_claim(language="fr", status=ClaimStatus.DISMISSED)
    db.session.commit()
    page, _ = signed_in(Role.REVIEWER)
    page.goto("/queue?language=fr&status=new")
    page.click("#queue-export")
    page.wait_for_url("**/export?**")
    screenshot(page, "export")
    assert "2" in page.inner_text("#export-count")
    with page.expect_download() as download_info:
        page.click("#export-download")
    download = download_info.value
    assert download.suggested_filename.endswith(".jsonl")
    with open(download.path(), encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    assert sorted(r["public_id"] for r in records) == sorted(c.public_id for c in kept)
