-- The office's relevance judgments on suggestions (issue 16, docs/exchange.md "The office's
-- judgments"): one click on a need's suggestion says "this seed is relevant for this need" or
-- "it is not". One current judgment per pair: a new click replaces it, clearing deletes it (the
-- audit log keeps the history, entity exchange_judgment). A seed judged not relevant is no longer
-- suggested for the need (nor the need for the seed); one judged relevant comes first.
CREATE TABLE exchange_judgments (
    need_id TEXT NOT NULL REFERENCES exchange_needs(id),
    seed_id TEXT NOT NULL REFERENCES exchange_seeds(id),
    relevant INTEGER NOT NULL,
    judged_by TEXT NOT NULL REFERENCES people(id),
    judged_at BIGINT NOT NULL,
    PRIMARY KEY (need_id, seed_id)
);
CREATE INDEX exchange_judgments_seed ON exchange_judgments(seed_id);
