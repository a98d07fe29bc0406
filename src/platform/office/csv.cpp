#include "platform/office/csv.hpp"

namespace renkei::office {

std::string CsvCell(std::string_view text) {
    std::string value(text);
    if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@'))
        value.insert(value.begin(), '\'');
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

Csv::Csv(const std::vector<std::string>& header) : out_("\xEF\xBB\xBF") { Row(header); }

void Csv::Row(const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out_ += (i ? "," : "") + CsvCell(cells[i]);
    out_ += "\r\n";
}

}  // namespace renkei::office
