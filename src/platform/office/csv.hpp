// CSV for Excel (SPEC: Japanese text must open correctly): UTF-8 with a byte order mark, CRLF
// line ends, cells quoted where needed, and a cell that Excel would run as a formula kept as text.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace renkei::office {

// One cell: quoted when it holds a comma, quote or line break; a leading = + - @ (a formula to
// Excel) gets an apostrophe first so it stays text.
std::string CsvCell(std::string_view text);

// A whole file: the BOM, then one CRLF-ended line per row.
class Csv {
  public:
    explicit Csv(const std::vector<std::string>& header);
    void Row(const std::vector<std::string>& cells);
    const std::string& Bytes() const { return out_; }

  private:
    std::string out_;
};

}  // namespace renkei::office
