-- Learning to rank from the centre's decisions (issue 16, docs/exchange.md "Learning from the
-- centre's decisions"): each training run of `renkei exchange train` keeps its model here. The
-- latest adopted model re-ranks suggestions; without one, the engine's order stands. `model` is
-- JSON (feature names with mean, scale and weight); `summary` the run's figures (lists, pairs,
-- nDCG@10 before and after, why a model was not adopted).
CREATE TABLE exchange_rank_models (
    id TEXT PRIMARY KEY,
    trained_at BIGINT NOT NULL,
    trained_by TEXT REFERENCES people(id),
    adopted INTEGER NOT NULL,
    model TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX exchange_rank_models_trained ON exchange_rank_models(trained_at);
