// The KPI module's reading of the centre's records. A reporting module owns no tables: its store
// reads, and never writes, the tables of needs, seeds, introductions, contracts, projects, ethics,
// COI, inventions and products (docs/kpi.md says why this module alone may), a fixed number of
// queries per call whatever the data's size.
#pragma once
#include "modules/kpi/model.hpp"
#include "platform/db/database.hpp"

namespace renkei::kpi::store {

Facts LoadFacts(db::Tx& tx);

}  // namespace renkei::kpi::store
