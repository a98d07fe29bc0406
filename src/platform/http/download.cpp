#include "platform/http/download.hpp"

#include "platform/error.hpp"

namespace renkei::http {

Response Download(std::string bytes, std::string_view content_type, const std::string& filename) {
    Response r = Response::Text(200, std::move(bytes), std::string(content_type));
    bool ascii = true;
    for (unsigned char c : filename) ascii = ascii && c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
    r.headers.emplace_back("Content-Disposition", AttachmentDisposition(filename, ascii ? filename : "download"));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

Response TableDownload(const office::Table& table, std::string_view format, const std::string& name) {
    if (format == "csv") return Download(table.Csv(), kCsvType, name + ".csv");
    if (format == "xlsx") return Download(table.Xlsx(), kXlsxType, name + ".xlsx");
    throw Error{ErrorCode::kInternal, "", "TableDownload: unknown format " + std::string(format)};
}

std::string ExportLanguage(const Request& req) {
    auto language = req.Query("lang").value_or("ja");
    if (language != "ja" && language != "en") throw Invalid("lang", "lang must be ja or en");
    return language;
}

}  // namespace renkei::http
