#include "platform/office/table.hpp"

#include "platform/office/csv.hpp"
#include "platform/office/xlsx.hpp"

namespace renkei::office {

std::string Table::Csv() const {
    office::Csv csv(head);
    for (const auto& r : rows) csv.Row(r);
    return csv.Bytes();
}

std::string Table::Xlsx() const {
    Workbook book;
    std::vector<double> w = widths;
    w.resize(head.size(), 16);
    auto* s = book.Sheet(sheet, title, head, w);
    for (size_t i = 0; i < lines.size() && i < 2; ++i) book.Line(s, static_cast<int>(i) + 1, lines[i]);
    for (const auto& r : rows) book.Row(s, r, numbers);
    return book.Bytes();
}

}  // namespace renkei::office
