#include "modules/ip/model.hpp"

namespace renkei::ip {

Date LegalEnd(DeadlineKind kind, Date from) {
    const auto& rule = EntryOf(kind);
    return PeriodEnd(from, rule.amount, rule.unit, false);
}

Date DueOn(DeadlineKind kind, Date from) { return NextOpenDay(LegalEnd(kind, from)); }

}  // namespace renkei::ip
