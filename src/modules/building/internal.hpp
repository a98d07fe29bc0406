// Helpers shared by the building module's own .cpp files (not for other modules): names for
// output, audit views, the overlap-safe write, and the booking plan that bookings and events
// both go through.
#pragma once
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "modules/building/service.hpp"
#include "modules/building/store.hpp"

namespace renkei::building {

// Every space, read once per request.
class SpaceNames {
  public:
    explicit SpaceNames(db::Tx& tx);
    const Space* Find(const std::string& id) const;

  private:
    std::map<std::string, Space> spaces_;
};

// Whether `id` names an active person (through the people service).
bool IsActivePerson(db::Tx& tx, const std::string& id);

// Fills the names, the spaces, the details `me` may see and can_cancel (a booking not over at
// `now`) of bookings whose attendee_ids are filled, with one query for everyone they name.
void DecorateAll(db::Tx& tx, const Me& me, const std::vector<Booking*>& bookings, Seconds now);
// Decorates clashes (or any bookings) the same way.
void DecorateClashes(db::Tx& tx, const Me& me, std::vector<Clash>& clashes, Seconds now);

boost::json::value AuditView(const Booking& b);
boost::json::value AuditView(const Event& e);
boost::json::value AuditView(const Registration& r);

// A booking checked against the space's rules and its existing bookings, before anything is stored.
struct Plan {
    Space space;
    std::vector<Slot> occurrences;
    std::vector<std::optional<Booking>> clashes;       // per occurrence
    BookingStatus status = BookingStatus::kConfirmed;  // or pending where the office approves
    std::vector<std::string> attendee_ids;             // validated
};
// Validates `in` (kInvalid naming the field) and finds each occurrence's clash. An event's
// booking (`for_event`) may use a space that is not bookable and ignores opening hours, maximum
// length and capacity.
Plan PlanBooking(db::Tx& tx, const Me& me, const NewBooking& in, bool for_event, Seconds now);
std::vector<Clash> ClashesOf(const Plan& plan);
// Stores one booking; on PostgreSQL a confirmed booking that lost a race to another
// transaction comes back as the clash that won.
std::optional<Booking> StoreBooking(db::Tx& tx, Booking& b);

// Events and registrations (events.cpp).
Event RequireEvent(db::Tx& tx, const std::string& id);  // kNotFound
bool CanManageEvent(const Me& me, const Event& e);      // the office and the event's organiser
// Fills free places from the waiting list, in order, and tells the members who moved up.
void PromoteFromWaitlist(db::Tx& tx, const Event& e, Seconds now);

// The messages of events (event_mail.cpp), to guests and members alike, written to the outbox.
void MailRegistration(db::Tx& tx, const Event& e, const Registration& r, Seconds now);
void MailPromotion(db::Tx& tx, const Event& e, const Registration& r, Seconds now);
void MailEventCancelled(db::Tx& tx, const Event& e, const Registration& r, Seconds now);

}  // namespace renkei::building
