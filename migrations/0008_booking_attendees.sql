-- The people invited to a booking besides its organiser (every occurrence of a series has its
-- rows). A person is busy during the pending and confirmed bookings they organise or attend;
-- the free-slot finder (GET /api/slots) reads that.
CREATE TABLE booking_attendees (
    booking_id TEXT NOT NULL REFERENCES bookings(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    PRIMARY KEY (booking_id, person_id)
);
CREATE INDEX booking_attendees_person ON booking_attendees(person_id, booking_id);

-- A guest's own cancellation link (/public/events/{id}?registration=TOKEN): the secret token is
-- shown once, only its SHA-256 is stored.
ALTER TABLE event_registrations ADD COLUMN cancel_token_hash TEXT;
CREATE INDEX event_registrations_token ON event_registrations(cancel_token_hash);
