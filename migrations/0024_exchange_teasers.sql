-- Tiered disclosure (issue 16, SPEC §3, docs/exchange.md "Tiered disclosure"): a confidential
-- need or seed may carry a teaser its owner writes (title in Japanese and English, one
-- paragraph, area, kind) that everyone in the centre sees; the details stay with the owner's
-- organisation, the office and people covered by an NDA with that organisation. A confidential
-- item without a teaser stays hidden from everyone else, as before.

-- company_id: the organisation whose confidential material the need is (the author's company,
-- or the top of the author's organisation tree: the university, the hospital).
ALTER TABLE exchange_needs ADD COLUMN confidential INTEGER NOT NULL DEFAULT 0;
ALTER TABLE exchange_needs ADD COLUMN company_id TEXT REFERENCES organisations(id);

ALTER TABLE exchange_needs ADD COLUMN teaser_title_ja TEXT NOT NULL DEFAULT '';
ALTER TABLE exchange_needs ADD COLUMN teaser_title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE exchange_needs ADD COLUMN teaser_body TEXT NOT NULL DEFAULT '';
ALTER TABLE exchange_needs ADD COLUMN teaser_area TEXT NOT NULL DEFAULT '';
ALTER TABLE exchange_needs ADD COLUMN teaser_kind TEXT NOT NULL DEFAULT '';

ALTER TABLE exchange_seeds ADD COLUMN teaser_title_ja TEXT NOT NULL DEFAULT '';
ALTER TABLE exchange_seeds ADD COLUMN teaser_title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE exchange_seeds ADD COLUMN teaser_body TEXT NOT NULL DEFAULT '';
ALTER TABLE exchange_seeds ADD COLUMN teaser_area TEXT NOT NULL DEFAULT '';
ALTER TABLE exchange_seeds ADD COLUMN teaser_kind TEXT NOT NULL DEFAULT '';

-- "詳細を見る (NDA を依頼)": the draft NDA the contracts module opened for a person who asked
-- for an item's details (one per person and item); notified_at: when the person was told that
-- the details are open to them (the NDA in force and covering them).
CREATE TABLE exchange_disclosure_requests (
    id TEXT PRIMARY KEY,
    item_type TEXT NOT NULL,
    item_id TEXT NOT NULL,
    requester_id TEXT NOT NULL REFERENCES people(id),
    contract_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    notified_at BIGINT,
    UNIQUE (item_type, item_id, requester_id)
);
CREATE INDEX exchange_disclosure_requests_contract ON exchange_disclosure_requests(contract_id);
