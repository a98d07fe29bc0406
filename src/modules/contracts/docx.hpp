// Word documents (.docx = a zip of XML parts): reading and writing the archive with libzip,
// the built-in Japanese template of each contract type, and filling a template.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "modules/contracts/model.hpp"

namespace renkei::contracts::docx {

inline constexpr const char* kContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

struct Entry {
    std::string name, bytes;
};
// The archive's entries in order. Throws Error{kInvalid, field} when `bytes` is not a zip or has
// no word/document.xml (so an upload that is not a Word document is refused).
std::vector<Entry> ReadArchive(const std::string& bytes, const std::string& field = "file");
std::string WriteArchive(const std::vector<Entry>& entries);

// The parts where merge fields may appear: the document body, headers and footers.
bool IsTextPart(const std::string& name);
// Merge fields in all text parts, in order of first appearance.
std::vector<std::string> MergeFields(const std::vector<Entry>& entries);
// The template filled with `values` (see FillMergeFields).
std::string Fill(const std::string& template_bytes, const std::map<std::string, std::string>& values);

// A paragraph of the document body (text escaped; style: "Title", "Heading2" or none).
std::string Paragraph(const std::string& text, const char* style = nullptr);
// A whole .docx (A4, Mincho) from body paragraphs and the text of its header and footer; merge
// fields may appear in all three. Other modules' built-in templates are made with it.
std::string Package(const std::string& body, const std::string& header, const std::string& footer);

// The built-in template of a type: a small .docx with Japanese text and merge fields.
std::string DefaultTemplate(ContractType type);

}  // namespace renkei::contracts::docx
