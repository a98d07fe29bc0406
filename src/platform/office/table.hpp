// A list the office exports, described once and written both as CSV for Excel (csv.hpp) and as an
// .xlsx workbook (xlsx.hpp): the same header and rows in both; the title, the lines under it, the
// column widths and the number format only in the workbook.
#pragma once
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace renkei::office {

struct Table {
    // (Every member has an initializer, so that designated initializers may leave any out.)
    std::string sheet = {};               // at most 31 characters, none of []:*?/ or a backslash
    std::string title = {};               // the workbook's first row
    std::vector<std::string> lines = {};  // at most two lines under the title (the range, when it was made)
    std::vector<std::string> head = {};
    std::vector<double> widths = {};  // one per column of `head` (Excel's character widths)
    std::set<size_t> numbers = {};    // columns of whole numbers: #,##0 in the workbook (text when a cell is not one)
    std::vector<std::vector<std::string>> rows = {};

    void Row(std::vector<std::string> cells) { rows.push_back(std::move(cells)); }
    std::string Csv() const;   // UTF-8 with a BOM, CRLF, formula-safe cells
    std::string Xlsx() const;  // throws Error{kInternal} when the workbook cannot be written
};

}  // namespace renkei::office
