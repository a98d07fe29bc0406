-- Addresses a person has signed in from. A correct password from one of them is not held up by
-- failures other addresses caused, so nobody can lock someone else out by guessing wrong.
CREATE TABLE login_addresses (
    person_id TEXT NOT NULL REFERENCES people(id),
    address TEXT NOT NULL,
    last_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, address)
);
